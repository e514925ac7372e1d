// The post list: newest first, only visible rows drawn.
#include "app.h"
#include "folio/date.h"

namespace folio {

void panel_list(App& app) {
    app.visible_rows.clear();
    const Catalog& c = app.catalog;
    if (!app.selected && c.size() > 0) app.selected = 0;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("posts", 3, flags, ImGui::GetContentRegionAvail())) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, em * 5.6f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(c.size()));
    if (app.scroll_to_selected && app.selected) {
        const int i = static_cast<int>(*app.selected);
        clipper.ForceDisplayRangeByIndices(i, i + 1);
    }
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto i = static_cast<std::size_t>(row);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(row);
            const std::string day = c.has_date[i] ? format_day(c.dates[i], c.utc_offsets[i]) : "—";
            const bool is_selected = app.selected == i;
            if (ImGui::Selectable(day.c_str(), is_selected, ImGuiSelectableFlags_SpanAllColumns)) app.selected = i;
            if (is_selected && app.scroll_to_selected) {
                ImGui::SetScrollHereY(0.5f);
                app.scroll_to_selected = false;
            }
            if (ImGui::IsItemVisible()) {
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                app.visible_rows.push_back({i, a.y, b.y});
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(c.titles[i].c_str());
            ImGui::TableSetColumnIndex(2);
            if (c.sites[i] >= 0) ImGui::TextDisabled("%s", app.manifest.sites[static_cast<std::size_t>(c.sites[i])].c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace folio

// The facets sidebar: tags, categories, authors and sources, each value with the count it would
// give (following the query and the other filters), multi-select, clear one facet or all.
#include <cctype>
#include <cstring>
#include <cstdio>

#include "app.h"
#include "text_bridge.h"
#include "folio/date.h"

namespace folio {
namespace {

constexpr Ui kFacetTitles[kFacetCount] = {Ui::FacetTags, Ui::FacetCategories, Ui::FacetAuthors, Ui::FacetSources};
constexpr const char* kFacetKeys[kFacetCount] = {"tag", "category", "author", "source"};

// Case-insensitive (ASCII) substring test; other scripts match as typed.
bool contains_folded(const std::string& hay, const char* needle) {
    const std::size_t n = std::strlen(needle);
    if (n == 0) return true;
    const auto lower = [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); };
    for (std::size_t i = 0; i + n <= hay.size(); ++i) {
        std::size_t k = 0;
        while (k < n && lower(hay[i + k]) == lower(needle[k])) ++k;
        if (k == n) return true;
    }
    return false;
}

void facet_section(App& app, Facet facet) {
    const auto f = static_cast<std::size_t>(facet);
    const auto& names = facet_names(app.manifest, facet);
    const BrowseResult& r = app.browse.result;
    const auto& order = r.order[f];
    const std::size_t chosen = current_view(app).filters.selected[f].size();
    const char* title = ui(app, kFacetTitles[f]);
    const std::string label = (chosen ? ui(app, Ui::FacetChosen, {title, std::to_string(chosen), std::to_string(order.size())})
                                      : ui(app, Ui::FacetCount, {title, std::to_string(order.size())})) +
                              "###" + kFacetKeys[f];
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    ImGui::PushStyleColor(ImGuiCol_Header, ImGui::GetStyleColorVec4(ImGuiCol_TableHeaderBg));  // a section, not a selection
    const bool open = ImGui::CollapsingHeader(label.c_str());
    ImGui::PopStyleColor();
    note_control(app, (std::string("facet_") + kFacetKeys[f]).c_str());
    sem_item(app, (std::string("facet_") + kFacetKeys[f]).c_str(), SemRole::Button, std::string(label).substr(0, std::string(label).find("###")), "filters");
    if (!open) return;
    ImGui::PushID(static_cast<int>(f));
    if (chosen) {
        if (ImGui::SmallButton((std::string(ui(app, Ui::Clear)) + "###clear").c_str())) facet_clear(app, facet);
        note_control(app, (std::string("clear_") + kFacetKeys[f]).c_str());
        sem_item(app, (std::string("clear_") + kFacetKeys[f]).c_str(), SemRole::Button, std::string(ui(app, Ui::Clear)) + " " + title, "filters");
    }
    // Long lists get a filter box; either way only the visible rows are drawn.
    char* filter = app.browse.value_filter[f].data();
    if (order.size() > 8) {
        ImGui::SetNextItemWidth(-1);
        const std::string hint = ui(app, Ui::FilterValues, {std::to_string(order.size())});
        const ImGuiID id = ImGui::GetID("##filter");
        const bool was_editing = text_bridge_owner() == id;
        ImGui::InputTextWithHint("##filter", hint.c_str(), filter, app.browse.value_filter[f].size());
        glyphs_want_ui(app, filter);  // typed text can be in any script
        text_field_bridge(id);
        if (was_editing && ImGui::IsKeyPressed(kKeyEscape)) filter[0] = '\0';  // Esc empties the filter and leaves it
        note_control(app, (std::string("filter_") + kFacetKeys[f]).c_str());
    } else {
        filter[0] = '\0';
    }
    std::vector<std::uint32_t> shown;
    const std::vector<std::uint32_t>* rows = &order;
    if (filter[0]) {
        for (auto v : order)
            if (contains_folded(names[v], filter)) shown.push_back(v);
        rows = &shown;
    }
    const float row_h = ImGui::GetFrameHeightWithSpacing();
    const float height = row_h * static_cast<float>(std::min<std::size_t>(std::max<std::size_t>(rows->size(), 1), 10)) + 4.0f;
    // A list that fits leaves the wheel to the sidebar.
    ImGui::BeginChild("values", ImVec2(0, height), false, rows->size() > 10 ? 0 : ImGuiWindowFlags_NoScrollWithMouse);
    drag_scroll(app);
    const bool dragged = ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > row_h * row_h * 0.25f;
    if (rows->empty()) ImGui::TextDisabled("%s", ui(app, filter[0] ? Ui::NoValueMatches : Ui::NoValues));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows->size()), row_h);
    const float right = ImGui::GetContentRegionMax().x;
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const std::uint32_t v = (*rows)[static_cast<std::size_t>(k)];
            bool on = facet_selected(app, facet, names[v]);
            ImGui::PushID(static_cast<int>(v));
            char count[24];
            const int count_len = std::snprintf(count, sizeof count, "%u", r.counts[f][v]);
            const float count_w = ImGui::CalcTextSize(count, count + count_len).x;
            // Checkbox with the name, clipped short of the count at the right edge.
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::PushClipRect(at, ImVec2(ImGui::GetWindowPos().x + right - count_w - ImGui::GetStyle().ItemSpacing.x * 2.0f, at.y + row_h), true);
            if (ImGui::Checkbox(names[v].c_str(), &on) && !dragged) facet_toggle(app, facet, names[v]);
            glyphs_want_ui(app, names[v]);  // a value's slice may not have come yet: ask for it now
            ImGui::PopClipRect();
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            app.facet_rows.push_back({facet, v, a, ImVec2(std::max(b.x, a.x + 1.0f), b.y)});
            sem_item(app, (std::string(kFacetKeys[f]) + ":" + names[v]).c_str(), SemRole::Checkbox, names[v] + " (" + count + ")", "filters", on ? 1 : 0);
            ImGui::SameLine(right - count_w - ImGui::GetStyle().ItemSpacing.x);
            ImGui::TextDisabled("%s", count);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    ImGui::PopID();
}

}  // namespace

void panel_facets(App& app) {
    app.facet_rows.clear();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui(app, Ui::Filters));
    const Filters& filters = current_view(app).filters;
    if (!filters.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(ui(app, Ui::ClearAll)) + "###clear_all").c_str())) filters_clear(app);
        note_control(app, "clear_all");
        sem_item(app, "clear_all", SemRole::Button, "Clear all filters", "filters");
    }
    if (filters.days) {
        const std::string a = ui_day(app, filters.days->first), b = ui_day(app, filters.days->last);
        ImGui::TextDisabled("%s", a == b ? a.c_str() : ui(app, Ui::DayRange, {a, b}).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("x##days")) set_days(app, std::nullopt);
        note_control(app, "clear_days");
        sem_item(app, "clear_days", SemRole::Button, "Clear the date range", "filters");
    }
    for (std::size_t f = 0; f < kFacetCount; ++f) facet_section(app, static_cast<Facet>(f));
}

}  // namespace folio

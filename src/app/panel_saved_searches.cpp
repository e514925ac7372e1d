// Saved searches, listed in the bookmarks menu: each opens its view (query, filters, date range,
// sort) with one click, and a name box saves the current one. They are stored with the bookmarks
// (folio/marks.h: per site in the browser, in the same JSON export and import).
#include <string>

#include "app.h"

namespace folio {

void saved_searches_menu(App& app) {
    ImGui::TextDisabled("%s", ui(app, Ui::SavedSearches));
    const auto& searches = app.marks.marks.searches;
    std::string remove;
    const std::string now = format_saved_view(current_view(app));
    for (std::size_t k = 0; k < searches.size(); ++k) {
        const SavedSearch& s = searches[k];
        ImGui::PushID(static_cast<int>(k));
        glyphs_want_ui(app, s.name);  // names are the reader's, in any script
        const std::string key = "saved_" + std::to_string(k);
        const bool current = now == s.view;
        if (ImGui::Selectable(s.name.c_str(), current, 0, ImVec2(ImGui::GetFontSize() * 16.0f, 0))) saved_search_open(app, s);
        note_control(app, key.c_str());
        sem_item(app, key.c_str(), SemRole::Button, s.name, "", current ? 1 : 0);
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = s.name;
        note_control(app, (key + "_delete").c_str());
        sem_item(app, (key + "_delete").c_str(), SemRole::Button, std::string(ui(app, Ui::DeleteSearch)) + ": " + s.name);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::DeleteSearch));
        ImGui::PopID();
    }
    if (searches.empty()) ImGui::TextDisabled("%s", ui(app, Ui::NoSavedSearches));
    if (!remove.empty()) saved_search_delete(app, remove);
    ToolsState& t = app.tools;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const ImGuiID id = ImGui::GetID("##search_name");
    const bool enter = ImGui::InputTextWithHint("##search_name", ui(app, Ui::SearchName), t.search_name, sizeof t.search_name,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    text_field_bridge(id);
    glyphs_want_ui(app, t.search_name);  // a name can be in any script
    note_control(app, "search_name");
    sem_item(app, "search_name", SemRole::Searchbox, ui(app, Ui::SearchName));
    ImGui::SameLine();
    const bool save = ImGui::SmallButton((std::string(ui(app, Ui::SaveSearch)) + "###save_search").c_str());
    note_control(app, "save_search");
    sem_item(app, "save_search", SemRole::Button, ui(app, Ui::SaveSearch));
    if ((enter || save) && saved_search_add(app, t.search_name)) t.search_name[0] = '\0';
    ImGui::Separator();
}

}  // namespace folio

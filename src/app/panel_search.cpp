// The search box: results update as you type; the count and timing below it.
#include <cstdio>

#include "app.h"
#include "text_bridge.h"

namespace folio {

bool text_field_has_keyboard() { return text_bridge_owner() != 0; }

void text_field_bridge(ImGuiID id) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const bool editing = ImGui::IsItemActive();
    if (editing && text_bridge_owner() != id) text_bridge_focus(id, a.x, a.y, b.x - a.x, b.y - a.y);
    else if (!editing && text_bridge_owner() == id) text_bridge_blur();
    if (editing && !text_bridge_preedit().empty()) {  // the composition in progress, under the field
        ImGui::SetNextWindowPos(ImVec2(a.x, b.y + 2));
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(text_bridge_preedit().c_str());
        const ImVec2 ta = ImGui::GetItemRectMin(), tb = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(ta.x, tb.y), tb, ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::EndTooltip();
    }
}

void panel_search(App& app) {
    SearchState& s = app.search;
    ImGuiIO& io = ImGui::GetIO();
    // Typed while the box was taking focus: before anything typed since.
    for (std::size_t k = 0; k < s.carried.size(); ++k)
        io.InputQueueCharacters.insert(io.InputQueueCharacters.begin() + k, s.carried[k]);
    s.carried.clear();
    const bool slash = !text_field_has_keyboard() && !io.KeyShift && ImGui::IsKeyPressed(kKeySlash);
    if (s.focus_input || slash) {
        ImGui::SetKeyboardFocusHere();
        s.focus_input = false;
        s.focusing = true;
    }
    const std::vector<ImWchar> queued(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end());
    s.box_id = ImGui::GetID("##search");
    const ViewState& view = current_view(app);
    // The box shows the view's query unless it is being edited (ImGui then holds its own copy).
    if (text_bridge_owner() != s.box_id && view.query != s.input)
        std::snprintf(s.input, sizeof s.input, "%s", view.query.c_str());
    const std::string text_before = s.input;
    // Esc clears the query anywhere but in another text field (which Esc leaves).
    const bool other_field = text_bridge_owner() != 0 && text_bridge_owner() != s.box_id;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.6f, ImGui::GetFontSize() * 30.0f));
    const bool edited = ImGui::InputTextWithHint("##search", "Search: words, 中文, \"phrase\", -exclude, tag:, source:, after:2020-01-01",
                                                 s.input, sizeof s.input);
    // Focus takes effect a frame later, and the frame the box activates drops what was typed:
    // keep those characters (but not the '/' itself) for the next frame.
    if (s.focusing) {
        const bool took_them = ImGui::IsItemActive() && text_before != s.input;
        if (ImGui::IsItemActive()) s.focusing = false;
        if (!took_them)
            for (ImWchar c : queued)
                if (!(slash && c == '/')) s.carried.push_back(c);
    }
    s.box_min = ImGui::GetItemRectMin();
    s.box_max = ImGui::GetItemRectMax();
    sem_item(app, "search", SemRole::Searchbox, "Search the archive");
    glyphs_want_ui(app, s.input);  // typed text can be in any script
    text_field_bridge(s.box_id);
    // In the box ImGui would only revert the edit.
    if (ImGui::IsKeyPressed(kKeyEscape) && !other_field) view_dispatch(app, view_event::Query{""});
    else if (edited) view_dispatch(app, view_event::Query{s.input});
    ImGui::SameLine();
    bool newest_first = view.newest_first;
    if (ImGui::Checkbox("Newest first", &newest_first)) view_dispatch(app, view_event::NewestFirst{newest_first});
    note_control(app, "newest_first");
    sem_item(app, "newest_first", SemRole::Checkbox, "Newest first", "", newest_first ? 1 : 0);
    ImGui::SameLine();
    if (s.base == SearchState::Base::Loading) ImGui::TextDisabled("loading the index...");
    else if (!s.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", s.error.c_str());
    else if (s.waiting) ImGui::TextDisabled("searching...");
    else if (s.active) ImGui::TextDisabled("%zu %s (%.1f ms)", s.total, s.total == 1 ? "post matches" : "posts match", s.last_ms);
    // The hit count, read out as it changes (a live region); empty without a query.
    sem_status(app, "hits", s.waiting || s.base == SearchState::Base::Loading ? "searching"
                            : s.active ? std::to_string(s.total) + (s.total == 1 ? " post matches" : " posts match") : "");
}

}  // namespace folio

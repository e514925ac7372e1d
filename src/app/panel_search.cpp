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

namespace {

// After the box: the index loading, an error, or how many posts match; wraps when the row is full.
void search_status(App& app) {
    const SearchState& s = app.search;
    std::string text;
    if (s.base == SearchState::Base::Loading) text = ui(app, Ui::IndexLoading);
    else if (!s.error.empty()) text = ui(app, Ui::SearchFailed, {s.error});
    else if (s.waiting) text = ui(app, Ui::Searching);
    else if (s.active) {
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f", s.last_ms);
        text = ui(app, s.total == 1 ? Ui::MatchesOne : Ui::MatchesMany, {std::to_string(s.total), ms});
    }
    sem_status(app, "hits", text);  // read out as it changes (a live region); empty without a query
    if (text.empty()) return;
    same_line_or_wrap(ImGui::CalcTextSize(text.c_str()).x);
    ImGui::AlignTextToFramePadding();
    if (!s.error.empty()) ImGui::TextColored(palette().error, "%s", text.c_str());
    else ImGui::TextDisabled("%s", text.c_str());
    note_control(app, "hit_count");
}

}  // namespace

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
    // Phones: the box takes the rest of the title's line; the checkbox and count wrap below it.
    // Wider screens: the box leaves room for the rest of the row (the checkbox, the widest usual
    // count and the toolbar), so typing a query wraps nothing.
    const LayoutState& l = app.layout;
    const char* newest_label = ui(app, Ui::NewestFirst);
    const float newest_width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(newest_label).x;
    const float avail = ImGui::GetContentRegionAvail().x, em = ImGui::GetFontSize(), spacing = ImGui::GetStyle().ItemSpacing.x;
    const float widest = std::min(avail * 0.5f, em * 26.0f);
    const float count = ImGui::CalcTextSize(ui(app, Ui::MatchesMany, {"888888", "88.8"}).c_str()).x;
    const float room = avail - newest_width - count - toolbar_width(app) - spacing * 3;
    ImGui::SetNextItemWidth(l.narrow ? avail : std::clamp(room, std::min(widest, em * 12.0f), widest));
    const bool edited = ImGui::InputTextWithHint("##search", ui(app, Ui::SearchHint), s.input, sizeof s.input);
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
    same_line_or_wrap(newest_width);
    bool newest_first = view.newest_first;
    if (ImGui::Checkbox((std::string(newest_label) + "###newest").c_str(), &newest_first))
        view_dispatch(app, view_event::NewestFirst{newest_first});
    note_control(app, "newest_first");
    sem_item(app, "newest_first", SemRole::Checkbox, ui(app, Ui::NewestFirst), "", newest_first ? 1 : 0);
    search_status(app);
}

}  // namespace folio

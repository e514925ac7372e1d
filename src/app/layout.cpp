// Below the header: facets | list | reader with the timeline across the top on wide screens;
// one pane at a time (list, reader or filters) with a back control on narrow ones (phones).
#include <algorithm>
#include <string>

#include "app.h"
#include "imgui_internal.h"  // RenderTextEllipsis

namespace folio {
namespace {

constexpr float kNarrowBelow = 700.0f;  // CSS pixels

// The reader fills the rest of the row; its side padding centres the post's column in it.
void reader_pane(App& app, bool border) {
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(reader_padding(app, ImGui::GetContentRegionAvail().x), pad.y));
    ImGui::BeginChild("reader", ImVec2(0, 0), border, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    drag_scroll(app);
    panel_reader(app);
    ImGui::EndChild();
}

// The per-source statistics in the reader's place (its own window, so its scroll is its own).
void stats_pane(App& app, bool border) {
    ImGui::BeginChild("stats", ImVec2(0, 0), border);
    drag_scroll(app);
    panel_stats(app);
    ImGui::EndChild();
}

void desktop(App& app) {
    const float em = ImGui::GetFontSize();
    const float years_row = current_view(app).filters.on_day ? em * 1.7f : 0.0f;  // on this day's posts per year
    ImGui::BeginChild("timeline", ImVec2(0, em * 5.2f + years_row), false, ImGuiWindowFlags_NoScrollbar);
    panel_timeline(app);
    ImGui::EndChild();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float facets_width = std::clamp(avail * 0.2f, em * 11.0f, em * 17.0f);
    // Its scroll bar always has its place: appearing once the facets fill in, it narrowed everything in the
    // column. While there is nothing to scroll, its grab is not drawn.
    const bool hide_grab = !app.layout.facets_overflow;
    const ImVec4 track = ImGui::GetStyleColorVec4(ImGuiCol_ScrollbarBg);
    if (hide_grab)
        for (ImGuiCol c : {ImGuiCol_ScrollbarGrab, ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrabActive})
            ImGui::PushStyleColor(c, track);
    ImGui::BeginChild("facets", ImVec2(facets_width, 0), true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
    if (hide_grab) ImGui::PopStyleColor(3);
    app.layout.facets_overflow = ImGui::GetScrollMaxY() > 0.0f;
    panel_facets(app);
    ImGui::EndChild();
    ImGui::SameLine();
    const float list_width = std::max(em * 18.0f, ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::BeginChild("list", ImVec2(list_width, 0), false);
    panel_list(app);
    ImGui::EndChild();
    ImGui::SameLine();
    if (app.stats.open) stats_pane(app, true);  // the statistics take the reader's place while open
    else reader_pane(app, true);
}

void narrow(App& app) {
    LayoutState& l = app.layout;
    const float em = ImGui::GetFontSize();
    if (l.pane != Pane::List) {
        if (ImGui::Button((std::string(ui(app, Ui::Back)) + "###back").c_str())) {
            if (l.pane == Pane::Stats) app.stats.open = false;
            l.pane = Pane::List;
        }
        note_control(app, "back");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", ui(app, l.pane == Pane::Reader ? Ui::PanePost : l.pane == Pane::Stats ? Ui::Statistics : Ui::Filters));
    } else {
        const std::size_t chosen = [&] {
            const Filters& filters = current_view(app).filters;
            std::size_t n = filters.days ? 1 : 0;
            for (const auto& v : filters.selected) n += v.size();
            return n;
        }();
        const std::string label = (chosen ? ui(app, Ui::FiltersCount, {std::to_string(chosen)}) : ui(app, Ui::Filters)) + "###filters";
        if (ImGui::Button(label.c_str())) l.pane = Pane::Filters;
        note_control(app, "open_filters");
        if (app.selected) {
            ImGui::SameLine();
            if (ImGui::Button((std::string(ui(app, Ui::OpenReader)) + "###reader").c_str())) l.pane = Pane::Reader;
            note_control(app, "open_reader");
        }
    }
    ImGui::SameLine(ImGui::GetContentRegionMax().x - em * 4.0f);
    if (ImGui::SmallButton("A-")) font_size_step(app.font, -1);
    ImGui::SameLine();
    if (ImGui::SmallButton("A+")) font_size_step(app.font, 1);
    switch (l.pane) {
        case Pane::List:
            ImGui::BeginChild("list", ImVec2(0, 0), false);
            panel_list(app);
            ImGui::EndChild();
            break;
        case Pane::Reader:
            reader_pane(app, false);
            break;
        case Pane::Stats:
            stats_pane(app, false);
            break;
        case Pane::Filters:
            ImGui::BeginChild("timeline", ImVec2(0, em * (current_view(app).filters.on_day ? 7.9f : 6.2f)), false,
                              ImGuiWindowFlags_NoScrollbar);
            panel_timeline(app);
            ImGui::EndChild();
            ImGui::BeginChild("facets", ImVec2(0, 0), false);
            drag_scroll(app);
            panel_facets(app);
            ImGui::EndChild();
            break;
    }
}

}  // namespace

void same_line_or_wrap(float width) {
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + width > ImGui::GetContentRegionMax().x) ImGui::NewLine();
}

bool begin_popup_under(const char* name, ImVec2 corner) {
    // Under its button and growing leftwards, so it is where it will stay from its first frame (at the
    // mouse, a popup near the right edge moves once its width is known).
    ImGui::SetNextWindowPos(ImVec2(corner.x, corner.y + 2.0f), ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
    return ImGui::BeginPopup(name);
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

bool text_fitted(const std::string& text, float width, bool dim) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float full = ImGui::CalcTextSize(text.c_str()).x, shown = std::min(width, full);
    const ImVec2 end(at.x + std::max(width, 1.0f), at.y + ImGui::GetTextLineHeight());
    if (dim) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, end, end.x, end.x, text.c_str(), nullptr, nullptr);
    if (dim) ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(shown, ImGui::GetTextLineHeight()));
    return full > width;
}

void layout_body(App& app) {
    LayoutState& l = app.layout;
    l.narrow = ImGui::GetMainViewport()->WorkSize.x < kNarrowBelow;
    if (l.narrow) narrow(app);
    else desktop(app);
    if (l.opened && l.narrow) l.pane = Pane::Reader;  // a tap on a row opens the post
    if (l.opened) app.stats.open = false;             // and a click on one, on wide screens too
    l.opened = false;
}

}  // namespace folio

// One frame of the viewer, on any platform: update the state, then draw the panels.
#include "app.h"
#include "platform.h"
#include "text_bridge.h"

namespace folio {
namespace {

void layout_main(App& app) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##main", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    app.controls.clear();  // named buttons are noted as they are drawn (tests)
    ImGui::AlignTextToFramePadding();
    if (app.layout.narrow) ImGui::TextUnformatted("Folio");  // phones: room for the search box
    else ImGui::Text("Folio  ·  %zu posts", app.catalog.size());
    ImGui::SameLine();
    if (!app.layout.narrow) {  // phones have A- / A+ in the pane bar
        panel_font_size(app);  // before the search row, whose result count grows to the right
        ImGui::SameLine();
    }
    panel_search(app);
    ImGui::SameLine();
    panel_toolbar(app);
    ImGui::Separator();
    layout_body(app);
    ImGui::End();
}

void handle_keys(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const int direction = io.KeyShift ? -1 : 1;
    font_size_keys(app.font);
    const bool typing = text_field_has_keyboard();
    if (ImGui::IsKeyPressed(kKeyF3) || (!typing && ImGui::IsKeyPressed(kKeyN)))
        reader_next_match(app, direction);
    if (typing) return;
    // Ctrl/Cmd+C outside a text field copies the post on screen.
    if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(kKeyC)) reader_copy(app);
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return;
    if (ImGui::IsKeyPressed(kKeyJ) || ImGui::IsKeyPressed(kKeyDown) || ImGui::IsKeyPressed(kKeyRightBracket)) list_move(app, 1);
    if (ImGui::IsKeyPressed(kKeyK) || ImGui::IsKeyPressed(kKeyUp) || ImGui::IsKeyPressed(kKeyLeftBracket)) list_move(app, -1);
    if (io.KeyShift && ImGui::IsKeyPressed(kKeySlash, false)) app.show_shortcuts = !app.show_shortcuts;
    if (ImGui::IsKeyPressed(kKeyB, false) && app.selected) toggle_bookmark(app, *app.selected);
}

void shortcuts_window(App& app) {
    if (!app.show_shortcuts) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(1.0f);
    ImGui::Begin("Keyboard shortcuts", &app.show_shortcuts,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    static constexpr const char* kRows[][2] = {
        {"/", "search"}, {"Esc", "clear the search"}, {"j / Down / ]", "next post"}, {"k / Up / [", "previous post"},
        {"n / F3", "next match in the post"}, {"Shift+n / Shift+F3", "previous match"},
        {"b", "bookmark the post"}, {"Ctrl/Cmd + C", "copy the post"}, {"Ctrl/Cmd + / - / 0", "text size"},
        {"timeline: drag", "filter to a date range"}, {"timeline: click a bar", "filter to its day, week or month"},
        {"timeline: wheel, - / +", "zoom"}, {"timeline: Shift+drag, right-drag, Shift+wheel, < / >", "pan"},
        {"facet value, reader tag", "filter by it (values of one facet: any; facets: all)"}, {"?", "this list"}};
    if (ImGui::BeginTable("keys", 2)) {
        for (const auto& row : kRows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(row[0]);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextDisabled("%s", row[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace

bool app_frame(App& app, bool woken) {
    // Update: data flows down, once a frame.
    loader_update(app);
    view_update(app);  // the events the panels queued last frame, then a changed page address
    search_update(app);
    browse_update(app);
    fonts_update(app, platform_info().device_pixel_ratio);
    semantics_update(app);  // an element of the page activated or focused: acts in this frame
    if (!platform_begin_frame()) return false;
    // Draw: panels read the state and queue view events for the next frame, so what the state hook
    // reads between frames is always one consistent frame's view, list and results.
    if (loader_browsable(app)) {
        marks_load(app);
        handle_keys(app);
        layout_main(app);
        // A text field not drawn this frame (its panel closed) lets go of the page's text input.
        if (text_bridge_owner() != 0 && !ImGui::IsAnyItemActive()) text_bridge_blur();
        shortcuts_window(app);
        view_sync(app);
    }
    else panel_status(app);
    semantics_publish(app);  // what the panels recorded, to the page's parallel DOM when it changed
    const ImVec4 bg = palette().clear;
    platform_end_frame(bg.x, bg.y, bg.z);
    return app_pace(app, woken);
}

}  // namespace folio

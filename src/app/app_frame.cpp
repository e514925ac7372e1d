// One frame of the viewer, on any platform: update the state, then draw the panels.
#include "app.h"
#include "platform.h"
#include "text_bridge.h"

namespace folio {
namespace {

// The top bar: the title, text size, the search row and the toolbar, each wrapping to a new line
// where the window is too narrow for it (phones), so every control stays on screen.
void top_bar(App& app) {
    ImGui::AlignTextToFramePadding();
    if (app.layout.narrow) ImGui::TextUnformatted("Folio");  // phones: room for the search box
    else ImGui::TextUnformatted(ui(app, Ui::TitlePosts, {std::to_string(app.catalog.size())}).c_str());
    ImGui::SameLine();
    if (!app.layout.narrow) {  // phones have A- / A+ in the pane bar
        panel_font_size(app);  // before the search row, whose result count grows to the right
        ImGui::SameLine();
    }
    panel_search(app);
    panel_toolbar(app);
}

void layout_main(App& app) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##main", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    app.controls.clear();  // named buttons are noted as they are drawn (tests)
    top_bar(app);
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

// A row of the shortcuts window: the keys (as written, or a string of the table where they hold
// words) and what they do.
struct KeyRow {
    const char* keys;  // nullptr: keys_text
    Ui keys_text, what;
};

constexpr KeyRow kKeyRows[] = {
    {"/", Ui::Count, Ui::KeySearch},
    {"Esc", Ui::Count, Ui::KeyClearSearch},
    {nullptr, Ui::KeysNextPost, Ui::KeyNextPost},
    {nullptr, Ui::KeysPreviousPost, Ui::KeyPreviousPost},
    {"n / F3", Ui::Count, Ui::KeyNextMatch},
    {"Shift+n / Shift+F3", Ui::Count, Ui::KeyPreviousMatch},
    {"b", Ui::Count, Ui::KeyBookmark},
    {"Ctrl/Cmd + C", Ui::Count, Ui::KeyCopy},
    {"Ctrl/Cmd + / - / 0", Ui::Count, Ui::KeyTextSize},
    {nullptr, Ui::KeysTimelineDrag, Ui::KeyTimelineDrag},
    {nullptr, Ui::KeysTimelineClick, Ui::KeyTimelineClick},
    {nullptr, Ui::KeysTimelineZoom, Ui::KeyTimelineZoom},
    {nullptr, Ui::KeysTimelinePan, Ui::KeyTimelinePan},
    {nullptr, Ui::KeysFacet, Ui::KeyFacet},
    {"?", Ui::Count, Ui::KeyThisList},
};

void shortcuts_window(App& app) {
    if (!app.show_shortcuts) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(1.0f);
    const std::string title = std::string(ui(app, Ui::ShortcutsTitle)) + "###shortcuts";
    ImGui::Begin(title.c_str(), &app.show_shortcuts,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::BeginTable("keys", 2)) {
        for (const KeyRow& row : kKeyRows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(row.keys ? row.keys : ui(app, row.keys_text));
            ImGui::TableSetColumnIndex(1);
            ImGui::TextDisabled("%s", ui(app, row.what));
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
    related_update(app);  // the related file; the reader's compare once both bodies are in
    stats_update(app);  // per-source statistics of the new list, while they are shown
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
    platform_end_frame();
    const ImVec4 bg = palette().clear;
    const bool changed = app_picture_changed(app, bg);
    if (platform_present(bg.x, bg.y, bg.z, changed)) ++app.frames_presented;
    return app_pace(app, woken, changed);
}

}  // namespace folio

// Folio viewer: loads a site bundle and shows the posts. The frame is a list of panel calls.
#include <emscripten.h>

#include "app.h"
#include "page.h"
#include "platform.h"
#include "text_bridge.h"

namespace {

folio::App g_app;  // the one app state; the browser's main loop calls frame() with no arguments

void layout_main(folio::App& app) {
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
        folio::panel_font_size(app);  // before the search row, whose result count grows to the right
        ImGui::SameLine();
    }
    folio::panel_search(app);
    ImGui::SameLine();
    folio::panel_toolbar(app);
    ImGui::Separator();
    folio::layout_body(app);
    ImGui::End();
}

void handle_keys(folio::App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const int direction = io.KeyShift ? -1 : 1;
    folio::font_size_keys(app.font);
    const bool typing = folio::text_field_has_keyboard();
    if (ImGui::IsKeyPressed(folio::kKeyF3) || (!typing && ImGui::IsKeyPressed(folio::kKeyN)))
        folio::reader_next_match(app, direction);
    if (typing) return;
    // Ctrl/Cmd+C outside a text field copies the post on screen.
    if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(folio::kKeyC)) folio::reader_copy(app);
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return;
    using namespace folio;
    if (ImGui::IsKeyPressed(kKeyJ) || ImGui::IsKeyPressed(kKeyDown) || ImGui::IsKeyPressed(kKeyRightBracket)) list_move(app, 1);
    if (ImGui::IsKeyPressed(kKeyK) || ImGui::IsKeyPressed(kKeyUp) || ImGui::IsKeyPressed(kKeyLeftBracket)) list_move(app, -1);
    if (io.KeyShift && ImGui::IsKeyPressed(kKeySlash, false)) app.show_shortcuts = !app.show_shortcuts;
    if (ImGui::IsKeyPressed(kKeyB, false) && app.selected) toggle_bookmark(app, *app.selected);
}

void shortcuts_window(folio::App& app) {
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

void frame() {
    folio::App& app = g_app;
    folio::loader_update(app);
    folio::search_update(app);
    folio::browse_update(app);
    folio::fonts_update(app, folio::platform_info().device_pixel_ratio);
    if (!folio::platform_begin_frame()) return;
    if (folio::loader_browsable(app)) {
        // While metadata still streams in, the newest posts are listed; the view in the page's
        // address is read and written once every post is in.
        const bool ready = app.loader.phase == folio::LoadPhase::Ready;
        folio::marks_load(app);
        if (ready) folio::view_update(app);
        handle_keys(app);
        layout_main(app);
        // A text field not drawn this frame (its panel closed) lets go of the page's text input.
        if (folio::text_bridge_owner() != 0 && !ImGui::IsAnyItemActive()) folio::text_bridge_blur();
        folio::browse_update(app);  // clicks of this frame show in the state read before the next
        shortcuts_window(app);
        if (ready) folio::view_sync(app);
    }
    else folio::panel_status(app);
    const ImVec4 bg = folio::palette().clear;
    folio::platform_end_frame(bg.x, bg.y, bg.z);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_state_json() { return folio::app_state_json(g_app).c_str(); }
// Whether each face has a glyph for every code point the manifest says it covers (tests).
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_glyph_check() {
    g_app.state_json = folio::glyph_check_json(g_app);  // the hook's buffer; JS copies it at once
    return g_app.state_json.c_str();
}
// Looks up every code point of text as face `face` draws it, glyphs brought in first (tests).
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_glyph_draw_check(int face, const char* text) {
    g_app.state_json = folio::glyph_draw_check_json(g_app, static_cast<std::size_t>(face), text);
    return g_app.state_json.c_str();
}
// Lowers the atlas texture limit (tests: forces on-demand glyphs on a small archive); bakes again.
// Sets how many glyphs a bake rasterises at once (tests: forces the later fill on a small archive); bakes again.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_quick_glyphs(int glyphs) {
    g_app.font.quick_glyphs = glyphs > 0 ? static_cast<std::size_t>(glyphs) : folio::kQuickGlyphs;
    g_app.font.baked_for_ratio = -1.0f;  // never a real ratio: the next frame bakes
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_atlas_limit(int side) {
    g_app.font.max_side = side > 0 ? side : folio::kMaxAtlasSide;
    g_app.font.baked_for_ratio = -1.0f;  // never a real ratio: the next frame bakes
}
// Sets the text size in CSS pixels, as the size control does (benchmarks and tests).
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_font_size(float css_px) { folio::font_size_set(g_app.font, css_px); }
// Sets the search box's text, as if typed (benchmarks and tests).
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_query(const char* text) { folio::search_set_text(g_app, text); }
// From the page (web/folio-shell.js): the hash changed, the system theme changed, a marks file was
// picked, an image loaded or failed.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_hash_changed(const char* hash) { folio::view_hash_changed(g_app, hash); }
extern "C" EMSCRIPTEN_KEEPALIVE void folio_theme_changed(int dark) { folio::theme_apply(g_app, dark != 0); }
extern "C" EMSCRIPTEN_KEEPALIVE void folio_marks_import(const char* text) { folio::marks_import(g_app, text); }
extern "C" EMSCRIPTEN_KEEPALIVE void folio_image_status(const char* url, int status) {
    g_app.images[url ? url : ""] = status == 1 ? folio::ImageState::Shown : folio::ImageState::Failed;
}

int main() {
    if (!folio::platform_init("Folio")) {
        EM_ASM({ if (window.folioShowError) window.folioShowError("WebGL 2 is not available in this browser."); });
        return 1;
    }
    folio::theme_apply(g_app, folio::page_theme_dark());
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}

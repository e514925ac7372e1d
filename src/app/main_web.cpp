// Folio viewer in the browser: the Emscripten entry. main() opens the window and hands one frame
// (app_frame.cpp) to the platform's loop, which draws frames on demand; the page calls back through
// the exports below, and each that changes the state wakes the loop.
#include <emscripten.h>

#include "app.h"
#include "page.h"
#include "platform.h"

namespace {

folio::App g_app;  // the one app state; the browser's main loop calls frame() with no arguments

bool frame(bool woken) { return folio::app_frame(g_app, woken); }
bool idle() { return folio::app_idle(g_app); }

}  // namespace

int main() {
    if (!folio::platform_init("Folio")) {
        EM_ASM({ if (window.folioShowError) window.folioShowError("WebGL 2 is not available in this browser."); });
        return 1;
    }
    folio::theme_apply(g_app, folio::page_theme_dark());
    folio::language_start(g_app);
    g_app.offline_offered = folio::page_offers_offline();
    folio::platform_run(frame, idle);
    return 0;  // the runtime lives on (EXIT_RUNTIME=0): the page's animation frames call frame()
}

// From the page (web/folio-shell.js): the hash changed, the system theme changed, a marks file was
// picked, an image loaded or failed.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_hash_changed(const char* hash) {
    folio::view_hash_changed(g_app, hash);
    folio::platform_wake();
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_theme_changed(int dark) {
    folio::theme_apply(g_app, dark != 0);
    folio::platform_wake();
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_marks_import(const char* text) {
    folio::marks_import(g_app, text);
    folio::platform_wake();
}
// The offline copy's state as the toolbar button shows it; "" hides the button (web/folio-offline.js).
extern "C" EMSCRIPTEN_KEEPALIVE void folio_offline_status(const char* label) {
    g_app.offline_label = label ? label : "";
    folio::platform_wake();
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_image_status(const char* url, int status) {
    g_app.images[url ? url : ""] = status == 1 ? folio::ImageState::Shown : folio::ImageState::Failed;
    folio::platform_wake();
}

// From the page's parallel DOM (the "Page layer" in web/folio-shell.js): an element activated (a click,
// Enter), the DOM focus moved (key "" when it left them), the browser's find scrolled the reader.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_sem_activate(const char* key) {
    folio::semantics_activate(g_app, key);
    folio::platform_wake();
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_sem_focus(const char* key) {
    folio::semantics_focus(g_app, key);
    folio::platform_wake();
}
extern "C" EMSCRIPTEN_KEEPALIVE void folio_layer_scroll(float dy) {
    folio::semantics_scroll(g_app, dy);
    folio::platform_wake();
}

// Tests and benchmarks: window.folio.state() and window.folio.test in web/folio-shell.js.
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_state_json() { return folio::app_state_json(g_app).c_str(); }
// Input the viewer holds that a frame has still to apply (window.folioFrames.settle).
extern "C" EMSCRIPTEN_KEEPALIVE int folio_input_pending() { return folio::app_input_pending(g_app) ? 1 : 0; }
// Whether each face has a glyph for every code point the manifest says it covers.
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_glyph_check() {
    g_app.state_json = folio::glyph_check_json(g_app);  // the hook's buffer; JS copies it at once
    return g_app.state_json.c_str();
}
// Looks up every code point of text as face `face` draws it, glyphs brought in first.
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_glyph_draw_check(int face, const char* text) {
    g_app.state_json = folio::glyph_draw_check_json(g_app, static_cast<std::size_t>(face), text);
    folio::platform_wake();  // glyphs came into the atlas
    return g_app.state_json.c_str();
}
// window.folio.drawCheck: the code points of text drawn as the replacement mark, glyphs brought in first.
extern "C" EMSCRIPTEN_KEEPALIVE const char* folio_draw_check(const char* text) {
    g_app.state_json = folio::draw_check_json(g_app, text ? text : "");
    folio::platform_wake();  // glyphs came into the atlas
    return g_app.state_json.c_str();
}
// Whether characters no site font has are drawn by the browser (tests turn it off); bakes again.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_browser_glyphs(int on) {
    g_app.font.browser_on = on != 0;
    g_app.font.baked_for_ratio = -1.0f;  // never a real ratio: the next frame bakes
    folio::platform_wake();
}
// Sets how many glyphs a bake rasterises at once (forces the later fill on a small archive); bakes again.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_quick_glyphs(int glyphs) {
    g_app.font.quick_glyphs = glyphs > 0 ? static_cast<std::size_t>(glyphs) : folio::kQuickGlyphs;
    g_app.font.baked_for_ratio = -1.0f;  // never a real ratio: the next frame bakes
    folio::platform_wake();
}
// How many body files the viewer keeps (eviction on a small archive); 0 restores the default.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_body_cap(int files) {
    g_app.bodies.max_kept = files > 0 ? static_cast<std::size_t>(files) : folio::kMaxBodyChunks;
}
// Lowers the atlas texture limit (forces on-demand glyphs on a small archive); bakes again.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_atlas_limit(int side) {
    g_app.font.max_side = side > 0 ? side : folio::kMaxAtlasSide;
    g_app.font.baked_for_ratio = -1.0f;  // never a real ratio: the next frame bakes
    folio::platform_wake();
}
// Sets the text size in CSS pixels, as the size control does.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_font_size(float css_px) {
    folio::font_size_set(g_app.font, css_px);
    folio::platform_wake();
}
// Whether the reader's text layer is kept (benchmarks compare scrolling without it).
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_text_layer(int on) {
    g_app.sem.layer_on = on != 0;
    folio::platform_wake();
}
// Sets the search box's text, as if typed.
extern "C" EMSCRIPTEN_KEEPALIVE void folio_set_query(const char* text) {
    folio::search_set_text(g_app, text);
    folio::platform_wake();
}

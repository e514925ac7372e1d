// Fonts between frames: the text size setting, what the panels drew (their glyphs must be in the
// atlas), and when to bake, bring in or fill glyphs (font_atlas.cpp does it; glyph_plan.h decides).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app.h"
#include "font_atlas.h"
#include "platform.h"

namespace folio {
namespace {

constexpr double kDemandBudgetMs = 8;  // on-demand rasterising per frame; the rest waits a frame

std::size_t face_of(const App& app, std::size_t post) {
    const std::size_t face = post < app.catalog.faces.size() ? app.catalog.faces[post] : 0;
    return face < app.font.faces.size() ? face : 0;
}

void want(FontState& f, std::size_t face, std::string_view text) {
    if (f.wanted.size() <= face) f.wanted.resize(face + 1);
    (f.wanted[face] += text) += '\n';
}

// What the panels drew last frame becomes what is on screen; a change starts a new need generation.
void take_wanted(FontState& f) {
    f.wanted.resize(f.faces.size());
    if (f.wanted != f.need_text || f.need.size() != f.faces.size()) {
        f.need = glyph_need(f.wanted, f.faces.size());
        std::swap(f.need_text, f.wanted);
        ++f.need_generation;
    }
    for (std::string& text : f.wanted) text.clear();
}

// The size the reader chose last time, before the first bake; a changed size is stored.
void size_setting(FontState& f) {
    if (f.baked_for_ratio == 0.0f) {
        if (const float saved = std::strtof(platform_load_setting("fontSize").c_str(), nullptr); saved > 0.0f) {
            font_size_set(f, saved);
            f.size_saved = true;
        }
    }
    if (!f.size_saved) {
        char text[16];
        std::snprintf(text, sizeof text, "%.0f", static_cast<double>(f.size_css_px));
        platform_save_setting("fontSize", text);
        f.size_saved = true;
    }
}

}  // namespace

void glyphs_want_post(App& app, std::size_t post, std::string_view text) { want(app.font, face_of(app, post), text); }
void glyphs_want_ui(App& app, std::string_view text) { want(app.font, 0, text); }

void fonts_update(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    take_wanted(f);
    // The backend makes its own texture on the first frame; ours must come after it.
    if (!f.loaded || f.faces.empty() || ImGui::GetFrameCount() == 0) return;
    size_setting(f);
    if (f.baked_for_ratio != device_pixel_ratio || f.baked_size != f.size_css_px) {
        atlas_bake(app, device_pixel_ratio);
        return;
    }
    if (f.partial) atlas_demand(app, device_pixel_ratio, kDemandBudgetMs);
    atlas_fill(app, kDemandBudgetMs, true);  // the rest between frames (fonts_idle), drawing no frame
    atlas_browser(app, kDemandBudgetMs);
}

bool fonts_busy(const App& app, float device_pixel_ratio) {
    const FontState& f = app.font;
    if (!f.loaded || f.faces.empty()) return false;
    if (f.baked_for_ratio != device_pixel_ratio || f.baked_size != f.size_css_px || !f.size_saved) return true;
    if (f.need.size() != f.faces.size()) return true;
    // Text drawn this frame that is not the need yet: take_wanted makes a new need of it next frame.
    const auto at = [](const std::vector<std::string>& v, std::size_t i) { return i < v.size() ? std::string_view(v[i]) : std::string_view(); };
    for (std::size_t i = 0; i < f.faces.size(); ++i)
        if (at(f.wanted, i) != at(f.need_text, i)) return true;
    // Characters on screen no site font has that the browser has not been asked to draw yet.
    if (f.browser_on && !f.imgui_faces.empty() && f.browser.unasked(browser_need(f.sources, f.need))) return true;
    return !f.deferred.blank_on_screen(f.need).empty() || f.residency.pending > 0 || f.browser.pending > 0;
}

bool fonts_idle(App& app) {
    if (app.font.deferred.left == 0 || app.font.imgui_faces.empty()) return false;
    atlas_fill(app, kDemandBudgetMs);
    return app.font.deferred.left > 0;
}

void fonts_slice_arrived(App& app) {
    ++app.font.slices_arrived;
    atlas_slices_arrived(app);
}

void fonts_bring_in(App& app, std::size_t face, const CodepointSet& cps) {
    FontState& f = app.font;
    if (face >= f.need.size()) return;
    f.need[face].insert(cps.begin(), cps.end());
    if (f.partial) atlas_demand(app, f.baked_for_ratio, 0);
    atlas_fill_now(app, face, cps);
    atlas_browser(app, 0);
    f.need_text.clear();  // the next frame takes what is really on screen
}

// Ctrl/Cmd + '+' / '-' / '0' change the text size, as in a browser.
void font_size_keys(FontState& f) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!(io.KeyCtrl || io.KeySuper)) return;
    if (ImGui::IsKeyPressed(kKeyEquals) || ImGui::IsKeyPressed(kKeyPadPlus)) font_size_step(f, 1);
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeyPadMinus)) font_size_step(f, -1);
    if (ImGui::IsKeyPressed(kKey0)) font_size_set(f, kDefaultFontSize);
}

void font_size_set(FontState& f, float css_px) {
    const float size = std::clamp(std::round(css_px), 11.0f, 35.0f);
    if (size == f.size_css_px) return;
    f.size_css_px = size;
    f.size_saved = false;
}

void font_size_step(FontState& f, int steps) { font_size_set(f, f.size_css_px + 2.0f * static_cast<float>(steps)); }

ImFont* ui_font(const App& app) { return app.font.imgui_faces.empty() ? ImGui::GetFont() : app.font.imgui_faces[0]; }

ImFont* post_font(const App& app, std::size_t post) {
    const auto& faces = app.font.imgui_faces;
    const std::size_t face = post < app.catalog.faces.size() ? app.catalog.faces[post] : 0;
    if (face < faces.size()) return faces[face];
    return ImGui::GetFont();
}

}  // namespace folio

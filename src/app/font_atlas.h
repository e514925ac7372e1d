#pragma once
// The font atlas's ImGui and stb_truetype side (font_atlas.cpp): it does what folio/glyph_plan.h
// decides. fonts.cpp calls these between frames.
#include "app.h"

namespace folio {

// Bakes the atlas for the current text size and device pixel ratio and uploads it.
void atlas_bake(App& app, float device_pixel_ratio);
// Brings in the glyphs on screen (font.need) that a partial atlas lacks: into slots within budget_ms
// (all of them when 0), or by baking again when the slots cannot hold them.
void atlas_demand(App& app, float device_pixel_ratio, double budget_ms);
// Font slices arrived (FontState::sources says which): the glyphs waiting for them stop waiting (the
// fill draws them into their cells), and placeholders in a partial atlas go (atlas_demand draws them).
void atlas_slices_arrived(App& app);
// Draws a quick bake's blank glyphs for about budget_ms (all when 0): those on screen first, then,
// unless on_screen_only, the rest in fill order.
void atlas_fill(App& app, double budget_ms, bool on_screen_only = false);
// Draws face's blank glyphs among cps now.
void atlas_fill_now(App& app, std::size_t face, const CodepointSet& cps);
// A font file's size and vertical metrics as Dear ImGui uses them (stb_truetype reads the hhea table):
// em: its em per ImGui font size (which is ascent minus descent); ascent, descent: in ems.
struct FontMetrics {
    float em = 1.0f, ascent = 0.8f, descent = 0.2f;
};
FontMetrics font_metrics(std::string_view font_bytes);
// Has the browser draw the code points on screen that no file of their face has (browser_need) into
// the atlas's browser cells, for about budget_ms (all when 0); what it cannot draw stays U+FFFD.
void atlas_browser(App& app, double budget_ms);

}  // namespace folio

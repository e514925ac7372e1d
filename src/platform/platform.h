#pragma once
// The window, GL context and Dear ImGui backends. One implementation per platform, chosen by CMake.
#include <cstddef>
#include <string>
#include <vector>

namespace folio {

// Key indices for ImGui::IsKeyPressed: Dear ImGui 1.86's SDL backend indexes keys by SDL scancode.
inline constexpr int kKeyMinus = 45, kKeyEquals = 46, kKey0 = 39, kKeyPadMinus = 86, kKeyPadPlus = 87,
                     kKeySlash = 56, kKeyEscape = 41, kKeyN = 17, kKeyF3 = 60, kKeyC = 6, kKeyJ = 13, kKeyK = 14,
                     kKeyUp = 82, kKeyDown = 81, kKeyLeftBracket = 47, kKeyRightBracket = 48,
                     kKeyB = 5;

struct PlatformInfo {
    float device_pixel_ratio = 1.0f;
};

bool platform_init(const char* title);
// Frames on demand: runs frame(woken) in the browser's animation frames for as long as it returns
// true, then none until platform_wake() or input (woken tells it so). Between frames, while no frame
// is due, runs idle() (work that draws nothing) as long as it returns true. Returns at once.
void platform_run(bool (*frame)(bool woken), bool (*idle)());
// Something changed outside a frame (a fetch finished, the page called in): draw a frame soon.
// Safe from any callback; a no-op while frames run anyway.
void platform_wake();
// Input held back for the next frame (a key that changed twice within one frame).
bool platform_input_waiting();
// Returns false when the app should stop.
bool platform_begin_frame();
// Ends the frame's UI: its draw data (ImGui::GetDrawData()) is ready, not yet drawn.
void platform_end_frame();
// Draws the frame's draw data over the clear colour. picture_changed: it differs from the frame on
// screen. A frame with the same picture over the same textures is not drawn again: the browser keeps
// showing the last one, and the GPU (a CPU rasteriser on many machines) composites nothing new.
// Returns whether it drew.
bool platform_present(float clear_r, float clear_g, float clear_b, bool picture_changed);
PlatformInfo platform_info();
// Uploads the font atlas (building it if not built yet) as a 2-byte-per-pixel texture (luminance +
// alpha), half of ImGui's default RGBA; frees the CPU copy. Call between frames, after the first.
struct AtlasStats {
    int width = 0, height = 0;
    int glyphs = 0;
    double build_ms = 0;   // rasterising and packing, when this call did it
    double upload_ms = 0;  // texture upload
    std::size_t uploaded_texels = 0;  // of width x height: the rest was blank, left to the GPU to clear
    std::size_t gpu_bytes = 0;
};
AtlasStats platform_upload_font_atlas();
// Replaces a w x h block of the uploaded atlas at (x, y) with coverage values (one byte a texel).
void platform_update_font_atlas(int x, int y, int w, int h, const unsigned char* alpha);
// Turns the atlas into RGBA (white glyphs with coverage alpha, twice the memory) for as long as it
// lives, so colour glyphs can join it; then puts a w x h block of RGBA texels at (x, y).
void platform_update_font_atlas_rgba(int x, int y, int w, int h, const unsigned char* rgba);
// A character as the browser draws it with the page's own fonts (for characters no site font has),
// at `pixels` device pixels per em.
struct BrowserGlyphImage {
    bool drawable = false;  // false: the browser has no glyph either (it draws what it draws for U+0378)
    bool colour = false;    // not one colour (an emoji): drawn as is, not in the text's colour
    int x0 = 0, y0 = 0;     // the ink box's top left from the pen on the baseline (y down)
    int w = 0, h = 0;       // 0: drawn as nothing (a joiner); at most side x side, the rest cut off
    float advance = 0;
    std::vector<unsigned char> rgba;  // w * h texels, straight alpha
};
BrowserGlyphImage platform_browser_glyph(char32_t cp, float pixels, int side);
// A small setting kept by the browser (localStorage); "" when unset or unavailable.
std::string platform_load_setting(const char* key);
void platform_save_setting(const char* key, const std::string& value);
void platform_shutdown();
// Milliseconds on a monotonic clock (the browser's performance.now()); for pacing and timings only.
double platform_now_ms();
// Bytes the app's heap holds from the system (the wasm memory); 0 where the platform cannot tell.
double platform_heap_bytes();

}  // namespace folio

// The null platform: a Dear ImGui context with no window, GPU or backend, in the spirit of ImGui's
// imgui_impl_null. Tests set io's mouse and keys between frames; frames render to draw lists only.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>

#include "platform.h"
#include "platform_null.h"
#include "text_bridge.h"

namespace folio {
namespace {

struct NullPlatform {
    ImVec2 display{1280.0f, 800.0f};
    double clock_offset_ms = 0;
    bool woken = false;  // platform_wake since null_take_wake
    std::set<char32_t> browser_drawn, browser_blank;  // the browser's fonts (null_set_browser_fonts)
    std::map<std::string, std::string> settings;  // the browser's localStorage
};
NullPlatform g_null;

// Key indices as the web platform's SDL backend sets them (SDL scancodes), so kKey* mean the same.
void map_keys(ImGuiIO& io) {
    constexpr int kTab = 43, kLeft = 80, kRight = 79, kUp = 82, kDown = 81, kPageUp = 75, kPageDown = 78, kHome = 74,
                  kEnd = 77, kInsert = 73, kDelete = 76, kBackspace = 42, kSpace = 44, kReturn = 40, kEscape = 41,
                  kPadEnter = 88, kA = 4, kC = 6, kV = 25, kX = 27, kY = 28, kZ = 29;
    const int map[][2] = {{ImGuiKey_Tab, kTab}, {ImGuiKey_LeftArrow, kLeft}, {ImGuiKey_RightArrow, kRight},
                          {ImGuiKey_UpArrow, kUp}, {ImGuiKey_DownArrow, kDown}, {ImGuiKey_PageUp, kPageUp},
                          {ImGuiKey_PageDown, kPageDown}, {ImGuiKey_Home, kHome}, {ImGuiKey_End, kEnd},
                          {ImGuiKey_Insert, kInsert}, {ImGuiKey_Delete, kDelete}, {ImGuiKey_Backspace, kBackspace},
                          {ImGuiKey_Space, kSpace}, {ImGuiKey_Enter, kReturn}, {ImGuiKey_Escape, kEscape},
                          {ImGuiKey_KeyPadEnter, kPadEnter}, {ImGuiKey_A, kA}, {ImGuiKey_C, kC}, {ImGuiKey_V, kV},
                          {ImGuiKey_X, kX}, {ImGuiKey_Y, kY}, {ImGuiKey_Z, kZ}};
    for (const auto& [key, index] : map) io.KeyMap[key] = index;
}

}  // namespace

void null_set_display_size(float width, float height) { g_null.display = ImVec2(width, height); }
void null_advance_clock(double ms) { g_null.clock_offset_ms += ms; }

void null_set_browser_fonts(std::set<char32_t> drawn, std::set<char32_t> blank) {
    g_null.browser_drawn = std::move(drawn);
    g_null.browser_blank = std::move(blank);
}

bool null_take_wake() {
    const bool woken = g_null.woken;
    g_null.woken = false;
    return woken;
}

bool platform_init(const char*) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // as in the browser, where frames are drawn on demand
    io.BackendPlatformName = "folio_null";
    io.DisplaySize = g_null.display;
    map_keys(io);
    io.SetClipboardTextFn = [](void*, const char* text) { text_bridge_copy(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
    return true;
}

// Tests drive the frames themselves (app_frame, app_idle), reading null_take_wake for what would wake the page.
void platform_run(bool (*)(bool), bool (*)()) {}

void platform_wake() { g_null.woken = true; }

bool platform_input_waiting() { return false; }

bool platform_begin_frame() {
    null_fetch_deliver();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = g_null.display;
    io.DeltaTime = 1.0f / 60.0f;
    // As the web's renderer backend does on its first frame: ImGui's default font until the site's arrive.
    if (!io.Fonts->IsBuilt()) platform_upload_font_atlas();
    ImGui::NewFrame();
    text_bridge_flush();
    return true;
}

void platform_end_frame() { ImGui::Render(); }

bool platform_present(float, float, float, bool picture_changed) { return picture_changed; }

PlatformInfo platform_info() { return PlatformInfo{}; }

// Builds the atlas as the web platform does and keeps it on the CPU; there is no texture to fill.
AtlasStats platform_upload_font_atlas() {
    AtlasStats stats;
    ImGuiIO& io = ImGui::GetIO();
    const double t0 = platform_now_ms();
    unsigned char* alpha = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&alpha, &stats.width, &stats.height);
    stats.build_ms = platform_now_ms() - t0;
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(std::intptr_t{1}));  // any non-null id: nothing samples it
    io.Fonts->ClearTexData();
    for (const ImFont* font : io.Fonts->Fonts) stats.glyphs += font->Glyphs.Size;
    return stats;
}

void platform_update_font_atlas(int, int, int, int, const unsigned char*) {}
void platform_update_font_atlas_rgba(int, int, int, int, const unsigned char*) {}

BrowserGlyphImage platform_browser_glyph(char32_t cp, float pixels, int side) {
    BrowserGlyphImage image;
    image.advance = std::round(pixels);
    if (g_null.browser_blank.count(cp)) {
        image.drawable = true;
        image.advance = 0;
        return image;
    }
    if (!g_null.browser_drawn.count(cp)) return image;
    image.drawable = true;
    image.colour = cp >= 0x1F000;
    image.w = image.h = std::min(side, static_cast<int>(pixels));
    image.y0 = -image.h * 4 / 5;
    const unsigned char colour[4] = {255, static_cast<unsigned char>(image.colour ? 160 : 255), static_cast<unsigned char>(image.colour ? 0 : 255), 255};
    for (int i = 0; i < image.w * image.h; ++i) image.rgba.insert(image.rgba.end(), colour, colour + 4);
    return image;
}

std::string platform_load_setting(const char* key) {
    const auto it = g_null.settings.find(key);
    return it == g_null.settings.end() ? std::string() : it->second;
}

void platform_save_setting(const char* key, const std::string& value) { g_null.settings[key] = value; }

void platform_shutdown() {
    ImGui::DestroyContext();
    // The next platform_init starts as a fresh page would.
    g_null.settings.clear();
    g_null.woken = false;
    g_null.browser_drawn.clear();
    g_null.browser_blank.clear();
    null_page_reset();
    null_text_reset();
    null_set_site_root(".");
}

double platform_now_ms() {
    const auto since_start = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration<double, std::milli>(since_start).count() + g_null.clock_offset_ms;
}

double platform_heap_bytes() { return 0; }

}  // namespace folio

#pragma once
// The window, GL context and Dear ImGui backends. One implementation per platform, chosen by CMake.
#include <string>

namespace folio {

struct PlatformInfo {
    float device_pixel_ratio = 1.0f;
};

bool platform_init(const char* title);
// Returns false when the app should stop.
bool platform_begin_frame();
void platform_end_frame(float clear_r, float clear_g, float clear_b);
PlatformInfo platform_info();
// Call between frames after changing the font atlas.
void platform_reload_fonts();
void platform_shutdown();

}  // namespace folio

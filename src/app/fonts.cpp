#include "app.h"
#include "platform.h"

namespace folio {

void fonts_update(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    if (f.bytes.empty() || f.baked_for_ratio == device_pixel_ratio) return;
    if (f.ranges.empty()) {
        for (const auto& r : app.manifest.font.codepoints) {
            f.ranges.push_back(static_cast<ImWchar>(r.first));
            f.ranges.push_back(static_cast<ImWchar>(r.last));
        }
        f.ranges.push_back(0);
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in FontState
    // Glyphs are baked at device pixels and drawn 1:1, so no oversampling is needed.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(f.bytes.data(), static_cast<int>(f.bytes.size()),
                                                  f.size_css_px * device_pixel_ratio, &config, f.ranges.data());
    if (!font) io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f / device_pixel_ratio;
    f.baked_for_ratio = device_pixel_ratio;
    platform_reload_fonts();
}

}  // namespace folio

#include <algorithm>

#include "app.h"
#include "platform.h"

namespace folio {
namespace {

// Ctrl/Cmd + '+' / '-' / '0' change the text size, as in a browser.
void handle_size_keys(FontState& f) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!(io.KeyCtrl || io.KeySuper)) return;
    if (ImGui::IsKeyPressed(kKeyEquals) || ImGui::IsKeyPressed(kKeyPadPlus)) font_size_step(f, 1);
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeyPadMinus)) font_size_step(f, -1);
    if (ImGui::IsKeyPressed(kKey0)) f.size_css_px = kDefaultFontSize;
}

}  // namespace

void fonts_update(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    handle_size_keys(f);
    // The backend makes its own texture on the first frame; ours must come after it.
    if (f.bytes.empty() || ImGui::GetFrameCount() == 0) return;
    if (f.baked_for_ratio == device_pixel_ratio && f.baked_size == f.size_css_px) return;
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
    // Glyph count decides the width; ImGui grows the height. Phones cap textures at 4096.
    io.Fonts->TexDesiredWidth = f.ranges.size() > 4000 ? 4096 : 2048;
    io.FontGlobalScale = 1.0f / device_pixel_ratio;
    f.baked_for_ratio = device_pixel_ratio;
    f.baked_size = f.size_css_px;
    f.atlas = platform_upload_font_atlas();
}

void font_size_step(FontState& f, int steps) {
    f.size_css_px = std::clamp(f.size_css_px + 2.0f * static_cast<float>(steps), 11.0f, 35.0f);
}

}  // namespace folio

#include <algorithm>
#include <chrono>
#include <cmath>

#include "app.h"
#include "platform.h"

namespace folio {

namespace {

// One ImFont per face at `pixels`, each with the fallback merged in; the first also borrows the
// other faces' glyphs, since it draws the UI (search box, tags, any post's title).
void bake_atlas(FontState& f, float pixels) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    f.imgui_faces.clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in FontState
    // Glyphs are baked at device pixels and drawn 1:1, so no oversampling is needed.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFontConfig merge = config;
    merge.MergeMode = true;
    std::size_t glyphs = 0;
    for (FontFile& face : f.faces) {
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(face.bytes.data(), static_cast<int>(face.bytes.size()), pixels,
                                                      &config, face.ranges.data());
        if (!f.fallback.bytes.empty())
            io.Fonts->AddFontFromMemoryTTF(f.fallback.bytes.data(), static_cast<int>(f.fallback.bytes.size()), pixels,
                                           &merge, f.fallback.ranges.data());
        if (f.imgui_faces.empty())
            for (std::size_t other = 1; other < f.faces.size(); ++other)
                io.Fonts->AddFontFromMemoryTTF(f.faces[other].bytes.data(), static_cast<int>(f.faces[other].bytes.size()),
                                               pixels, &merge, f.faces[other].ranges.data());
        f.imgui_faces.push_back(font);
        for (std::size_t r = 0; r + 1 < face.ranges.size(); r += 2) glyphs += face.ranges[r + 1] - face.ranges[r] + 1;
    }
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    // Glyph count decides the width; ImGui grows the height.
    io.Fonts->TexDesiredWidth = glyphs > 4000 ? kMaxAtlasSide : 2048;
}

}  // namespace

// Ctrl/Cmd + '+' / '-' / '0' change the text size, as in a browser.
void font_size_keys(FontState& f) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!(io.KeyCtrl || io.KeySuper)) return;
    if (ImGui::IsKeyPressed(kKeyEquals) || ImGui::IsKeyPressed(kKeyPadPlus)) font_size_step(f, 1);
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeyPadMinus)) font_size_step(f, -1);
    if (ImGui::IsKeyPressed(kKey0)) f.size_css_px = kDefaultFontSize;
}

void fonts_update(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    // The backend makes its own texture on the first frame; ours must come after it.
    if (!f.loaded || f.faces.empty() || ImGui::GetFrameCount() == 0) return;
    if (f.baked_for_ratio == device_pixel_ratio && f.baked_size == f.size_css_px) return;
    // Bake at device pixels; if the atlas would pass the texture limit (4096, what phones allow),
    // bake smaller and scale up: slightly soft text rather than none.
    const auto start = std::chrono::steady_clock::now();
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    float bake_scale = 1.0f;
    for (int attempt = 0; attempt < 4; ++attempt) {
        bake_atlas(f, f.size_css_px * device_pixel_ratio * bake_scale);
        atlas.Build();
        if (atlas.TexHeight <= kMaxAtlasSide) break;
        bake_scale *= 0.95f * std::sqrt(static_cast<float>(kMaxAtlasSide) / static_cast<float>(atlas.TexHeight));
    }
    const double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ImGui::GetIO().FontGlobalScale = 1.0f / (device_pixel_ratio * bake_scale);
    f.atlas = platform_upload_font_atlas();
    f.atlas.build_ms = build_ms;
    f.atlas_scale = bake_scale;
    f.baked_for_ratio = device_pixel_ratio;
    f.baked_size = f.size_css_px;
}

ImFont* post_font(const App& app, std::size_t post) {
    const auto& faces = app.font.imgui_faces;
    const std::size_t face = post < app.catalog.faces.size() ? app.catalog.faces[post] : 0;
    if (face < faces.size()) return faces[face];
    return ImGui::GetFont();
}

std::string glyph_check_json(const App& app) {
    std::string out = "[";
    for (std::size_t i = 0; i < app.font.imgui_faces.size() && i < app.manifest.fonts.size(); ++i) {
        const ImFont* font = app.font.imgui_faces[i];
        std::size_t checked = 0, missing = 0;
        std::string examples;
        auto check = [&](const std::vector<CodepointRange>& ranges) {
            for (const auto& r : ranges)
                for (std::uint32_t cp = r.first; cp <= r.last; ++cp, ++checked) {
                    if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) continue;
                    if (missing++ < 10) examples += (examples.empty() ? "" : ",") + std::to_string(cp);
                }
        };
        check(app.manifest.fonts[i].codepoints);
        check(app.manifest.fallback.codepoints);
        out += std::string(i ? "," : "") + "{\"face\":\"" + app.manifest.fonts[i].name + "\",\"checked\":" +
               std::to_string(checked) + ",\"missing\":" + std::to_string(missing) + ",\"examples\":[" + examples + "]}";
    }
    return out + "]";
}

void font_size_step(FontState& f, int steps) {
    f.size_css_px = std::clamp(f.size_css_px + 2.0f * static_cast<float>(steps), 11.0f, 35.0f);
}

}  // namespace folio

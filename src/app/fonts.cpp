#include <algorithm>

#include "app.h"
#include "platform.h"

namespace folio {

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
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    f.imgui_faces.clear();
    const float pixels = f.size_css_px * device_pixel_ratio;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in FontState
    // Glyphs are baked at device pixels and drawn 1:1, so no oversampling is needed.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    std::size_t glyphs = 0;
    for (FontFile& face : f.faces) {
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(face.bytes.data(), static_cast<int>(face.bytes.size()), pixels,
                                                      &config, face.ranges.data());
        if (!f.fallback.bytes.empty()) {  // glyphs the face lacks come from the fallback
            ImFontConfig merge = config;
            merge.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(f.fallback.bytes.data(), static_cast<int>(f.fallback.bytes.size()), pixels,
                                           &merge, f.fallback.ranges.data());
        }
        // The first face also draws the UI (search box, tags, any post's title): it borrows the
        // other faces' glyphs for the characters it lacks.
        if (f.imgui_faces.empty()) {
            ImFontConfig merge = config;
            merge.MergeMode = true;
            for (std::size_t other = 1; other < f.faces.size(); ++other)
                io.Fonts->AddFontFromMemoryTTF(f.faces[other].bytes.data(), static_cast<int>(f.faces[other].bytes.size()),
                                               pixels, &merge, f.faces[other].ranges.data());
        }
        f.imgui_faces.push_back(font);
        for (std::size_t r = 0; r + 1 < face.ranges.size(); r += 2) glyphs += face.ranges[r + 1] - face.ranges[r] + 1;
    }
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    // Glyph count decides the width; ImGui grows the height. Phones cap textures at 4096.
    io.Fonts->TexDesiredWidth = glyphs > 4000 ? 4096 : 2048;
    io.FontGlobalScale = 1.0f / device_pixel_ratio;
    f.baked_for_ratio = device_pixel_ratio;
    f.baked_size = f.size_css_px;
    f.atlas = platform_upload_font_atlas();
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

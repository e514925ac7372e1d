// Dark and light themes: ImGui's colours plus the reader's own.
#include "app.h"
#include "page.h"

namespace folio {
namespace {

Palette g_palette;  // the theme's colours; set by theme_apply before any frame draws

}  // namespace

void theme_apply(App& app, bool dark) {
    app.dark = dark;
    ImGuiStyle& style = ImGui::GetStyle();
    if (dark) {
        ImGui::StyleColorsDark();
        style.FrameBorderSize = 0.0f;
        g_palette = Palette{ImVec4(0.95f, 0.85f, 0.55f, 1), ImVec4(0.75f, 0.85f, 1.0f, 1), ImVec4(0.45f, 0.72f, 1.0f, 1),
                            ImVec4(1, 1, 1, 0.06f),           ImVec4(0.5f, 0.5f, 0.6f, 1),  ImVec4(1.0f, 0.45f, 0.4f, 1),
                            ImVec4(1.0f, 0.8f, 0.2f, 1),      ImVec4(0.08f, 0.08f, 0.1f, 1), IM_COL32(250, 200, 60, 110),
                            IM_COL32(255, 255, 255, 255)};
    } else {
        ImGui::StyleColorsLight();
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.953f, 0.937f, 1);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 0.6f);
        style.Colors[ImGuiCol_Text] = ImVec4(0.1f, 0.1f, 0.12f, 1);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.4f, 0.4f, 0.43f, 1);
        // White fields on a near-white page: an outline shows where the boxes are.
        style.FrameBorderSize = 1.0f;
        style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.28f);
        g_palette = Palette{ImVec4(0.45f, 0.25f, 0.0f, 1), ImVec4(0.1f, 0.25f, 0.5f, 1), ImVec4(0.05f, 0.35f, 0.8f, 1),
                            ImVec4(0, 0, 0, 0.05f),          ImVec4(0.6f, 0.6f, 0.65f, 1), ImVec4(0.75f, 0.1f, 0.1f, 1),
                            ImVec4(0.85f, 0.55f, 0.0f, 1),   ImVec4(0.96f, 0.953f, 0.937f, 1), IM_COL32(255, 210, 60, 150),
                            IM_COL32(0, 0, 0, 255)};
    }
}

const Palette& palette() { return g_palette; }

}  // namespace folio

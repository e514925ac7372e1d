// Dark and light themes: the palette of folio/palette.h mapped to Dear ImGui's colours and the reader's own.
#include "app.h"
#include "folio/palette.h"

namespace folio {
namespace {

Palette g_palette;  // the theme's colours; set by theme_apply before any frame draws

ImVec4 vec(Rgb c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }

void imgui_colours(const ThemePalette& p, ImVec4* c) {
    for (int k = 0; k < ImGuiCol_COUNT; ++k) c[k] = vec(p.border);  // none left at ImGui's saturated defaults
    c[ImGuiCol_Text] = vec(p.text);
    c[ImGuiCol_TextDisabled] = vec(p.text_dim);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_MenuBarBg] = vec(p.window);
    c[ImGuiCol_ChildBg] = c[ImGuiCol_TableRowBg] = c[ImGuiCol_ScrollbarBg] = vec(p.surface);
    c[ImGuiCol_TableRowBgAlt] = vec(p.row_alt);
    c[ImGuiCol_PopupBg] = c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = vec(p.popup);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = vec(p.field);
    c[ImGuiCol_FrameBgHovered] = vec(p.hovered);
    c[ImGuiCol_FrameBgActive] = vec(p.field);
    c[ImGuiCol_ScrollbarGrab] = vec(p.scrollbar);
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrabActive] = vec(p.bar);
    c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = vec(p.accent);
    c[ImGuiCol_NavHighlight] = c[ImGuiCol_DragDropTarget] = c[ImGuiCol_NavWindowingHighlight] = vec(p.accent);
    c[ImGuiCol_Button] = c[ImGuiCol_Tab] = c[ImGuiCol_TabUnfocused] = vec(p.button);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_TabHovered] = vec(p.button_hovered);
    c[ImGuiCol_ButtonActive] = c[ImGuiCol_TabActive] = c[ImGuiCol_TabUnfocusedActive] = vec(p.button_active);
    c[ImGuiCol_Header] = c[ImGuiCol_HeaderActive] = vec(p.selected);
    c[ImGuiCol_HeaderHovered] = vec(p.hovered);
    c[ImGuiCol_TableHeaderBg] = vec(p.header);
    c[ImGuiCol_SeparatorHovered] = c[ImGuiCol_SeparatorActive] = c[ImGuiCol_ResizeGripActive] = vec(p.accent);
    c[ImGuiCol_ResizeGrip] = c[ImGuiCol_ResizeGripHovered] = vec(p.border);
    c[ImGuiCol_PlotLines] = c[ImGuiCol_PlotHistogram] = vec(p.bar_hit);
    c[ImGuiCol_PlotLinesHovered] = c[ImGuiCol_PlotHistogramHovered] = vec(p.bar_hover);
    c[ImGuiCol_TextSelectedBg] = ImVec4(c[ImGuiCol_CheckMark].x, c[ImGuiCol_CheckMark].y, c[ImGuiCol_CheckMark].z, 0.35f);
    c[ImGuiCol_NavWindowingDimBg] = c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.35f);
}

}  // namespace

void theme_apply(App& app, bool dark) {
    app.dark = dark;
    const ThemePalette& p = theme_palette(dark);
    ImGuiStyle& style = ImGui::GetStyle();
    imgui_colours(p, style.Colors);
    // Soft corners and outlined fields: calm, and the boxes show on light panes too.
    style.FrameBorderSize = 1.0f;
    style.ChildBorderSize = 1.0f;
    style.FrameRounding = style.GrabRounding = style.PopupRounding = 4.0f;
    style.ChildRounding = 6.0f;
    style.ScrollbarRounding = 6.0f;
    style.WindowRounding = 6.0f;
    const auto u32 = [](Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); };
    g_palette = Palette{vec(p.title), vec(p.heading), vec(p.link), vec(p.code_bg), vec(p.quote_bar), vec(p.error), vec(p.star),
                        vec(p.window), u32(p.mark_bg), u32(p.mark_text), u32(p.plot), u32(p.bar), u32(p.bar_hit), u32(p.bar_hover)};
}

const Palette& palette() { return g_palette; }

}  // namespace folio

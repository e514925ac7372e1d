// Wrapped text drawn line by line so that byte ranges (search matches) can be highlighted.
#include <algorithm>

#include "app.h"

namespace folio {

void text_highlighted(std::string_view text, const ByteRanges& highlights, std::vector<float>* highlight_ys,
                      float wrap_width) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float scale = size / font->FontSize;
    const float avail = std::max(ImGui::GetContentRegionAvail().x, size);
    const float wrap = wrap_width > 0 ? wrap_width : avail;
    const float line_height = ImGui::GetTextLineHeightWithSpacing();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 mark_color = IM_COL32(250, 200, 60, 110);
    const float clip_top = ImGui::GetWindowPos().y - line_height, clip_bottom = clip_top + ImGui::GetWindowHeight() + 2 * line_height;

    const char* begin = text.data();
    const char* end = begin + text.size();
    float y = origin.y;
    std::size_t next_highlight = 0;
    struct MarkedRun {
        float x;
        std::uint32_t from, to;
    };
    std::vector<MarkedRun> marked_runs;  // of the current line
    const ImU32 mark_text_color = IM_COL32(255, 255, 255, 255);
    // Hard line breaks first, then ImGui's word wrap within each line.
    for (const char* hard = begin; hard <= end;) {
        const char* hard_end = std::find(hard, end, '\n');
        const char* line = hard;
        do {
            const char* line_end = line < hard_end ? font->CalcWordWrapPositionA(scale, line, hard_end, wrap) : hard_end;
            if (line_end == line && line < hard_end) line_end = line + 1;  // always make progress
            const auto line_from = static_cast<std::uint32_t>(line - begin);
            const auto line_to = static_cast<std::uint32_t>(line_end - begin);
            for (std::size_t h = next_highlight; h < highlights.size() && highlights[h].first < line_to; ++h) {
                const auto [hb, he] = highlights[h];
                if (he <= line_from) {
                    next_highlight = h + 1;
                    continue;
                }
                const std::uint32_t a = std::max(hb, line_from), b = std::min(he, line_to);
                const float x0 = font->CalcTextSizeA(size, FLT_MAX, 0, line, begin + a).x;
                const float x1 = font->CalcTextSizeA(size, FLT_MAX, 0, line, begin + b).x;
                draw->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + size), mark_color, 2.0f);
                marked_runs.push_back({x0, a, b});
                if (highlight_ys && hb >= line_from) highlight_ys->push_back(y);
            }
            if (y > clip_top && y < clip_bottom && line_end > line) {
                draw->AddText(font, size, ImVec2(origin.x, y), text_color, line, line_end);
                for (const auto& run : marked_runs)  // marked text in full strength, even in dim text
                    draw->AddText(font, size, ImVec2(origin.x + run.x, y), mark_text_color, begin + run.from, begin + run.to);
            }
            marked_runs.clear();
            y += line_height;
            line = line_end;
            while (line < hard_end && *line == ' ') ++line;  // a wrapped line does not start with a space
        } while (line < hard_end);
        hard = hard_end + 1;
    }
    ImGui::Dummy(ImVec2(std::min(wrap, avail), std::max(y - origin.y - ImGui::GetStyle().ItemSpacing.y, 0.0f)));
}

}  // namespace folio

// Wrapped text drawn line by line so that byte ranges (search matches) can be highlighted and
// links drawn and clicked. Lines wrap by folio/line_break.h (CJK anywhere, Latin between words).
#include <algorithm>

#include "app.h"
#include "folio/line_break.h"
#include "folio/safe_link.h"

namespace folio {

std::string text_rich(std::string_view text, const ByteRanges& highlights, const std::vector<LinkSpan>* links,
                      std::vector<float>* highlight_ys, float wrap_width, float text_scale, std::vector<DrawnLink>* drawn,
                      TextLayer* layer) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize() * text_scale;
    const float scale = size / font->FontSize;
    const float avail = std::max(ImGui::GetContentRegionAvail().x, size);
    const float wrap = wrap_width > 0 ? wrap_width : avail;
    const float line_height = ImGui::GetTextLineHeightWithSpacing() * text_scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 link_color = ImGui::GetColorU32(palette().link);
    const ImU32 mark_color = palette().mark_bg;
    const ImU32 mark_text_color = palette().mark_text;
    const float clip_top = ImGui::GetWindowPos().y - line_height, clip_bottom = clip_top + ImGui::GetWindowHeight() + 2 * line_height;
    const bool hovered_window = ImGui::IsWindowHovered();
    const auto advance = [font, scale](char32_t cp) { return font->GetCharAdvance(static_cast<ImWchar>(cp)) * scale; };
    const auto width_of = [&](const char* a, const char* b) { return font->CalcTextSizeA(size, FLT_MAX, 0, a, b).x; };
    std::string clicked;

    const char* begin = text.data();
    const char* end = begin + text.size();
    float y = origin.y;
    std::size_t next_highlight = 0;
    struct MarkedRun {
        float x;
        std::uint32_t from, to;
    };
    std::vector<MarkedRun> marked_runs;  // of the current line
    // Hard line breaks first, then line breaking within each line.
    for (const char* hard = begin; hard <= end;) {
        const char* hard_end = std::find(hard, end, '\n');
        const char* line = hard;
        do {
            const char* line_end =
                line < hard_end ? line + wrap_line(std::string_view(line, static_cast<std::size_t>(hard_end - line)), wrap, advance)
                                : hard_end;
            const auto line_from = static_cast<std::uint32_t>(line - begin);
            const auto line_to = static_cast<std::uint32_t>(line_end - begin);
            for (std::size_t h = next_highlight; h < highlights.size() && highlights[h].first < line_to; ++h) {
                const auto [hb, he] = highlights[h];
                if (he <= line_from) {
                    next_highlight = h + 1;
                    continue;
                }
                const std::uint32_t a = std::max(hb, line_from), b = std::min(he, line_to);
                const float x0 = width_of(line, begin + a), x1 = width_of(line, begin + b);
                draw->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + size), mark_color, 2.0f);
                marked_runs.push_back({x0, a, b});
                if (highlight_ys && hb >= line_from) highlight_ys->push_back(y);
            }
            const bool visible = y > clip_top && y < clip_bottom && line_end > line;
            // The line in runs: plain text, and links in the link colour, underlined and clickable.
            std::uint32_t at = line_from;
            const auto draw_run = [&](std::uint32_t to, ImU32 color) {
                if (visible && to > at) draw->AddText(font, size, ImVec2(origin.x + width_of(line, begin + at), y), color, begin + at, begin + to);
                at = to;
            };
            if (links)
                for (const LinkSpan& l : *links) {
                    if (l.end <= line_from || l.begin >= line_to || l.begin >= l.end || l.end > text.size()) continue;
                    const std::uint32_t a = std::max(std::max(l.begin, line_from), at), b = std::min(l.end, line_to);
                    if (a >= b) continue;
                    const bool openable = is_openable_link(l.href);
                    draw_run(a, text_color);
                    const ImVec2 p0(origin.x + width_of(line, begin + a), y);
                    const ImVec2 p1(origin.x + width_of(line, begin + b), y + size);
                    draw_run(b, openable ? link_color : text_color);
                    if (drawn && visible) drawn->push_back({std::string(begin + a, begin + b), l.href, openable, p0, p1});
                    if (!openable) continue;  // shown as plain text, never clickable
                    if (visible) draw->AddLine(ImVec2(p0.x, p1.y), p1, link_color, 1.0f);
                    if (hovered_window && ImGui::IsMouseHoveringRect(p0, p1)) {
                        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                        ImGui::SetTooltip("%s", l.href.c_str());
                        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) clicked = l.href;
                    }
                }
            draw_run(line_to, text_color);
            if (visible)
                for (const auto& run : marked_runs)  // marked text in full strength, even in dim text
                    draw->AddText(font, size, ImVec2(origin.x + run.x, y), mark_text_color, begin + run.from, begin + run.to);
            marked_runs.clear();
            const float line_y = y;
            y += line_height;
            line = line_end;
            while (line < hard_end && *line == ' ') ++line;  // a wrapped line does not start with a space
            if (layer && layer->recording && line > begin + line_from && layer->keep.holds(line_y - layer->origin.y, line_height))
                layer->lines.push_back({std::string(begin + line_from, line), origin.x - layer->origin.x, line_y - layer->origin.y,
                                        width_of(begin + line_from, line), size, line_height, line == hard_end, font->Ascent * scale});
        } while (line < hard_end);
        hard = hard_end + 1;
    }
    ImGui::Dummy(ImVec2(std::min(wrap, avail), std::max(y - origin.y - ImGui::GetStyle().ItemSpacing.y, 0.0f)));
    return clicked;
}

void text_highlighted(std::string_view text, const ByteRanges& highlights, std::vector<float>* highlight_ys,
                      float wrap_width) {
    text_rich(text, highlights, nullptr, highlight_ys, wrap_width, 1.0f, nullptr, nullptr);
}

}  // namespace folio

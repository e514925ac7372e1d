// Wrapped text drawn line by line so that byte ranges (search matches) can be highlighted and
// links drawn and clicked. Lines wrap by folio/line_break.h (CJK anywhere, Latin between words).
#include <algorithm>
#include <cmath>

#include "app.h"
#include "folio/line_break.h"
#include "folio/measure.h"
#include "folio/safe_link.h"

namespace folio {
namespace {

// The longest and the fullest line of the post (folio/measure.h), for the test hook.
void note_line(TextLayer& layer, std::string_view line) {
    const LineCount c = count_line(line);
    layer.longest = std::max(layer.longest, c.chars);
    layer.fill = std::max(layer.fill, line_fill(c));
}

struct LineBox {
    float height, half;  // a line's height, and the space above its glyphs
};

// Glyphs centred in their line, a whole number of pixels from its top (as the page's text layer
// places them: a fractional half-leading is rounded there). Without a leading, ImGui's line height.
LineBox line_box(float size, float text_scale, float leading) {
    if (leading <= 0) return {ImGui::GetTextLineHeightWithSpacing() * text_scale, 0.0f};
    const float half = std::round(size * (leading - 1.0f) * 0.5f);
    return {size + 2.0f * half, half};
}

}  // namespace

std::string text_rich(std::string_view text, const ByteRanges& highlights, const std::vector<LinkSpan>* links,
                      std::vector<float>* highlight_ys, float wrap_width, float text_scale, std::vector<DrawnLink>* drawn,
                      TextLayer* layer, float leading) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize() * text_scale;
    const float scale = size / font->FontSize;
    const float avail = std::max(ImGui::GetContentRegionAvail().x, size);
    const float wrap = wrap_width > 0 ? wrap_width : avail;
    const LineBox box = line_box(size, text_scale, leading);
    const float line_height = box.height, half_leading = box.half;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin(std::floor(ImGui::GetCursorScreenPos().x), ImGui::GetCursorScreenPos().y);  // glyphs go to whole pixels
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
    float exact_y = origin.y + half_leading, y = std::floor(exact_y);  // the glyphs' top: Dear ImGui draws them at whole pixels
    std::size_t next_highlight = 0;
    ByteRanges marked_runs;  // of the current line
    // Hard line breaks first, then line breaking within each line.
    for (const char* hard = begin; hard <= end;) {
        const char* hard_end = std::find(hard, end, '\n');
        const char* line = hard;
        do {
            const char* line_end =
                line < hard_end ? line + wrap_line(std::string_view(line, static_cast<std::size_t>(hard_end - line)), wrap, advance)
                                : hard_end;
            const auto line_from = static_cast<std::uint32_t>(line - begin), line_to = static_cast<std::uint32_t>(line_end - begin);
            for (std::size_t h = next_highlight; h < highlights.size() && highlights[h].first < line_to; ++h) {
                const auto [hb, he] = highlights[h];
                if (he <= line_from) {
                    next_highlight = h + 1;
                    continue;
                }
                const std::uint32_t a = std::max(hb, line_from), b = std::min(he, line_to);
                const float x0 = width_of(line, begin + a), x1 = width_of(line, begin + b);
                draw->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + size), mark_color, 2.0f);
                marked_runs.push_back({a, b});
                if (highlight_ys && hb >= line_from) highlight_ys->push_back(y);
            }
            const bool visible = y > clip_top && y < clip_bottom && line_end > line;
            // The line in runs: plain text, and links in the link colour, underlined and clickable; marked
            // text is drawn once, in the mark's colour, over its opaque mark (the contrast checked).
            std::uint32_t at = line_from;
            const auto draw_piece = [&](std::uint32_t from, std::uint32_t to, ImU32 color) {
                if (to > from) draw->AddText(font, size, ImVec2(origin.x + width_of(line, begin + from), y), color, begin + from, begin + to);
            };
            const auto draw_run = [&](std::uint32_t to, ImU32 color) {
                for (const auto& [mark_from, mark_to] : marked_runs)  // the text before each mark, then the mark's
                    if (visible && mark_to > at && mark_from < to) {
                        const std::uint32_t a = std::max(at, mark_from), b = std::min(to, mark_to);
                        draw_piece(at, a, color);
                        draw_piece(a, b, mark_text_color);
                        at = b;
                    }
                if (visible) draw_piece(at, to, color);
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
            marked_runs.clear();
            line = line_end;
            while (line < hard_end && *line == ' ') ++line;  // a wrapped line does not start with a space
            if (layer) note_line(*layer, std::string_view(begin + line_from, line_to - line_from));
            if (layer && layer->recording && line > begin + line_from && layer->keep.holds(y - layer->origin.y, line_height))
                layer->lines.push_back({std::string(begin + line_from, line), origin.x - layer->origin.x, y - layer->origin.y,
                                        width_of(begin + line_from, line), size, line_height, line == hard_end, font->Ascent * scale});
            y = std::floor(exact_y += line_height);
        } while (line < hard_end);
        hard = hard_end + 1;
    }
    const float height = exact_y - half_leading - origin.y - (leading > 0 ? 0.0f : ImGui::GetStyle().ItemSpacing.y);
    ImGui::Dummy(ImVec2(std::min(wrap, avail), std::max(height, 0.0f)));
    return clicked;
}

void text_highlighted(std::string_view text, const ByteRanges& highlights, std::vector<float>* highlight_ys,
                      float wrap_width) {
    text_rich(text, highlights, nullptr, highlight_ys, wrap_width, 1.0f, nullptr, nullptr);
}

}  // namespace folio

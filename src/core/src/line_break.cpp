// Line breaking for the reader (a small subset of UAX #14 and the kinsoku rules of CJK typesetting).
#include "folio/line_break.h"

#include <algorithm>
#include <iterator>

#include "folio/utf8.h"

namespace folio {
namespace {

// Sorted for binary search.
constexpr char32_t kNoBreakBefore[] = {
    U'!', U'%', U')', U',', U'.', U':', U';', U'?', U']', U'}', U'\u2019', U'\u201D', U'\u2025', U'\u2026',
    U'\u3001', U'\u3002', U'\u3005', U'\u3009', U'\u300B', U'\u300D', U'\u300F', U'\u3011', U'\u3015', U'\u3017',
    U'\u3019', U'\u301B', U'\u301C', U'\u301E', U'\u301F', U'\u3041', U'\u3043', U'\u3045', U'\u3047', U'\u3049',
    U'\u3063', U'\u3083', U'\u3085', U'\u3087', U'\u308E', U'\u309D', U'\u309E', U'\u30A1', U'\u30A3', U'\u30A5',
    U'\u30A7', U'\u30A9', U'\u30C3', U'\u30E3', U'\u30E5', U'\u30E7', U'\u30EE', U'\u30F5', U'\u30F6', U'\u30FB',
    U'\u30FC', U'\u30FD', U'\u30FE', U'\uFF01', U'\uFF05', U'\uFF09', U'\uFF0C', U'\uFF0E', U'\uFF1A', U'\uFF1B',
    U'\uFF1F', U'\uFF3D', U'\uFF5D', U'\uFF5E', U'\uFF60', U'\uFF61', U'\uFF63', U'\uFF64'};
constexpr char32_t kNoBreakAfter[] = {
    U'(', U'[', U'{', U'\u2018', U'\u201C', U'\u3008', U'\u300A', U'\u300C', U'\u300E', U'\u3010', U'\u3014',
    U'\u3016', U'\u3018', U'\u301A', U'\u301D', U'\uFF08', U'\uFF3B', U'\uFF5B', U'\uFF5F', U'\uFF62'};

static_assert(std::is_sorted(std::begin(kNoBreakBefore), std::end(kNoBreakBefore)));
static_assert(std::is_sorted(std::begin(kNoBreakAfter), std::end(kNoBreakAfter)));

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t'; }

}  // namespace

bool no_break_before(char32_t cp) { return std::binary_search(std::begin(kNoBreakBefore), std::end(kNoBreakBefore), cp); }

bool no_break_after(char32_t cp) { return std::binary_search(std::begin(kNoBreakAfter), std::end(kNoBreakAfter), cp); }

bool can_break_between(char32_t a, char32_t b) {
    if (is_space(b)) return false;  // the break goes after the spaces
    if (no_break_before(b) || no_break_after(a)) return false;
    if (is_space(a)) return true;
    return is_cjk_wide(a) || is_cjk_wide(b);
}

std::size_t wrap_line(std::string_view text, float max_width, const std::function<float(char32_t)>& advance) {
    float width = 0;
    std::size_t last_break = 0;  // 0: no break opportunity seen yet
    char32_t prev = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8_next(text, i);
        if (cp == U'\n') return start;
        if (start > 0 && can_break_between(prev, cp)) last_break = start;
        const float w = advance(cp);
        if (start > 0 && !is_space(cp) && width + w > max_width)
            return last_break > 0 ? last_break : start;
        width += w;
        prev = cp;
    }
    return text.size();
}

namespace {

std::string without_trailing_spaces(std::string_view line) {
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    return std::string(line);
}

// The longest start of text (whole code points) that is at most room wide.
std::string_view fitting(std::string_view text, float room, const std::function<float(char32_t)>& advance) {
    float width = 0;
    std::size_t end = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t next = i;
        width += advance(utf8_next(text, next));
        if (width > room) break;
        end = i = next;
    }
    return text.substr(0, end);
}

}  // namespace

std::vector<std::string> wrap_lines(std::string_view text, float max_width, std::size_t max_lines,
                                    const std::function<float(char32_t)>& advance) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (lines.size() < max_lines) {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\n')) ++at;
        if (at >= text.size()) break;
        const std::string_view rest = text.substr(at);
        const std::size_t end = wrap_line(rest, max_width, advance);
        if (lines.size() + 1 == max_lines && end < rest.size()) {
            lines.push_back(without_trailing_spaces(fitting(rest, max_width - advance(U'\u2026'), advance)) + "\u2026");
            break;
        }
        lines.push_back(without_trailing_spaces(rest.substr(0, end)));
        at += end;
    }
    return lines;
}

}  // namespace folio

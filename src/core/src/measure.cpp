#include "folio/measure.h"

#include "folio/glyph_plan.h"
#include "folio/utf8.h"

namespace folio {

LineCount count_line(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.remove_suffix(1);
    LineCount c;
    for (std::size_t i = 0; i < line.size();) {
        const char32_t cp = utf8_next(line, i);
        ++c.chars;
        if (wide_codepoint(cp)) ++c.wide;
    }
    return c;
}

double line_fill(LineCount c) {
    return static_cast<double>(c.wide) / kMaxWidePerLine + static_cast<double>(c.chars - c.wide) / kMaxNarrowPerLine;
}

double wide_share(std::string_view text) {
    std::size_t chars = 0, wide = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8_next(text, i);
        if (cp == ' ' || cp == '\n' || cp == '\t') continue;
        ++chars;
        if (wide_codepoint(cp)) ++wide;
    }
    return chars == 0 ? 1.0 : static_cast<double>(wide) / static_cast<double>(chars);
}

// A line of width w holds about w / (s * wide + (1 - s) * narrow) characters, s of them wide; its fill
// is that count times (s / 45 + (1 - s) / 75). Solved for a fill of kMeasureTarget.
float measure_width(double share, float wide_advance, float narrow_advance) {
    const double mean = share * wide_advance + (1.0 - share) * narrow_advance;
    const double fill_per_char = share / kMaxWidePerLine + (1.0 - share) / kMaxNarrowPerLine;
    return static_cast<float>(kMeasureTarget * mean / fill_per_char);
}

}  // namespace folio

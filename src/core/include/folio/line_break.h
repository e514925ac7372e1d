#pragma once
// Where a line of text may wrap: Latin only between words, CJK between any two characters,
// and no CJK closing punctuation at a line start nor opening punctuation at a line end.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

// Characters that must not start a line (。，」 ...) or end one (「（ ...).
bool no_break_before(char32_t cp);
bool no_break_after(char32_t cp);
// Whether a line may end between a and b (b starts the next line). After spaces, not before.
bool can_break_between(char32_t a, char32_t b);

// The byte offset where the first line of text ends when lines are max_width wide; advance gives
// each code point's width. Spaces may hang past the edge (the caller skips them at the next line
// start). A word wider than a line breaks where it must. Always takes at least one code point.
std::size_t wrap_line(std::string_view text, float max_width, const std::function<float(char32_t)>& advance);

// At most max_lines lines of text wrapped at max_width (spaces at line ends dropped); when the text
// needs more, the last line ends in "…" where it fits.
std::vector<std::string> wrap_lines(std::string_view text, float max_width, std::size_t max_lines,
                                    const std::function<float(char32_t)>& advance);

}  // namespace folio

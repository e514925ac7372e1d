#pragma once
// The reader's measure: how many characters a line may hold. Comfortable reading is about 35-45 CJK
// characters or 60-75 Latin ones a line; the reader wraps each block short of that whatever the
// window's width and the text size, and reports the longest line it drew. Pure, tested natively.
#include <cstddef>
#include <string_view>

namespace folio {

inline constexpr double kMaxWidePerLine = 45;    // East Asian wide characters
inline constexpr double kMaxNarrowPerLine = 75;  // Latin letters, digits, spaces and the like
inline constexpr double kMeasureTarget = 0.9;    // the share of the most a line is laid out for: text varies

// A line's characters: code points without its trailing spaces, and how many of them are wide.
struct LineCount {
    std::size_t chars = 0, wide = 0;
};
LineCount count_line(std::string_view line);
// How full a line is against the measure: wide / 45 + narrow / 75; a line may hold at most 1.
double line_fill(LineCount c);

// The share of text's characters (spaces aside) that are wide, 0..1; 1 for text with none.
double wide_share(std::string_view text);

// Text a reader's narrow characters are averaged over: ordinary English, letter frequencies and spaces.
inline constexpr std::string_view kLatinSample =
    "The quick brown fox jumps over the lazy dog. Reading is easiest when a line is neither too long "
    "nor too short, and the eye finds the start of the next one without searching for it.";

// Wide characters a face's em is measured with: common to Chinese and Japanese faces (the build puts
// them in every face's first font slice).
inline constexpr std::string_view kWideSample = "中日人大一";

// The widest a line may be drawn for text with this wide share, given the width of a wide character
// and the mean width of a narrow one (kLatinSample's): kMeasureTarget of a full line.
float measure_width(double share, float wide_advance, float narrow_advance);

}  // namespace folio

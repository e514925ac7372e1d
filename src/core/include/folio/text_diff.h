#pragma once
// What differs between two versions of a text (the reader's "compare" of two copies of a story):
// the byte ranges of each that the other lacks. A shortest edit script (Myers, 1986) over tokens:
// a CJK or other character alone, a run of Latin letters and digits as one word.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace folio {

using TextRanges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // [begin, end) bytes, ascending

struct TextDiff {
    TextRanges only_a, only_b;  // adjacent changed tokens merged into one range
    // False when the texts differ by more than the edit budget: the part between their common
    // beginning and end is then marked whole on both sides.
    bool aligned = true;
};

// Memory grows with the square of the edits found (about 16 MB at the default budget).
TextDiff diff_text(std::string_view a, std::string_view b, std::size_t max_edits = 2000);

}  // namespace folio

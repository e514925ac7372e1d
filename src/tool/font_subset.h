#pragma once
// Cuts a font down to the code points an archive uses (HarfBuzz hb-subset).
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"

namespace folio {

struct SubsetFont {
    std::string bytes;                     // an OpenType font holding only the requested glyphs
    std::vector<CodepointRange> covered;  // requested code points the font has
    std::vector<char32_t> missing;        // requested code points the font lacks
};

// face_index selects a face of a collection (.ttc); 0 for plain TTF/OTF files.
Result<SubsetFont> subset_font(const std::string& font_path, unsigned face_index, const std::set<char32_t>& wanted);

// The requested code points the face has and lacks, without cutting a subset (bytes stay empty).
Result<SubsetFont> font_coverage(const std::string& font_path, unsigned face_index, const std::set<char32_t>& wanted);

// Han characters of the viewer's own strings (the search box hint).
inline constexpr char32_t kUiHan[] = U"中文";

// Code points every site's font carries: ASCII, Latin-1, punctuation, CJK punctuation,
// full-width forms, arrows and shapes the UI draws, and U+FFFD.
std::set<char32_t> base_codepoints();

}  // namespace folio

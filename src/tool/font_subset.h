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

// Of the curly quotes (U+2018, U+2019, U+201C, U+201D), those the face draws full-width, an em wide:
// CJK fonts do, which leaves a gap in "People’s"; the site takes them from its fallback instead.
Result<std::set<char32_t>> full_width_quotes(const std::string& font_path, unsigned face_index);

// Code points every site's font carries: ui_codepoints, and full-width forms, arrows, shapes and
// symbols (in the later slices unless the posts use them often).
std::set<char32_t> base_codepoints();
// What the UI face's first slice carries: ASCII, Latin-1, punctuation, CJK punctuation, U+FFFD, and
// every character of the viewer's strings in every language (folio/ui_text.h), so a reader can
// switch language on any site.
std::set<char32_t> ui_codepoints();

}  // namespace folio

#pragma once
// The site's fonts: a face per script (simplified, traditional, Japanese) cut to the characters
// the posts drawn with it use, plus a Latin/symbol fallback for what the CJK faces lack.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"
#include "folio/search_fold.h"
#include "font_subset.h"

namespace folio {

inline constexpr const char* kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr const char* kFallbackFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

enum class Script : std::uint8_t { Simplified, Traditional, Japanese };

struct SiteFonts {
    std::vector<FontRef> faces;
    FontRef fallback;
    // Per font file (each slice of each face, then the fallback): a hash of the font, face and code
    // points asked for, which decide the subset's bytes, and the file's name. Incremental builds
    // recall subsets by it.
    std::vector<std::pair<std::uint64_t, std::string>> keys;
    std::vector<BundleFile> files;
    std::map<char32_t, std::vector<std::string>> missing;  // code points no font has -> the posts using them
};

// A subset an earlier build made for the same key (its bytes and covered code points), if any.
using FontRecall = std::function<std::optional<SubsetFont>(std::uint64_t key)>;

// font_arg "" picks Noto Sans CJK's SC, TC and JP faces by each post's script; "FILE[:face]"
// draws every post with that one face. Sets each post's font_face. Faces are cut in parallel, each
// into files (slices) of falling frequency: slice_codepoints per file after the first, which holds
// the UI's and the newest posts' characters and twice slice_codepoints of the most frequent.
Result<SiteFonts> make_site_fonts(std::vector<Post>& posts, const FoldTable& table, const std::string& font_arg,
                                  const FontRecall& recall = {}, std::uint32_t slice_codepoints = 300);

}  // namespace folio

#pragma once
// The site's fonts: a face per script (simplified, traditional, Japanese) cut to the characters
// the posts drawn with it use, plus a Latin/symbol fallback for what the CJK faces lack.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"
#include "folio/search_fold.h"

namespace folio {

inline constexpr const char* kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr const char* kFallbackFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

enum class Script : std::uint8_t { Simplified, Traditional, Japanese };

struct SiteFonts {
    std::vector<FontRef> faces;
    FontRef fallback;
    std::vector<BundleFile> files;
    std::map<char32_t, std::vector<std::string>> missing;  // code points no font has -> the posts using them
};

// font_arg "" picks Noto Sans CJK's SC, TC and JP faces by each post's script; "FILE[:face]"
// draws every post with that one face. Sets each post's font_face.
Result<SiteFonts> make_site_fonts(std::vector<Post>& posts, const FoldTable& table, const std::string& font_arg);

}  // namespace folio

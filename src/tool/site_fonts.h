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
#include "folio/related.h"
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
    std::vector<std::uint8_t> post_faces;  // per post: its font_face
};

// What the fold table and the fonts need of one chunk of posts (a metadata shard's run, in bundle
// order), kept in the build cache so that an incremental build does not read an unchanged chunk's
// text again.
struct ChunkCodepoints {
    std::vector<char32_t> used;  // every code point of the posts' titles and texts, ascending
    std::vector<std::uint8_t> scripts;  // per post: the face of face_specs(font_arg) it asks for
    // Per face of face_specs(font_arg): how often the chunk's posts drawn with it use each code point, ascending.
    std::vector<std::vector<std::pair<char32_t, std::uint64_t>>> uses;
    // Code points some face of face_specs(font_arg) lacks -> the posts (paths, in order) that use them.
    std::vector<std::pair<char32_t, std::vector<std::string>>> rare;
    std::vector<Sketch> sketches;  // per post: its related_sketch (folio/related.h), for the copies found each build
};

// The code points of posts [first, first + count) into out.used (the fold table's input).
void chunk_used_codepoints(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count, ChunkCodepoints& out);

// A subset an earlier build made for the same key (its bytes and covered code points), if any.
using FontRecall = std::function<std::optional<SubsetFont>(std::uint64_t key)>;

// font_arg "" picks Noto Sans CJK's SC, TC and JP faces by each post's script; "FILE[:face]"
// draws every post with that one face. Sets each post's font_face. Faces are cut in parallel, each
// into files (slices) of falling frequency: slice_codepoints per file after the first, which holds
// what the first screen draws with the face (the UI's characters in the first face, the newest
// posts' titles in theirs) and twice slice_codepoints of its most frequent, shared out among the
// faces by how many of the first screen's rows each draws.
// Posts [first, first + count) with their blocks (the build keeps them out of memory: PostStore).
using LoadPosts = std::function<Result<std::vector<Post>>(std::uint32_t first, std::uint32_t count)>;

// chunks: runs of posts with their ChunkCodepoints; those with `used` only (chunk_used_codepoints) are
// counted here (their posts through load) and completed, the others (from an earlier build) are
// taken as they are. posts: metadata only; the result's post_faces gives each post's font_face.
Result<SiteFonts> make_site_fonts(const std::vector<Post>& posts, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                                  std::vector<ChunkCodepoints>& counted, const LoadPosts& load, const FoldTable& table,
                                  const std::string& font_arg, const FontRecall& recall = {},
                                  std::uint32_t slice_codepoints = 300);
// The same over all posts (with their blocks) as one chunk, and sets each post's font_face.
Result<SiteFonts> make_site_fonts(std::vector<Post>& posts, const FoldTable& table, const std::string& font_arg,
                                  const FontRecall& recall = {}, std::uint32_t slice_codepoints = 300);

}  // namespace folio

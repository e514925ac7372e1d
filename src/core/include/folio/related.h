#pragma once
// Related coverage: posts that are the same article with edits (another outlet's copy, a changed
// title, a paragraph dropped or added, a date days apart). The build finds them; the viewer shows
// each post's list ("Also in") and can fold a group into one row.
//
// This header is the contract between the build (which fills RelatedLists) and the viewer (which
// reads them from the site's related file). Indices are catalog indices of the same build.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "folio/model.h"
#include "folio/result.h"

namespace folio {

// Every post's related posts, one compressed row per post: post i's are
// ids[offsets[i], offsets[i + 1]), ascending, never i itself; symmetric (j in i's row iff i in j's).
struct RelatedLists {
    std::vector<std::uint32_t> offsets{0};  // posts() + 1 entries
    std::vector<std::uint32_t> ids;
    std::size_t posts() const { return offsets.size() - 1; }
    std::span<const std::uint32_t> of(std::uint32_t post) const {
        if (post + 1 >= offsets.size()) return {};
        return {ids.data() + offsets[post], ids.data() + offsets[post + 1]};
    }
    bool operator==(const RelatedLists&) const = default;
};

// A post's MinHash sketch (one-permutation hashing: each 5-character shingle of its folded body,
// hashed once, keeps the least value of its bin; empty bins borrow from the next full one). Folded:
// letters and digits only (case and full width folded, spaces and punctuation dropped), so copies
// with other spacing or punctuation still match. Posts with too little text are not sketched.
inline constexpr std::size_t kSketchBins = 64;
inline constexpr std::size_t kMinSketchChars = 80;  // letters and digits a post needs to be judged
struct Sketch {
    std::array<std::uint16_t, kSketchBins> bins{};
    bool valid = false;
    bool operator==(const Sketch&) const = default;
};
Sketch related_sketch(const std::vector<Block>& blocks);
double sketch_similarity(const Sketch& a, const Sketch& b);  // estimated Jaccard of the shingle sets

struct RelatedOptions {
    double min_similarity = 0.5;    // estimated Jaccard a candidate pair must reach
    std::size_t bucket_cap = 32;    // LSH buckets larger than this are boilerplate, not a story: skipped
    std::size_t max_per_post = 16;  // a pair is kept when each is among the other's most similar
    // Copies are saved within days of each other; a text that comes back months later is a template
    // (a weekly report, a podcast page), not the same story. Undated posts are judged by text alone.
    std::int64_t max_seconds_apart = 7 * 86400;
};
// Candidates share all rows of one LSH band (21 bands of 3 bins); only they are compared. dates:
// each post's (seconds since the epoch), or none.
RelatedLists find_related(const std::vector<Sketch>& sketches, const std::vector<std::optional<std::int64_t>>& dates,
                          const RelatedOptions& options = {});

// The related file's text, and back. parse_related checks what the viewer relies on: the row count
// is post_count, every index is in range, rows are ascending without the post itself, and symmetric.
std::string related_json(const RelatedLists& lists);
Result<RelatedLists> parse_related(std::string_view text, std::size_t post_count);

// A list with copies folded (related_fold.cpp): a post whose related post is already a row above
// it is no row of its own; it counts in that row's `copies` (the first such row).
struct FoldedList {
    std::vector<std::uint32_t> rows;    // posts, in the list's order
    std::vector<std::uint32_t> copies;  // per row: the later posts of the list folded into it
};
FoldedList fold_related(const std::vector<std::uint32_t>& list, const RelatedLists& related);

}  // namespace folio

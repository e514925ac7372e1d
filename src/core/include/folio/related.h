#pragma once
// Related coverage: posts that are the same article with edits (another outlet's copy, a changed
// title, a paragraph dropped or added, a date days apart). The build finds them; the viewer shows
// each post's list ("Also in") and can fold a group into one row.
//
// This header is the contract between the build (which fills RelatedLists) and the viewer (which
// reads them from the site's related file). Indices are catalog indices of the same build.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

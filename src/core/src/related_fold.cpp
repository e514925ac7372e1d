#include <limits>

#include "folio/related.h"

namespace folio {

FoldedList fold_related(const std::vector<std::uint32_t>& list, const RelatedLists& related) {
    constexpr std::uint32_t kNoRow = std::numeric_limits<std::uint32_t>::max();
    FoldedList out;
    out.rows.reserve(list.size());
    // Row of each post shown so far (posts past the related file's count have no relations).
    std::vector<std::uint32_t> row_of(related.posts(), kNoRow);
    for (const std::uint32_t post : list) {
        std::uint32_t into = kNoRow;
        for (const std::uint32_t other : related.of(post))
            if (other < row_of.size() && row_of[other] < into) into = row_of[other];
        if (into != kNoRow) {
            ++out.copies[into];
            continue;
        }
        if (post < row_of.size()) row_of[post] = static_cast<std::uint32_t>(out.rows.size());
        out.rows.push_back(post);
        out.copies.push_back(0);
    }
    return out;
}

}  // namespace folio

// Folding copies in the list (folio/related.h, fold_related).
#include <gtest/gtest.h>

#include <algorithm>

#include "folio/related.h"

namespace folio {
namespace {

// Lists from symmetric pairs over `posts` posts.
RelatedLists lists(std::uint32_t posts, std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs) {
    std::vector<std::vector<std::uint32_t>> rows(posts);
    for (auto [a, b] : pairs) {
        rows[a].push_back(b);
        rows[b].push_back(a);
    }
    RelatedLists r;
    for (auto& row : rows) {
        std::sort(row.begin(), row.end());
        r.ids.insert(r.ids.end(), row.begin(), row.end());
        r.offsets.push_back(static_cast<std::uint32_t>(r.ids.size()));
    }
    return r;
}

TEST(RelatedFold, CopiesFoldIntoTheirFirstRow) {
    const RelatedLists r = lists(6, {{1, 4}, {1, 5}, {4, 5}});
    const FoldedList f = fold_related({0, 4, 2, 1, 5, 3}, r);
    EXPECT_EQ(f.rows, (std::vector<std::uint32_t>{0, 4, 2, 3}));
    EXPECT_EQ(f.copies, (std::vector<std::uint32_t>{0, 2, 0, 0}));
}

TEST(RelatedFold, OnlyPostsOfTheListCount) {
    const RelatedLists r = lists(4, {{0, 1}, {2, 3}});
    const FoldedList f = fold_related({3, 0}, r);  // 1 and 2 are filtered out
    EXPECT_EQ(f.rows, (std::vector<std::uint32_t>{3, 0}));
    EXPECT_EQ(f.copies, (std::vector<std::uint32_t>{0, 0}));
}

TEST(RelatedFold, ACopyOfAFoldedPostIsARowOfItsOwn) {
    // 0~1 and 1~2, but 0 and 2 are not the same story: 2 is shown.
    const RelatedLists r = lists(3, {{0, 1}, {1, 2}});
    const FoldedList f = fold_related({0, 1, 2}, r);
    EXPECT_EQ(f.rows, (std::vector<std::uint32_t>{0, 2}));
    EXPECT_EQ(f.copies, (std::vector<std::uint32_t>{1, 0}));
}

TEST(RelatedFold, PostsPastTheRelatedFileAreRows) {
    const RelatedLists r = lists(2, {{0, 1}});
    const FoldedList f = fold_related({5, 0, 1, 7}, r);  // a catalog newer than the file
    EXPECT_EQ(f.rows, (std::vector<std::uint32_t>{5, 0, 7}));
    EXPECT_EQ(f.copies, (std::vector<std::uint32_t>{0, 1, 0}));
}

TEST(RelatedFold, NoRelationsKeepsTheList) {
    const FoldedList f = fold_related({2, 1, 0}, RelatedLists{});
    EXPECT_EQ(f.rows, (std::vector<std::uint32_t>{2, 1, 0}));
}

}  // namespace
}  // namespace folio

// Per-source statistics (folio/source_stats.h): shares, months and top tags of a set of posts.
#include <gtest/gtest.h>

#include "folio/date.h"
#include "folio/source_stats.h"

namespace folio {
namespace {

struct Posts {
    Manifest m;
    Catalog c;
    void add(std::optional<std::int64_t> date, int site, std::vector<std::uint32_t> tags) {
        c.ids.push_back("p" + std::to_string(c.size()));
        c.paths.push_back(c.ids.back() + ".md");
        c.titles.push_back(c.ids.back());
        c.source_urls.emplace_back();
        c.dates.push_back(date.value_or(0));
        c.has_date.push_back(date.has_value());
        c.utc_offsets.push_back(0);
        c.authors.push_back(-1);
        c.sites.push_back(site);
        c.faces.push_back(0);
        c.tags.push_back(std::move(tags));
        c.categories.emplace_back();
        c.extra_json.emplace_back("{}");
    }
};

std::int64_t at(int y, int mo, int d) { return days_from_civil(y, mo, d) * 86400 + 3600; }

Posts sample() {
    Posts p;
    p.m.sites = {"a.com", "b.com", "c.com", "d.com"};
    p.m.tags = {"t0", "t1", "t2"};
    p.add(at(2021, 3, 1), 1, {0, 1});   // p0 b
    p.add(at(2021, 1, 9), 1, {1});      // p1 b
    p.add(at(2020, 12, 31), 0, {2});    // p2 a
    p.add(at(2020, 11, 2), 1, {1});     // p3 b
    p.add(at(2020, 11, 1), 2, {0});     // p4 c
    p.add(at(2020, 11, 1), -1, {0});    // p5 no source
    p.add(std::nullopt, 3, {2});        // p6 d, undated
    return p;
}

std::vector<std::uint32_t> all(const Posts& p) {
    std::vector<std::uint32_t> v(p.c.size());
    for (std::uint32_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

TEST(SourceStats, SharesMonthsAndTopTags) {
    const Posts p = sample();
    const BrowseIndex x = build_browse_index(p.c, p.m);
    const SourceStats st = source_stats(x, p.c, all(p), 8, 2);
    EXPECT_EQ(st.total, 7u);
    EXPECT_EQ(st.undated, 1u);
    EXPECT_EQ(st.first_month, 2020 * 12 + 10);  // November 2020
    EXPECT_EQ(st.months, 5u);                   // Nov 2020 .. Mar 2021
    ASSERT_EQ(st.series.size(), 5u);            // b (3), then a, c, d (1 each, by site index), then none
    EXPECT_EQ(st.series[0].site, 1u);
    EXPECT_EQ(st.series[0].count, 3u);
    EXPECT_EQ(st.series[0].per_month, (std::vector<std::uint32_t>{1, 0, 1, 0, 1}));
    EXPECT_EQ(st.series[0].top_tags, (std::vector<TagCount>{{1, 3}, {0, 1}}));
    EXPECT_EQ(st.series[1].site, 0u);
    EXPECT_EQ(st.series[1].per_month, (std::vector<std::uint32_t>{0, 1, 0, 0, 0}));
    EXPECT_EQ(st.series[2].site, 2u);
    EXPECT_EQ(st.series[3].site, 3u);
    EXPECT_EQ(st.series[3].per_month, (std::vector<std::uint32_t>(5, 0)));  // undated: in no month
    EXPECT_EQ(st.series[4].site, kNoSource);
    EXPECT_EQ(st.series[4].count, 1u);
    EXPECT_EQ(st.series[4].sources, 0u);
    std::uint32_t sum = 0;
    for (const auto& s : st.series) sum += s.count;
    EXPECT_EQ(sum, st.total);
}

TEST(SourceStats, SourcesPastTheTopAreOneSeries) {
    const Posts p = sample();
    const BrowseIndex x = build_browse_index(p.c, p.m);
    const SourceStats st = source_stats(x, p.c, all(p), 2, 5);
    ASSERT_EQ(st.series.size(), 4u);  // b, a, others (c and d), none
    EXPECT_EQ(st.series[2].site, kOtherSources);
    EXPECT_EQ(st.series[2].count, 2u);
    EXPECT_EQ(st.series[2].sources, 2u);
    EXPECT_EQ(st.series[2].top_tags, (std::vector<TagCount>{{0, 1}, {2, 1}}));  // ties by tag index
}

TEST(SourceStats, FollowsTheGivenPosts) {
    const Posts p = sample();
    const BrowseIndex x = build_browse_index(p.c, p.m);
    const SourceStats st = source_stats(x, p.c, {2, 4, 99}, 8, 5);  // out of range is skipped
    EXPECT_EQ(st.total, 2u);
    EXPECT_EQ(st.months, 2u);  // Nov and Dec 2020
    ASSERT_EQ(st.series.size(), 2u);
    EXPECT_EQ(st.series[0].site, 0u);  // a and c, one each: by site index
    EXPECT_EQ(st.series[1].site, 2u);
    const SourceStats none = source_stats(x, p.c, {}, 8, 5);
    EXPECT_EQ(none.total, 0u);
    EXPECT_EQ(none.months, 0u);
    EXPECT_TRUE(none.series.empty());
}

TEST(SourceStats, MonthIndexRoundTrips) {
    for (const std::int32_t d : {0, -1, 18000, static_cast<std::int32_t>(days_from_civil(1900, 2, 28))}) {
        const std::int64_t m = month_index(d);
        EXPECT_LE(month_first_day(m), d);
        EXPECT_GT(month_first_day(m + 1), d);
    }
}

}  // namespace
}  // namespace folio

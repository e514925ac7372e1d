// Filters, disjunctive facet counts, timeline buckets and sort orders (folio/browse.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "folio/browse.h"
#include "folio/date.h"

namespace folio {
namespace {

struct Fixture {
    Manifest m;
    Catalog c;
    // Posts must be added newest first, undated last (the catalog's order).
    void add(std::string title, std::optional<std::int64_t> date, int author, int site, std::vector<std::uint32_t> tags,
             std::vector<std::uint32_t> cats = {}, std::int32_t offset = 0) {
        c.ids.push_back("p" + std::to_string(c.size()));
        c.paths.push_back(c.ids.back() + ".md");
        c.titles.push_back(std::move(title));
        c.source_urls.emplace_back();
        c.dates.push_back(date.value_or(0));
        c.has_date.push_back(date.has_value());
        c.utc_offsets.push_back(offset);
        c.authors.push_back(author);
        c.sites.push_back(site);
        c.faces.push_back(0);
        c.tags.push_back(std::move(tags));
        c.categories.push_back(std::move(cats));
        c.extra_json.emplace_back("{}");
    }
};

std::int64_t at(int y, int mo, int d, int h = 12) { return days_from_civil(y, mo, d) * 86400 + h * 3600; }
std::int32_t day(int y, int mo, int d) { return static_cast<std::int32_t>(days_from_civil(y, mo, d)); }

Fixture sample() {
    Fixture f;
    f.m.tags = {"香港", "health", "sport"};
    f.m.categories = {"news", "blog"};
    f.m.authors = {"Ann", "Bo"};
    f.m.sites = {"bbc.com", "abc.net"};
    f.add("Delta", at(2021, 3, 10), 0, 0, {0, 1}, {0});   // p0
    f.add("alpha", at(2021, 3, 8), 1, 1, {0}, {1});       // p1
    f.add("Charlie", at(2021, 2, 20), 0, 1, {2}, {0});    // p2
    f.add("Bravo", at(2020, 12, 31), -1, -1, {1, 2}, {});  // p3
    f.add("Echo", std::nullopt, 1, 0, {0}, {0});           // p4 undated
    return f;
}

std::vector<std::uint32_t> run(const Fixture& f, const Filters& filters, SortKey sort = SortKey::Date, bool asc = false,
                               const std::vector<std::size_t>* base = nullptr, bool keep = false) {
    const BrowseIndex x = build_browse_index(f.c, f.m);
    return browse(x, f.c, f.m, filters, base, sort, asc, keep).posts;
}

TEST(Browse, NoFiltersListsEverythingNewestFirst) {
    const Fixture f = sample();
    EXPECT_EQ(run(f, {}), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

TEST(Browse, ValuesOfOneFacetAreOredAndFacetsAnded) {
    const Fixture f = sample();
    Filters filters;
    filters.selected[static_cast<int>(Facet::Tag)] = {"香港", "sport"};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
    filters.selected[static_cast<int>(Facet::Tag)] = {"health"};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{0, 3}));
    filters.selected[static_cast<int>(Facet::Source)] = {"bbc.com"};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{0}));
    filters.selected[static_cast<int>(Facet::Source)] = {"no-such-site.org"};
    EXPECT_TRUE(run(f, filters).empty());
}

TEST(Browse, FacetCountsIgnoreTheirOwnSelectionButFollowTheOthers) {
    const Fixture f = sample();
    const BrowseIndex x = build_browse_index(f.c, f.m);
    Filters filters;
    filters.selected[static_cast<int>(Facet::Author)] = {"Ann"};
    const BrowseResult r = browse(x, f.c, f.m, filters, nullptr, SortKey::Date, false, false);
    EXPECT_EQ(r.posts, (std::vector<std::uint32_t>{0, 2}));
    // Authors: every post counts (their own selection is ignored), p3 has none.
    EXPECT_EQ(r.counts[static_cast<int>(Facet::Author)], (std::vector<std::uint32_t>{2, 2}));
    // Tags follow the author filter: p0 (香港, health), p2 (sport).
    EXPECT_EQ(r.counts[static_cast<int>(Facet::Tag)], (std::vector<std::uint32_t>{1, 1, 1}));
    EXPECT_EQ(r.counts[static_cast<int>(Facet::Source)], (std::vector<std::uint32_t>{1, 1}));
    EXPECT_EQ(r.counts[static_cast<int>(Facet::Category)], (std::vector<std::uint32_t>{2, 0}));
    // The order lists values with a count (and selected ones), most first, then by name.
    EXPECT_EQ(r.order[static_cast<int>(Facet::Category)], (std::vector<std::uint32_t>{0}));
    EXPECT_EQ(r.order[static_cast<int>(Facet::Author)], (std::vector<std::uint32_t>{0, 1}));
}

TEST(Browse, DayRangeIsInclusiveInThePostsOwnOffsetAndDropsUndated) {
    Fixture f = sample();
    Filters filters;
    filters.days = DayRange{day(2021, 2, 20), day(2021, 3, 8)};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{1, 2}));
    // 2021-03-10 22:00 UTC is already 2021-03-11 at +08:00.
    Fixture g;
    g.m.tags = {"x"};
    g.add("late", at(2021, 3, 10, 22), -1, -1, {}, {}, 480);
    filters.days = DayRange{day(2021, 3, 11), day(2021, 3, 11)};
    EXPECT_EQ(run(g, filters), (std::vector<std::uint32_t>{0}));
    filters.days = DayRange{day(2021, 3, 10), day(2021, 3, 10)};
    EXPECT_TRUE(run(g, filters).empty());
}

TEST(Browse, TimelineCountsIgnoreTheDayRange) {
    const Fixture f = sample();
    const BrowseIndex x = build_browse_index(f.c, f.m);
    EXPECT_EQ(x.first_day, day(2020, 12, 31));
    EXPECT_EQ(x.last_day, day(2021, 3, 10));
    Filters filters;
    filters.days = DayRange{day(2021, 3, 1), day(2021, 3, 31)};
    filters.selected[static_cast<int>(Facet::Tag)] = {"香港"};
    const BrowseResult r = browse(x, f.c, f.m, filters, nullptr, SortKey::Date, false, false);
    EXPECT_EQ(r.posts, (std::vector<std::uint32_t>{0, 1}));
    std::uint32_t total = 0;
    for (auto n : r.day_counts) total += n;
    EXPECT_EQ(total, 2u);  // p0 and p1 tagged 香港 and dated; p4 is undated
    const auto bars = timeline_bars(r.day_counts, x.first_day, x.first_day, x.last_day, TimeBucket::Month);
    ASSERT_EQ(bars.size(), 4u);  // Dec, Jan, Feb, Mar
    EXPECT_EQ(bars[0].first, day(2020, 12, 1));
    EXPECT_EQ(bars[3].last, day(2021, 3, 31));
    EXPECT_EQ(bars[3].count, 2u);
    const auto all = timeline_bars(x.day_counts_all, x.first_day, x.first_day, x.last_day, TimeBucket::Month);
    EXPECT_EQ(all[0].count + all[1].count + all[2].count + all[3].count, 4u);
}

TEST(Browse, SearchResultsAreTheBaseAndKeepTheirOrderWhenAsked) {
    const Fixture f = sample();
    const std::vector<std::size_t> hits{3, 0, 4, 2};
    Filters filters;
    filters.selected[static_cast<int>(Facet::Category)] = {"news"};
    EXPECT_EQ(run(f, filters, SortKey::Date, false, &hits, true), (std::vector<std::uint32_t>{0, 4, 2}));
    EXPECT_EQ(run(f, filters, SortKey::Date, false, &hits, false), (std::vector<std::uint32_t>{0, 2, 4}));
    const BrowseIndex x = build_browse_index(f.c, f.m);
    const BrowseResult r = browse(x, f.c, f.m, filters, &hits, SortKey::Date, false, false);
    EXPECT_EQ(r.considered, 4u);
    EXPECT_EQ(r.counts[static_cast<int>(Facet::Category)], (std::vector<std::uint32_t>{3, 0}));  // p1 is not a hit
}

TEST(Browse, SortsByTitleAndSourceEitherWay) {
    const Fixture f = sample();
    // Byte order: upper case before lower case.
    EXPECT_EQ(run(f, {}, SortKey::Title, true), (std::vector<std::uint32_t>{3, 2, 0, 4, 1}));
    EXPECT_EQ(run(f, {}, SortKey::Title, false), (std::vector<std::uint32_t>{1, 4, 0, 2, 3}));
    // abc.net (p1, p2), bbc.com (p0, p4), no site (p3) last; newest first within a site.
    EXPECT_EQ(run(f, {}, SortKey::Source, true), (std::vector<std::uint32_t>{1, 2, 0, 4, 3}));
    EXPECT_EQ(run(f, {}, SortKey::Source, false), (std::vector<std::uint32_t>{0, 4, 1, 2, 3}));
    EXPECT_EQ(run(f, {}, SortKey::Date, true), (std::vector<std::uint32_t>{3, 2, 1, 0, 4}));
}

TEST(Browse, BucketsAreDaysMondayWeeksAndCalendarMonths) {
    EXPECT_EQ(bucket_of(day(2021, 3, 10), TimeBucket::Day), (DayRange{day(2021, 3, 10), day(2021, 3, 10)}));
    // 2021-03-10 was a Wednesday.
    EXPECT_EQ(bucket_of(day(2021, 3, 10), TimeBucket::Week), (DayRange{day(2021, 3, 8), day(2021, 3, 14)}));
    EXPECT_EQ(bucket_of(day(1969, 12, 31), TimeBucket::Week), (DayRange{day(1969, 12, 29), day(1970, 1, 4)}));
    EXPECT_EQ(bucket_of(day(2020, 2, 15), TimeBucket::Month), (DayRange{day(2020, 2, 1), day(2020, 2, 29)}));
    EXPECT_EQ(bucket_of(day(1960, 12, 5), TimeBucket::Month), (DayRange{day(1960, 12, 1), day(1960, 12, 31)}));
    EXPECT_EQ(bucket_for_zoom(30, 600, 4), TimeBucket::Day);
    EXPECT_EQ(bucket_for_zoom(365, 600, 4), TimeBucket::Week);
    EXPECT_EQ(bucket_for_zoom(3650, 600, 4), TimeBucket::Month);
    EXPECT_EQ(post_day(-1, 0), -1);
}

// Against a direct reading of the rules, on random catalogs and filters.
TEST(Browse, MatchesABruteForceModel) {
    std::mt19937 rng(7);
    for (int round = 0; round < 40; ++round) {
        Fixture f;
        f.m.tags = {"a", "b", "c", "d", "e"};
        f.m.categories = {"x", "y", "z"};
        f.m.authors = {"p", "q", "r"};
        f.m.sites = {"s1", "s2"};
        const int n = 1 + static_cast<int>(rng() % 60);
        const int undated = static_cast<int>(rng() % 3);  // the last few, as in a real catalog
        std::int64_t t = at(2022, 6, 30);
        for (int i = 0; i < n; ++i) {
            t -= static_cast<std::int64_t>(rng() % (86400 * 5));
            std::vector<std::uint32_t> tags, cats;
            for (std::uint32_t v = 0; v < 5; ++v) if (rng() % 3 == 0) tags.push_back(v);
            for (std::uint32_t v = 0; v < 3; ++v) if (rng() % 3 == 0) cats.push_back(v);
            f.add("t" + std::to_string(rng() % 10), i < n - undated ? std::optional(t) : std::nullopt,
                  static_cast<int>(rng() % 4) - 1, static_cast<int>(rng() % 3) - 1, tags, cats);
        }
        const BrowseIndex x = build_browse_index(f.c, f.m);
        Filters filters;
        for (std::size_t fi = 0; fi < kFacetCount; ++fi) {
            const auto& names = facet_names(f.m, static_cast<Facet>(fi));
            for (const auto& name : names) if (rng() % 4 == 0) filters.selected[fi].push_back(name);
        }
        if (rng() % 2 && x.last_day >= x.first_day) {
            const std::int32_t a = x.first_day + static_cast<std::int32_t>(rng() % (x.last_day - x.first_day + 1));
            filters.days = DayRange{a, a + static_cast<std::int32_t>(rng() % 40)};
        }
        std::vector<std::size_t> base;
        for (std::size_t i = 0; i < f.c.size(); ++i) if (rng() % 3) base.push_back(i);
        std::shuffle(base.begin(), base.end(), rng);
        const bool use_base = rng() % 2;
        const BrowseResult r = browse(x, f.c, f.m, filters, use_base ? &base : nullptr, SortKey::Date, false, false);

        const auto values = [&](std::size_t i, std::size_t fi) {
            std::vector<std::uint32_t> v;
            if (fi == 0) v = f.c.tags[i];
            if (fi == 1) v = f.c.categories[i];
            if (fi == 2 && f.c.authors[i] >= 0) v.push_back(static_cast<std::uint32_t>(f.c.authors[i]));
            if (fi == 3 && f.c.sites[i] >= 0) v.push_back(static_cast<std::uint32_t>(f.c.sites[i]));
            return v;
        };
        const auto passes = [&](std::size_t i, int skip_facet, bool skip_days) {
            for (std::size_t fi = 0; fi < kFacetCount; ++fi) {
                if (static_cast<int>(fi) == skip_facet || filters.selected[fi].empty()) continue;
                bool hit = false;
                for (auto v : values(i, fi))
                    for (const auto& name : filters.selected[fi]) hit = hit || facet_names(f.m, static_cast<Facet>(fi))[v] == name;
                if (!hit) return false;
            }
            if (!skip_days && filters.days) {
                if (!f.c.has_date[i]) return false;
                const auto d = post_day(f.c.dates[i], 0);
                if (d < filters.days->first || d > filters.days->last) return false;
            }
            return true;
        };
        std::vector<std::uint32_t> want;
        std::array<std::vector<std::uint32_t>, kFacetCount> want_counts;
        for (std::size_t fi = 0; fi < kFacetCount; ++fi) want_counts[fi].assign(x.value_count[fi], 0);
        std::vector<std::uint32_t> want_days(x.day_counts_all.size(), 0);
        for (std::size_t i = 0; i < f.c.size(); ++i) {
            if (use_base && std::find(base.begin(), base.end(), i) == base.end()) continue;
            if (passes(i, -1, false)) want.push_back(static_cast<std::uint32_t>(i));
            for (std::size_t fi = 0; fi < kFacetCount; ++fi)
                if (passes(i, static_cast<int>(fi), false))
                    for (auto v : values(i, fi)) ++want_counts[fi][v];
            if (passes(i, -1, true) && f.c.has_date[i]) ++want_days[static_cast<std::size_t>(post_day(f.c.dates[i], 0) - x.first_day)];
        }
        ASSERT_EQ(r.posts, want) << "round " << round;
        for (std::size_t fi = 0; fi < kFacetCount; ++fi) ASSERT_EQ(r.counts[fi], want_counts[fi]) << "round " << round;
        ASSERT_EQ(r.day_counts, want_days) << "round " << round;
    }
}

}  // namespace
}  // namespace folio

// On this day: one month and day in every year; the timeline's counts (every filter but the day
// range) give the posts per year, and 29 February matches leap years only.
namespace folio {
namespace {

Fixture on_this_day_sample() {
    Fixture f;
    f.m.tags = {"a", "b"};
    f.m.sites = {"x.com"};
    f.add("2024 Mar 5 late", at(2024, 3, 5, 23), -1, 0, {0});     // p0
    f.add("2024 Mar 5 west", at(2024, 3, 6, 3), -1, 0, {1}, {}, -8 * 60);  // p1: 5 March in its own offset
    f.add("2024 Feb 29", at(2024, 2, 29), -1, 0, {0});            // p2
    f.add("2021 Mar 5", at(2021, 3, 5), -1, 0, {1});              // p3
    f.add("2021 Mar 4", at(2021, 3, 4), -1, 0, {0});              // p4
    f.add("2019 Mar 5", at(2019, 3, 5, 0), -1, 0, {0});           // p5
    f.add("undated", std::nullopt, -1, 0, {0});                   // p6
    return f;
}

TEST(BrowseOnThisDay, FiltersToTheMonthAndDayInEveryYear) {
    const Fixture f = on_this_day_sample();
    Filters filters;
    filters.on_day = MonthDay{3, 5};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{0, 1, 3, 5}));
    filters.on_day = MonthDay{2, 29};
    EXPECT_EQ(run(f, filters), (std::vector<std::uint32_t>{2}));
    filters.on_day = MonthDay{12, 25};
    EXPECT_TRUE(run(f, filters).empty());
    EXPECT_FALSE(filters.empty());
}

TEST(BrowseOnThisDay, CountsPerYearFollowTheOtherFiltersButNotTheDayRange) {
    const Fixture f = on_this_day_sample();
    const BrowseIndex x = build_browse_index(f.c, f.m);
    Filters filters;
    filters.on_day = MonthDay{3, 5};
    filters.days = DayRange{day(2021, 1, 1), day(2021, 12, 31)};  // one year chosen: the others still counted
    BrowseResult r = browse(x, f.c, f.m, filters, nullptr, SortKey::Date, false, false);
    EXPECT_EQ(r.posts, (std::vector<std::uint32_t>{3}));
    EXPECT_EQ(year_counts(r.day_counts, x.first_day), (std::vector<YearCount>{{2019, 1}, {2021, 1}, {2024, 2}}));
    filters.selected[static_cast<std::size_t>(Facet::Tag)] = {"a"};
    r = browse(x, f.c, f.m, filters, nullptr, SortKey::Date, false, false);
    EXPECT_EQ(year_counts(r.day_counts, x.first_day), (std::vector<YearCount>{{2019, 1}, {2024, 1}}));
    // A query's results are the base: only they count.
    const std::vector<std::size_t> base = {4, 5};
    filters.selected[static_cast<std::size_t>(Facet::Tag)].clear();
    r = browse(x, f.c, f.m, filters, &base, SortKey::Date, false, false);
    EXPECT_EQ(year_counts(r.day_counts, x.first_day), (std::vector<YearCount>{{2019, 1}}));
    // Facet counts follow it too.
    EXPECT_EQ(r.counts[static_cast<std::size_t>(Facet::Tag)][0], 0u);  // p5 is outside 2021
}

TEST(BrowseOnThisDay, MonthDayOfAnyDay) {
    EXPECT_EQ(month_day_of(day(2024, 2, 29)), (MonthDay{2, 29}));
    EXPECT_EQ(month_day_of(day(1969, 12, 31)), (MonthDay{12, 31}));
    EXPECT_EQ(month_day_of(0), (MonthDay{1, 1}));
    EXPECT_TRUE(year_counts({}, 0).empty());
}

}  // namespace
}  // namespace folio

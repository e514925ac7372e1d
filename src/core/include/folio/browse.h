#pragma once
// Browsing the catalog: filters (folio/view.h), facet counts, the timeline histogram and the sort
// order of the list, recomputed from scratch on every change (linear in the posts considered).
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "folio/bundle.h"
#include "folio/view.h"

namespace folio {

inline constexpr std::int32_t kNoDay = INT32_MIN;

// The calendar day of a post in its own UTC offset (the day format_day() shows).
std::int32_t post_day(std::int64_t seconds, std::int32_t utc_offset_minutes);

// Built once per loaded catalog: per-post days, value lookups and the title and source orders.
struct BrowseIndex {
    std::vector<std::int32_t> days;                 // by post; kNoDay when undated
    std::vector<std::uint16_t> month_days;          // by post: month * 32 + day (0 when undated), for on this day
    std::int32_t first_day = 0, last_day = -1;      // span of the dated posts (empty when last < first)
    std::vector<std::uint32_t> day_counts_all;      // posts per day, first_day..last_day
    std::array<std::size_t, kFacetCount> value_count{};  // dictionary sizes per facet
    std::array<std::unordered_map<std::string, std::uint32_t>, kFacetCount> value_ids;  // name -> dictionary index
    std::vector<std::uint32_t> by_title;        // posts by title A-Z (byte order), then newest first
    std::vector<std::uint32_t> by_source;       // by site A-Z, newest first within a site, no site last
    std::vector<std::uint32_t> by_source_desc;  // by site Z-A, newest first within a site, no site last
};
BrowseIndex build_browse_index(const Catalog& catalog, const Manifest& manifest);

// The month and day of a calendar day (days since 1970-01-01).
MonthDay month_day_of(std::int32_t day);

struct YearCount {
    std::int64_t year = 0;
    std::uint32_t count = 0;
    bool operator==(const YearCount&) const = default;
};
// Posts per calendar year, from posts per day (counts_first: the first count's day); years with none
// are left out. With on this day in the filters, the timeline's day_counts give its counts per year.
std::vector<YearCount> year_counts(const std::vector<std::uint32_t>& day_counts, std::int32_t counts_first);

// The dictionary of a facet (Source: manifest.sites, the site of each post's source URL).
const std::vector<std::string>& facet_names(const Manifest& manifest, Facet facet);

struct BrowseResult {
    std::vector<std::uint32_t> posts;  // every post passing the query and all filters, in list order
    // Per facet and dictionary value: posts passing the query and every filter except that facet's
    // own selection (disjunctive faceting: picking a second value shows what it would add).
    std::array<std::vector<std::uint32_t>, kFacetCount> counts;
    // Per facet: values with a count or a selection, by count (most first) then name.
    std::array<std::vector<std::uint32_t>, kFacetCount> order;
    // Posts per day (first_day..last_day of the index) passing the query and every filter but the
    // day range (on this day included): what the timeline draws against day_counts_all.
    std::vector<std::uint32_t> day_counts;
    std::size_t considered = 0;  // posts the query let through (all posts without one)
};

// base: search results in rank order, or nullptr for every post. With keep_base_order the list
// keeps the base's order (relevance); otherwise it follows sort, ascending meaning oldest first
// (Date) or A-Z (Title, Source). Undated posts and posts without a site always come last.
// Selected names missing from the dictionary match no post.
BrowseResult browse(const BrowseIndex& index, const Catalog& catalog, const Manifest& manifest,
                    const Filters& filters, const std::vector<std::size_t>* base, SortKey sort,
                    bool ascending, bool keep_base_order);

enum class TimeBucket : std::uint8_t { Day, Week, Month };

struct TimelineBar {
    std::int32_t first = 0, last = 0;  // inclusive days
    std::uint32_t count = 0;
};

// The bucket (day, week from Monday, calendar month) that holds day d.
DayRange bucket_of(std::int32_t day, TimeBucket bucket);
// The bars covering days [first, last] (whole buckets), summing counts given per day from counts_first.
std::vector<TimelineBar> timeline_bars(const std::vector<std::uint32_t>& day_counts, std::int32_t counts_first,
                                       std::int32_t first, std::int32_t last, TimeBucket bucket);
// The finest bucket whose bars are at least min_bar_px wide when span_days fill width_px.
TimeBucket bucket_for_zoom(std::int32_t span_days, float width_px, float min_bar_px);

}  // namespace folio

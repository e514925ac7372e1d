#pragma once
// Per-source statistics of a set of posts (the viewer's current results): each source's share, its
// posts per month, and its most used tags. One pass over the posts.
#include <cstdint>
#include <vector>

#include "folio/browse.h"
#include "folio/bundle.h"

namespace folio {

inline constexpr std::uint32_t kOtherSources = UINT32_MAX - 1;  // the sources past the top ones, together
inline constexpr std::uint32_t kNoSource = UINT32_MAX;          // posts without a source URL

struct TagCount {
    std::uint32_t tag = 0;  // index into Manifest::tags
    std::uint32_t count = 0;
    bool operator==(const TagCount&) const = default;
};

struct SourceSeries {
    std::uint32_t site = kNoSource;   // index into Manifest::sites, or kOtherSources / kNoSource
    std::uint32_t count = 0;          // posts in the set
    std::uint32_t sources = 1;        // sources it stands for (more than 1 for kOtherSources)
    std::vector<std::uint32_t> per_month;  // posts per month, first_month..first_month + months - 1
    std::vector<TagCount> top_tags;   // most used first, then by tag index
};

struct SourceStats {
    std::size_t total = 0;             // posts in the set
    std::size_t undated = 0;           // of them, without a date (in no month)
    std::int64_t first_month = 0;      // year * 12 + month - 1 of the earliest dated post
    std::size_t months = 0;            // months from the earliest to the latest dated post
    std::vector<SourceSeries> series;  // the top sources by count (then site index), then others, then none
};

// Stats of `posts` (catalog indices): at most max_sources sources of their own (the rest summed in
// one kOtherSources series), max_tags tags each.
SourceStats source_stats(const BrowseIndex& index, const Catalog& catalog, const std::vector<std::uint32_t>& posts,
                         std::size_t max_sources, std::size_t max_tags);

// The month index (year * 12 + month - 1) of a day, and the first day of a month index.
std::int64_t month_index(std::int32_t day);
std::int32_t month_first_day(std::int64_t month);

}  // namespace folio

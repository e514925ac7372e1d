// Per-source statistics (folio/source_stats.h): two passes over the posts, the first to rank sources
// and find the months, the second to fill each series.
#include "folio/source_stats.h"

#include <algorithm>
#include <unordered_map>

#include "folio/date.h"

namespace folio {
namespace {

// Series for the sources of `posts`: the top ones by count, then the rest together, then no source;
// slot_of_site maps a site index to its series (others and none have theirs too).
struct Ranking {
    std::vector<SourceSeries> series;
    std::vector<std::uint32_t> slot_of_site;
    std::uint32_t none_slot = UINT32_MAX;
};

Ranking rank_sources(const Catalog& c, const std::vector<std::uint32_t>& posts, std::size_t max_sources) {
    std::vector<std::uint32_t> counts;
    std::uint32_t none = 0;
    for (std::uint32_t i : posts) {
        if (i >= c.size()) continue;
        if (c.sites[i] < 0) { ++none; continue; }
        const auto s = static_cast<std::size_t>(c.sites[i]);
        if (s >= counts.size()) counts.resize(s + 1, 0);
        ++counts[s];
    }
    std::vector<std::uint32_t> sites;
    for (std::uint32_t s = 0; s < counts.size(); ++s)
        if (counts[s]) sites.push_back(s);
    std::sort(sites.begin(), sites.end(), [&](std::uint32_t a, std::uint32_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; });
    Ranking r;
    r.slot_of_site.assign(counts.size(), UINT32_MAX);
    for (std::size_t k = 0; k < sites.size(); ++k) {
        if (k < max_sources) {
            r.slot_of_site[sites[k]] = static_cast<std::uint32_t>(r.series.size());
            r.series.push_back({sites[k], counts[sites[k]], 1, {}, {}});
            continue;
        }
        if (k == max_sources) r.series.push_back({kOtherSources, 0, 0, {}, {}});
        r.slot_of_site[sites[k]] = static_cast<std::uint32_t>(r.series.size() - 1);
        r.series.back().count += counts[sites[k]];
        ++r.series.back().sources;
    }
    if (none) {
        r.none_slot = static_cast<std::uint32_t>(r.series.size());
        r.series.push_back({kNoSource, none, 0, {}, {}});
    }
    return r;
}

std::vector<TagCount> top_of(const std::unordered_map<std::uint32_t, std::uint32_t>& counts, std::size_t max_tags) {
    std::vector<TagCount> tags;
    tags.reserve(counts.size());
    for (const auto& [tag, n] : counts) tags.push_back({tag, n});
    const auto better = [](const TagCount& a, const TagCount& b) { return a.count != b.count ? a.count > b.count : a.tag < b.tag; };
    const std::size_t keep = std::min(max_tags, tags.size());
    std::partial_sort(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(keep), tags.end(), better);
    tags.resize(keep);
    return tags;
}

}  // namespace

std::int64_t month_index(std::int32_t day) {
    const CivilTime t = civil_from_unix(std::int64_t{day} * 86400);
    return t.year * 12 + (t.month - 1);
}

std::int32_t month_first_day(std::int64_t month) {
    const std::int64_t year = month >= 0 ? month / 12 : (month - 11) / 12;
    return static_cast<std::int32_t>(days_from_civil(year, static_cast<int>(month - year * 12) + 1, 1));
}

SourceStats source_stats(const BrowseIndex& index, const Catalog& c, const std::vector<std::uint32_t>& posts,
                         std::size_t max_sources, std::size_t max_tags) {
    SourceStats st;
    Ranking r = rank_sources(c, posts, max_sources);
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (std::uint32_t i : posts) {
        if (i >= c.size()) continue;
        ++st.total;
        if (i >= index.days.size() || index.days[i] == kNoDay) { ++st.undated; continue; }
        const std::int64_t m = month_index(index.days[i]);
        lo = std::min(lo, m);
        hi = std::max(hi, m);
    }
    if (lo <= hi) {
        st.first_month = lo;
        st.months = static_cast<std::size_t>(hi - lo + 1);
    }
    for (auto& s : r.series) s.per_month.assign(st.months, 0);
    std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> tags(r.series.size());
    for (std::uint32_t i : posts) {
        if (i >= c.size()) continue;
        const std::uint32_t slot = c.sites[i] < 0 ? r.none_slot : r.slot_of_site[static_cast<std::size_t>(c.sites[i])];
        SourceSeries& s = r.series[slot];
        if (i < index.days.size() && index.days[i] != kNoDay) ++s.per_month[static_cast<std::size_t>(month_index(index.days[i]) - lo)];
        for (std::uint32_t t : c.tags[i]) ++tags[slot][t];
    }
    for (std::size_t k = 0; k < r.series.size(); ++k) r.series[k].top_tags = top_of(tags[k], max_tags);
    st.series = std::move(r.series);
    return st;
}

}  // namespace folio

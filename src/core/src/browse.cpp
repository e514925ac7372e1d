// Filters, facet counts, timeline and sort: one pass over the posts per change.
#include "folio/browse.h"

#include <algorithm>

#include "folio/date.h"

namespace folio {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Calls f(value) for each dictionary value post i has in the facet.
template <class F>
void for_each_value(const Catalog& c, Facet facet, std::size_t i, F&& f) {
    switch (facet) {
        case Facet::Tag: for (auto v : c.tags[i]) f(v); break;
        case Facet::Category: for (auto v : c.categories[i]) f(v); break;
        case Facet::Author: if (c.authors[i] >= 0) f(static_cast<std::uint32_t>(c.authors[i])); break;
        case Facet::Source: if (c.sites[i] >= 0) f(static_cast<std::uint32_t>(c.sites[i])); break;
    }
}

constexpr std::uint32_t kDayBit = 1u << kFacetCount;
constexpr std::uint32_t kOnDayBit = 1u << (kFacetCount + 1);

std::uint16_t month_day_key(MonthDay md) { return static_cast<std::uint16_t>(md.month * 32 + md.day); }

}  // namespace

std::int32_t post_day(std::int64_t seconds, std::int32_t utc_offset_minutes) {
    return static_cast<std::int32_t>(floor_div(seconds + std::int64_t{utc_offset_minutes} * 60, 86400));
}

MonthDay month_day_of(std::int32_t day) {
    const CivilTime t = civil_from_unix(std::int64_t{day} * 86400);
    return {static_cast<std::uint8_t>(t.month), static_cast<std::uint8_t>(t.day)};
}

std::vector<YearCount> year_counts(const std::vector<std::uint32_t>& day_counts, std::int32_t counts_first) {
    std::vector<YearCount> out;
    for (std::size_t k = 0; k < day_counts.size(); ++k) {
        if (day_counts[k] == 0) continue;
        const std::int64_t year = civil_from_unix((std::int64_t{counts_first} + static_cast<std::int64_t>(k)) * 86400).year;
        if (out.empty() || out.back().year != year) out.push_back({year, 0});
        out.back().count += day_counts[k];
    }
    return out;
}

const std::vector<std::string>& facet_names(const Manifest& manifest, Facet facet) {
    switch (facet) {
        case Facet::Tag: return manifest.tags;
        case Facet::Category: return manifest.categories;
        case Facet::Author: return manifest.authors;
        case Facet::Source: break;
    }
    return manifest.sites;
}

BrowseIndex build_browse_index(const Catalog& c, const Manifest& manifest) {
    BrowseIndex x;
    const std::size_t n = c.size();
    x.days.resize(n, kNoDay);
    x.month_days.resize(n, 0);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (!c.has_date[i]) continue;
        const std::int32_t d = post_day(c.dates[i], c.utc_offsets[i]);
        x.days[i] = d;
        x.month_days[i] = month_day_key(month_day_of(d));
        if (!any || d < x.first_day) x.first_day = d;
        if (!any || d > x.last_day) x.last_day = d;
        any = true;
    }
    if (any) {
        x.day_counts_all.assign(static_cast<std::size_t>(x.last_day - x.first_day + 1), 0);
        for (std::int32_t d : x.days)
            if (d != kNoDay) ++x.day_counts_all[static_cast<std::size_t>(d - x.first_day)];
    }
    for (std::size_t f = 0; f < kFacetCount; ++f) {
        const auto& names = facet_names(manifest, static_cast<Facet>(f));
        x.value_count[f] = names.size();
        for (std::uint32_t v = 0; v < names.size(); ++v) x.value_ids[f].emplace(names[v], v);
    }
    std::vector<std::uint32_t> all(n);
    for (std::uint32_t i = 0; i < n; ++i) all[i] = i;
    x.by_title = all;
    std::stable_sort(x.by_title.begin(), x.by_title.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return c.titles[a] < c.titles[b]; });
    // Site ranks by name; posts keep catalog order (newest first) within a site.
    const auto& sites = manifest.sites;
    std::vector<std::uint32_t> site_rank(sites.size());
    {
        std::vector<std::uint32_t> s(sites.size());
        for (std::uint32_t k = 0; k < s.size(); ++k) s[k] = k;
        std::sort(s.begin(), s.end(), [&](std::uint32_t a, std::uint32_t b) { return sites[a] < sites[b]; });
        for (std::uint32_t r = 0; r < s.size(); ++r) site_rank[s[r]] = r;
    }
    const auto rank = [&](std::uint32_t i, bool desc) -> std::int64_t {
        if (c.sites[i] < 0) return INT64_MAX;
        const std::int64_t r = site_rank[static_cast<std::size_t>(c.sites[i])];
        return desc ? -r : r;
    };
    x.by_source = all;
    std::stable_sort(x.by_source.begin(), x.by_source.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rank(a, false) < rank(b, false); });
    x.by_source_desc = std::move(all);
    std::stable_sort(x.by_source_desc.begin(), x.by_source_desc.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rank(a, true) < rank(b, true); });
    return x;
}

BrowseResult browse(const BrowseIndex& index, const Catalog& c, const Manifest& manifest, const Filters& filters,
                    const std::vector<std::size_t>* base, SortKey sort, bool ascending, bool keep_base_order) {
    const std::size_t n = c.size();
    BrowseResult r;
    // Selections as bitmaps over each dictionary.
    std::array<std::vector<std::uint8_t>, kFacetCount> chosen;
    std::uint32_t active = 0;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
        r.counts[f].assign(index.value_count[f], 0);
        if (filters.selected[f].empty()) continue;
        active |= 1u << f;
        chosen[f].assign(index.value_count[f], 0);
        for (const auto& name : filters.selected[f])
            if (auto it = index.value_ids[f].find(name); it != index.value_ids[f].end()) chosen[f][it->second] = 1;
    }
    if (filters.days) active |= kDayBit;
    const std::uint16_t on_day = filters.on_day ? month_day_key(*filters.on_day) : 0;
    const bool has_span = index.last_day >= index.first_day;
    if (has_span) r.day_counts.assign(index.day_counts_all.size(), 0);

    std::vector<std::uint8_t> pass(n, 0);
    const auto consider = [&](std::size_t i) {
        if (i >= n) return;
        ++r.considered;
        std::uint32_t fail = 0;
        for (std::size_t f = 0; f < kFacetCount; ++f) {
            if (!(active & (1u << f))) continue;
            bool hit = false;
            for_each_value(c, static_cast<Facet>(f), i, [&](std::uint32_t v) { hit = hit || (v < chosen[f].size() && chosen[f][v]); });
            if (!hit) fail |= 1u << f;
        }
        const std::int32_t day = index.days[i];
        if (filters.days && (day == kNoDay || day < filters.days->first || day > filters.days->last)) fail |= kDayBit;
        if (on_day && index.month_days[i] != on_day) fail |= kOnDayBit;
        // A post counts for a facet when it fails nothing, or only that facet's own selection.
        for (std::size_t f = 0; f < kFacetCount; ++f)
            if ((fail & ~(1u << f)) == 0)
                for_each_value(c, static_cast<Facet>(f), i, [&](std::uint32_t v) { if (v < r.counts[f].size()) ++r.counts[f][v]; });
        if ((fail & ~kDayBit) == 0 && day != kNoDay && has_span) ++r.day_counts[static_cast<std::size_t>(day - index.first_day)];
        if (fail == 0) pass[i] = 1;
    };
    if (base) for (std::size_t i : *base) consider(i);
    else for (std::size_t i = 0; i < n; ++i) consider(i);

    // The list: walk a precomputed order and keep the passing posts.
    const auto walk = [&](const std::vector<std::uint32_t>& order, bool reverse) {
        if (reverse) { for (auto it = order.rbegin(); it != order.rend(); ++it) if (pass[*it]) r.posts.push_back(*it); }
        else for (std::uint32_t i : order) if (pass[i]) r.posts.push_back(i);
    };
    if (base && keep_base_order) {
        for (std::size_t i : *base)
            if (i < n && pass[i]) r.posts.push_back(static_cast<std::uint32_t>(i)), pass[i] = 0;  // once each
    } else if (sort == SortKey::Title) {
        walk(index.by_title, !ascending);
    } else if (sort == SortKey::Source) {
        walk(ascending ? index.by_source : index.by_source_desc, false);
    } else {
        // Catalog order is newest first with undated posts last; oldest first keeps them last.
        std::size_t dated = 0;
        while (dated < n && c.has_date[dated]) ++dated;
        if (ascending) {
            for (std::size_t i = dated; i-- > 0;) if (pass[i]) r.posts.push_back(static_cast<std::uint32_t>(i));
        } else {
            for (std::size_t i = 0; i < dated; ++i) if (pass[i]) r.posts.push_back(static_cast<std::uint32_t>(i));
        }
        for (std::size_t i = dated; i < n; ++i) if (pass[i]) r.posts.push_back(static_cast<std::uint32_t>(i));
    }

    for (std::size_t f = 0; f < kFacetCount; ++f) {
        const auto& counts = r.counts[f];
        auto& order = r.order[f];
        for (std::uint32_t v = 0; v < counts.size(); ++v)
            if (counts[v] > 0 || (!chosen[f].empty() && chosen[f][v])) order.push_back(v);
        const auto& names = facet_names(manifest, static_cast<Facet>(f));
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (counts[a] != counts[b]) return counts[a] > counts[b];
            return names[a] < names[b];
        });
    }
    return r;
}

DayRange bucket_of(std::int32_t day, TimeBucket bucket) {
    switch (bucket) {
        case TimeBucket::Day: return {day, day};
        case TimeBucket::Week: {  // from Monday; 1970-01-01 was a Thursday
            const auto weekday = static_cast<std::int32_t>(std::int64_t{day} + 3 - floor_div(std::int64_t{day} + 3, 7) * 7);
            return {day - weekday, day - weekday + 6};
        }
        case TimeBucket::Month: break;
    }
    const CivilTime t = civil_from_unix(std::int64_t{day} * 86400);
    const auto first = static_cast<std::int32_t>(days_from_civil(t.year, t.month, 1));
    const auto next = static_cast<std::int32_t>(t.month == 12 ? days_from_civil(t.year + 1, 1, 1) : days_from_civil(t.year, t.month + 1, 1));
    return {first, next - 1};
}

std::vector<TimelineBar> timeline_bars(const std::vector<std::uint32_t>& day_counts, std::int32_t counts_first,
                                       std::int32_t first, std::int32_t last, TimeBucket bucket) {
    std::vector<TimelineBar> bars;
    if (last < first) return bars;
    const auto counts_last = static_cast<std::int32_t>(counts_first + static_cast<std::int64_t>(day_counts.size()) - 1);
    for (std::int32_t d = bucket_of(first, bucket).first; d <= last;) {
        const DayRange b = bucket_of(d, bucket);
        TimelineBar bar{b.first, b.last, 0};
        for (std::int32_t k = std::max(b.first, counts_first); k <= std::min(b.last, counts_last); ++k)
            bar.count += day_counts[static_cast<std::size_t>(k - counts_first)];
        bars.push_back(bar);
        d = b.last + 1;
    }
    return bars;
}

TimeBucket bucket_for_zoom(std::int32_t span_days, float width_px, float min_bar_px) {
    const float days = static_cast<float>(std::max(span_days, 1));
    if (width_px / days >= min_bar_px) return TimeBucket::Day;
    if (width_px / (days / 7.0f) >= min_bar_px) return TimeBucket::Week;
    return TimeBucket::Month;
}

}  // namespace folio

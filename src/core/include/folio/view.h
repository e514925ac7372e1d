#pragma once
// What the reader is looking at: query, filters, sort and the open post. The filter code
// (facets, timeline) computes with it; the URL hash and bookmarks store it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace folio {

enum class Facet : std::uint8_t { Tag, Category, Author, Source };
inline constexpr std::size_t kFacetCount = 4;

enum class SortKey : std::uint8_t { Date, Title, Source };

// An inclusive range of calendar days (days since 1970-01-01 in the post's own UTC offset).
struct DayRange {
    std::int32_t first = 0;
    std::int32_t last = 0;
    bool operator==(const DayRange&) const = default;
};

// A calendar day of the year ("on this day": the same month and day in every year).
struct MonthDay {
    std::uint8_t month = 1;  // 1..12
    std::uint8_t day = 1;    // 1..31 (29 February matches leap years only)
    bool operator==(const MonthDay&) const = default;
};

struct Filters {
    // Selected values per facet, by name (dictionary strings, so they survive a rebuild);
    // values of one facet are OR-ed, facets are AND-ed.
    std::array<std::vector<std::string>, kFacetCount> selected;
    std::optional<DayRange> days;
    std::optional<MonthDay> on_day;  // on this day: posts of this month and day, any year
    bool empty() const {
        for (const auto& values : selected)
            if (!values.empty()) return false;
        return !days && !on_day;
    }
    bool operator==(const Filters&) const = default;
};

struct ViewState {
    std::string post_id;  // the open post (Post::id), empty for none
    std::string query;    // the search box text
    Filters filters;
    SortKey sort = SortKey::Date;
    bool ascending = false;  // date sorts newest first unless set
    bool newest_first = false;  // search results by date rather than by relevance
    bool fold_copies = false;   // the list shows one row per story, its other copies counted (folio/related.h)
    bool operator==(const ViewState&) const = default;
};

}  // namespace folio

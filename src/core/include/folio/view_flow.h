#pragma once
// How the view changes: every change to what the reader looks at is an event, and view_next()
// says what it does to the view and to the browser's history. The viewer queues the events its
// panels emit during a frame and applies them once, after drawing; nothing else writes the view.
#include <optional>
#include <string>
#include <variant>

#include "folio/view.h"

namespace folio {

// What a change does to the page's history. Ordered: of several changes in a frame, the largest wins.
enum class HistoryEntry : std::uint8_t { None, Replace, Push };

// The view and the little it remembers of how it got there.
struct ViewFlow {
    ViewState view;
    bool typing = false;     // the last change was the query: more typing replaces its history entry
    bool keep_open = false;  // a link named the open post: the next search results must not replace it
    bool operator==(const ViewFlow&) const = default;
};

namespace view_event {
struct Open { std::string post_id; };                 // a row, j/k, a bookmark: open this post
struct Query { std::string text; };                   // the search box's text changed
struct NewestFirst { bool on; };                      // search results by date, or by relevance
struct ToggleFacet { Facet facet; std::string value; };
struct ClearFacet { Facet facet; };
struct ClearFilters {};                               // every facet and the date range
struct Days { std::optional<DayRange> days; };
struct Sort { SortKey key; bool ascending; };
struct OnDay { std::optional<MonthDay> day; };         // on this day: a month and day in every year, or none
struct FoldCopies { bool on; };                       // the list: one row per story, or every copy
// A saved search: its query, filters, sort and result order replace the view's; the open post stays.
struct Restore { ViewState view; };
// The page's address changed (back, forward, a pasted link). post_id is already resolved by the
// caller: a post the archive does not have is replaced by the one open now.
struct Link { ViewState view; };
// The list was recomputed. new_results: the search produced a new result list (not a filter or
// sort change); searching: a query is in effect; waiting: its results are not all in yet;
// open_listed: the open post is in the list; first: the list's first post ("" when empty).
struct Listed {
    bool new_results = false, searching = false, waiting = false, open_listed = false;
    std::string first;
};
}  // namespace view_event

using ViewEvent = std::variant<view_event::Open, view_event::Query, view_event::NewestFirst, view_event::ToggleFacet,
                               view_event::ClearFacet, view_event::ClearFilters, view_event::Days, view_event::Sort,
                               view_event::OnDay, view_event::FoldCopies, view_event::Restore, view_event::Link, view_event::Listed>;

struct ViewStep {
    ViewFlow flow;
    HistoryEntry history = HistoryEntry::None;  // None also when nothing changed
};

// The view after `event`, and whether the change is a new history entry (a navigation), replaces
// the current one (more typing, a list that picked its first post) or is not written at all (the
// page's own address changed).
ViewStep view_next(const ViewFlow& flow, const ViewEvent& event);

}  // namespace folio

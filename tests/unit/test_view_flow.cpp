#include <gtest/gtest.h>

#include "folio/view_flow.h"

using namespace folio;
namespace ev = folio::view_event;

namespace {

// Applies events in order; returns the history entry of each.
std::vector<HistoryEntry> run(ViewFlow& flow, const std::vector<ViewEvent>& events) {
    std::vector<HistoryEntry> out;
    for (const auto& e : events) {
        ViewStep step = view_next(flow, e);
        flow = step.flow;
        out.push_back(step.history);
    }
    return out;
}

ev::Listed results(std::string first, bool open_listed, bool waiting = false) {
    return {.new_results = true, .searching = true, .waiting = waiting, .open_listed = open_listed, .first = std::move(first)};
}

ev::Listed refiltered(std::string first, bool open_listed) {
    return {.new_results = false, .searching = false, .waiting = false, .open_listed = open_listed, .first = std::move(first)};
}

constexpr auto None = HistoryEntry::None, Replace = HistoryEntry::Replace, Push = HistoryEntry::Push;

}  // namespace

TEST(ViewFlow, TypingIsOneHistoryEntry) {
    ViewFlow f;
    EXPECT_EQ(run(f, {ev::Query{"台"}, ev::Query{"台风"}, ev::Query{"台风 x"}}), (std::vector{Push, Replace, Replace}));
    EXPECT_EQ(f.view.query, "台风 x");
    EXPECT_TRUE(f.typing);
    // A navigation ends the run: the next typing is a new entry.
    EXPECT_EQ(run(f, {ev::Open{"p1"}, ev::Query{"台"}}), (std::vector{Push, Push}));
}

TEST(ViewFlow, NavigationsPushAndEndTyping) {
    ViewFlow f;
    run(f, {ev::Query{"a"}});
    EXPECT_EQ(run(f, {ev::ToggleFacet{Facet::Tag, "香港"}}), (std::vector{Push}));
    EXPECT_FALSE(f.typing);
    EXPECT_EQ(f.view.filters.selected[0], (std::vector<std::string>{"香港"}));
    EXPECT_EQ(run(f, {ev::ToggleFacet{Facet::Source, "bbc.com"}, ev::Days{DayRange{10, 20}}, ev::Sort{SortKey::Title, true},
                      ev::NewestFirst{true}, ev::ClearFacet{Facet::Tag}}),
              (std::vector{Push, Push, Push, Push, Push}));
    EXPECT_TRUE(f.view.filters.selected[0].empty());
    EXPECT_EQ(f.view.filters.selected[3], (std::vector<std::string>{"bbc.com"}));
    EXPECT_EQ(f.view.sort, SortKey::Title);
    EXPECT_TRUE(f.view.ascending && f.view.newest_first);
    EXPECT_EQ(run(f, {ev::ToggleFacet{Facet::Source, "bbc.com"}}), (std::vector{Push}));  // a second toggle removes it
    EXPECT_TRUE(f.view.filters.selected[3].empty());
    EXPECT_EQ(run(f, {ev::ClearFilters{}}), (std::vector{Push}));
    EXPECT_TRUE(f.view.filters.empty());
}

TEST(ViewFlow, ChangesThatChangeNothingAreNotEntries) {
    ViewFlow f;
    run(f, {ev::Open{"p1"}, ev::Query{"a"}});
    const ViewFlow before = f;
    EXPECT_EQ(run(f, {ev::Open{"p1"}, ev::Query{"a"}, ev::ClearFilters{}, ev::Days{std::nullopt}, ev::NewestFirst{false},
                      ev::Sort{SortKey::Date, false}}),
              (std::vector{None, None, None, None, None, None}));
    EXPECT_EQ(f, before);  // reopening the open post does not end a run of typing either
}

TEST(ViewFlow, NewResultsOpenTheBestHit) {
    ViewFlow f;
    run(f, {ev::Open{"p1"}, ev::Query{"a"}});
    EXPECT_EQ(run(f, {results("best", true, /*waiting=*/true)}), (std::vector{Replace}));
    EXPECT_EQ(f.view.post_id, "best");
    EXPECT_EQ(run(f, {results("", false)}), (std::vector{None}));  // nothing matches: the post stays open
    EXPECT_EQ(f.view.post_id, "best");
}

TEST(ViewFlow, FiltersKeepTheOpenPostWhileItIsListed) {
    ViewFlow f;
    run(f, {ev::Open{"p1"}});
    EXPECT_EQ(run(f, {refiltered("p0", true)}), (std::vector{None}));
    EXPECT_EQ(f.view.post_id, "p1");
    EXPECT_EQ(run(f, {refiltered("p0", false)}), (std::vector{Replace}));
    EXPECT_EQ(f.view.post_id, "p0");
}

TEST(ViewFlow, NothingOpenOpensTheFirstListed) {
    ViewFlow f;
    EXPECT_EQ(run(f, {refiltered("", false)}), (std::vector{None}));  // an empty list opens nothing
    EXPECT_EQ(run(f, {refiltered("p0", false)}), (std::vector{Replace}));
    EXPECT_EQ(f.view.post_id, "p0");
    // Also when the list changed for a query that has no results to rank yet.
    run(f, {ev::Link{ViewState{}}});
    ev::Listed cleared{.new_results = true, .searching = false, .waiting = false, .open_listed = false, .first = "p9"};
    EXPECT_EQ(run(f, {cleared}), (std::vector{Replace}));
    EXPECT_EQ(f.view.post_id, "p9");
}

TEST(ViewFlow, ALinkIsNotWrittenBackAndEndsTyping) {
    ViewFlow f;
    run(f, {ev::Query{"a"}});
    ViewState linked;
    linked.query = "a";
    linked.filters.selected[1] = {"news"};
    EXPECT_EQ(run(f, {ev::Link{linked}}), (std::vector{None}));
    EXPECT_EQ(f.view, linked);
    EXPECT_FALSE(f.typing);
    EXPECT_EQ(run(f, {ev::Query{"ab"}}), (std::vector{Push}));
}

TEST(ViewFlow, ALinkedPostSurvivesItsQuerysResults) {
    ViewFlow f;
    run(f, {ev::Open{"p1"}});
    ViewState linked;
    linked.post_id = "p7";
    linked.query = "台风";
    run(f, {ev::Link{linked}});
    EXPECT_TRUE(f.keep_open);
    // The old results are relisted while the new ones load: the named post stays, and so does the promise.
    EXPECT_EQ(run(f, {results("best", false, /*waiting=*/true)}), (std::vector{None}));
    EXPECT_EQ(f.view.post_id, "p7");
    EXPECT_TRUE(f.keep_open);
    EXPECT_EQ(run(f, {results("best", true)}), (std::vector{None}));
    EXPECT_EQ(f.view.post_id, "p7");
    EXPECT_FALSE(f.keep_open);
    // Later results (the reader types on) open their best hit again.
    EXPECT_EQ(run(f, {ev::Query{"台风 x"}, results("best", true)}), (std::vector{Push, Replace}));
    EXPECT_EQ(f.view.post_id, "best");
}

TEST(ViewFlow, ALinkedPostNotInItsResultsGivesWayToTheBestHit) {
    ViewFlow f;
    ViewState linked;
    linked.post_id = "p7";
    linked.query = "台风";
    run(f, {ev::Link{linked}, results("best", false)});
    EXPECT_EQ(f.view.post_id, "best");
}

// Back or forward across an entry that differs only in result order (results=newest) reopens the
// post that entry named, not the top hit of the re-sorted results.
TEST(ViewFlow, BackAcrossAResultOrderChangeReopensTheNamedPost) {
    ViewFlow f;
    run(f, {ev::Query{"台风"}, results("best", true), ev::Open{"third"}, ev::NewestFirst{true}, results("newest", true)});
    EXPECT_EQ(f.view.post_id, "newest");
    ViewState back = f.view;
    back.newest_first = false;
    back.post_id = "third";
    run(f, {ev::Link{back}});
    EXPECT_TRUE(f.keep_open);
    EXPECT_EQ(run(f, {results("best", true)}), (std::vector{None}));
    EXPECT_EQ(f.view.post_id, "third");
}

// A link to a post without a query, or with the query already in effect, has no results to wait for.
TEST(ViewFlow, ALinkWithoutNewResultsKeepsNoPromise) {
    ViewFlow f;
    ViewState linked;
    linked.post_id = "p7";
    run(f, {ev::Link{linked}});
    EXPECT_FALSE(f.keep_open);
    linked.query = "a";
    run(f, {ev::Query{"a"}, ev::Link{linked}});
    EXPECT_FALSE(f.keep_open);
    EXPECT_EQ(f.view.post_id, "p7");
}

TEST(ViewFlow, TheReadersOwnQueryEndsALinksPromise) {
    ViewFlow f;
    ViewState linked;
    linked.post_id = "p7";
    linked.query = "a";
    run(f, {ev::Link{linked}, ev::Query{"ab"}});
    EXPECT_FALSE(f.keep_open);
    run(f, {results("best", true)});
    EXPECT_EQ(f.view.post_id, "best");
}

TEST(ViewFlow, OnThisDayIsANavigation) {
    ViewFlow f;
    f.view.post_id = "p1";
    EXPECT_EQ(run(f, {ev::OnDay{MonthDay{3, 5}}, ev::OnDay{MonthDay{3, 5}}, ev::OnDay{std::nullopt}}), (std::vector{Push, None, Push}));
    EXPECT_FALSE(f.view.filters.on_day);
    EXPECT_EQ(f.view.post_id, "p1");
}

TEST(ViewFlow, FoldingCopiesIsANavigationThatKeepsTheOpenPost) {
    ViewFlow f;
    f.view.post_id = "p1";
    EXPECT_EQ(run(f, {ev::FoldCopies{true}, ev::FoldCopies{true}, ev::FoldCopies{false}}), (std::vector{Push, None, Push}));
    EXPECT_FALSE(f.view.fold_copies);
    EXPECT_EQ(f.view.post_id, "p1");
}

TEST(ViewFlow, ASavedSearchReplacesTheViewButKeepsTheOpenPost) {
    ViewFlow f;
    EXPECT_EQ(run(f, {ev::Open{"p1"}, ev::Query{"台风"}}), (std::vector{Push, Push}));
    ViewState saved;
    saved.post_id = "ignored";
    saved.query = "vaccine";
    saved.filters.selected[static_cast<std::size_t>(Facet::Tag)] = {"health"};
    saved.filters.days = DayRange{10, 20};
    saved.filters.on_day = MonthDay{12, 31};
    saved.sort = SortKey::Title;
    saved.ascending = true;
    EXPECT_EQ(run(f, {ev::Restore{saved}}), (std::vector{Push}));
    EXPECT_FALSE(f.typing);  // typing after it is a new entry
    EXPECT_EQ(f.view.post_id, "p1");
    saved.post_id = "p1";
    EXPECT_EQ(f.view, saved);
    EXPECT_EQ(run(f, {ev::Restore{saved}}), (std::vector{None}));
}

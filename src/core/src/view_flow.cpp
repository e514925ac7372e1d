#include "folio/view_flow.h"

#include <algorithm>

namespace folio {
namespace {

// A navigation: a history entry of its own, and the end of a run of typing.
ViewStep navigate(ViewFlow flow, const ViewFlow& before) {
    if (flow.view == before.view) return {before, HistoryEntry::None};
    flow.typing = false;
    return {std::move(flow), HistoryEntry::Push};
}

std::vector<std::string>& values(ViewFlow& flow, Facet facet) {
    return flow.view.filters.selected[static_cast<std::size_t>(facet)];
}

struct Next {
    const ViewFlow& now;

    ViewStep operator()(const view_event::Open& e) const {
        ViewFlow f = now;
        f.view.post_id = e.post_id;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::Query& e) const {
        if (e.text == now.view.query) return {now, HistoryEntry::None};
        ViewFlow f = now;
        f.view.query = e.text;
        f.keep_open = false;  // the reader's own query opens its best hit
        f.typing = true;      // the first change of a run of typing is an entry, the rest replace it
        return {std::move(f), now.typing ? HistoryEntry::Replace : HistoryEntry::Push};
    }
    ViewStep operator()(const view_event::NewestFirst& e) const {
        ViewFlow f = now;
        f.view.newest_first = e.on;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::ToggleFacet& e) const {
        ViewFlow f = now;
        auto& v = values(f, e.facet);
        if (auto it = std::find(v.begin(), v.end(), e.value); it != v.end()) v.erase(it);
        else v.push_back(e.value);
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::ClearFacet& e) const {
        ViewFlow f = now;
        values(f, e.facet).clear();
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::ClearFilters&) const {
        ViewFlow f = now;
        f.view.filters = Filters{};
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::Days& e) const {
        ViewFlow f = now;
        f.view.filters.days = e.days;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::Sort& e) const {
        ViewFlow f = now;
        f.view.sort = e.key;
        f.view.ascending = e.ascending;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::OnDay& e) const {
        ViewFlow f = now;
        f.view.filters.on_day = e.day;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::FoldCopies& e) const {
        ViewFlow f = now;
        f.view.fold_copies = e.on;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::Restore& e) const {
        ViewFlow f = now;
        f.view = e.view;
        f.view.post_id = now.view.post_id;
        return navigate(std::move(f), now);
    }
    ViewStep operator()(const view_event::Link& e) const {
        // A post named together with a new query (or a new result order) must survive that query's
        // results, which would otherwise open their best hit.
        const bool new_results = e.view.query != now.view.query || e.view.newest_first != now.view.newest_first;
        return {{e.view, false, !e.view.post_id.empty() && new_results && !e.view.query.empty()}, HistoryEntry::None};
    }
    ViewStep operator()(const view_event::Listed& e) const {
        ViewFlow f = now;
        if (e.new_results && now.keep_open) {  // a link named the post: it stays open if its query lists it
            if (e.waiting) return {now, HistoryEntry::None};  // the list is still the previous query's
            f.keep_open = false;
            if (e.open_listed) return {f, HistoryEntry::None};
        }
        // New results open their best hit; a filter or sort keeps the open post while it is listed.
        const bool pick = now.view.post_id.empty() || (e.new_results ? e.searching : !e.open_listed);
        if (!e.first.empty() && pick) f.view.post_id = e.first;
        return {f, f.view == now.view ? HistoryEntry::None : HistoryEntry::Replace};
    }
};

}  // namespace

ViewStep view_next(const ViewFlow& flow, const ViewEvent& event) { return std::visit(Next{flow}, event); }

}  // namespace folio

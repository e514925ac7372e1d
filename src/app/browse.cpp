// Browsing state: recompute the list, facet counts and timeline when the query, filters or sort change.
#include <algorithm>

#include "app.h"
#include "imgui_internal.h"  // whether a window is hidden this frame
#include "platform.h"

namespace folio {

void browse_update(App& app) {
    BrowseState& b = app.browse;
    if (!loader_browsable(app)) return;
    // While shards stream in, the index is rebuilt at most every 300 ms (then once more when all are in).
    const bool ready = app.loader.phase == LoadPhase::Ready;
    const double now = platform_now_ms();
    if (!b.indexed || (b.catalog_seen != app.catalog.size() && (ready || now - b.indexed_at > 300.0))) {
        b.indexed_at = now;
        b.index = build_browse_index(app.catalog, app.manifest);
        b.indexed = true;
        b.catalog_seen = app.catalog.size();
    }
    const SearchState& s = app.search;
    const ViewState& v = current_view(app);
    const bool fold = v.fold_copies && app.related.loaded;
    BrowseKey key{v.filters, v.sort, v.ascending, s.generation, b.catalog_seen, fold};
    const bool changed = key != b.computed_for;
    if (!changed && !v.post_id.empty()) return;
    const bool new_results = (b.computed_for ? b.computed_for->search_generation : 0) != s.generation;
    if (changed) {
        const double t0 = platform_now_ms();
        // With a query, date order means the engine's order: relevance, or newest first when ticked.
        const bool ranked = s.active && v.sort == SortKey::Date && !v.ascending;
        b.result = browse(b.index, app.catalog, app.manifest, v.filters, s.active ? &s.results : nullptr, v.sort,
                          v.ascending, ranked);
        b.copies.clear();
        if (fold) {  // one row per story: the copies count in their first row
            FoldedList folded = fold_related(b.result.posts, app.related.lists);
            b.result.posts = std::move(folded.rows);
            b.copies = std::move(folded.copies);
        }
        b.last_ms = platform_now_ms() - t0;
        b.computed_for = std::move(key);
        ++b.generation;
    }
    // The view picks its open post from the new list: a new query's best hit, or the first post
    // when a filter or sort drops the open one (or none is open).
    const auto& posts = b.result.posts;
    const bool listed = app.selected && list_row_of(app, *app.selected);  // a copy folded into a row is listed
    view_dispatch(app, view_event::Listed{new_results, s.active, s.waiting, listed,
                                          posts.empty() ? std::string() : app.catalog.ids[posts.front()]});
    view_apply(app);
}

void stats_update(App& app) {
    StatsState& st = app.stats;
    if (!st.open || st.computed_for == app.browse.generation) return;
    const double t0 = platform_now_ms();
    st.stats = source_stats(app.browse.index, app.catalog, app.browse.result.posts, kStatsSources, kStatsTags);
    st.last_ms = platform_now_ms() - t0;
    st.computed_for = app.browse.generation;
}

bool browse_busy(const App& app) {
    return loader_browsable(app) && (!app.browse.indexed || app.browse.catalog_seen != app.catalog.size());
}

std::size_t list_size(const App& app) { return app.browse.result.posts.size(); }

std::size_t list_post(const App& app, std::size_t row) { return app.browse.result.posts[row]; }

std::optional<std::size_t> list_row_of(const App& app, std::size_t post) {
    const auto& posts = app.browse.result.posts;
    const auto row = [&](std::size_t p) -> std::optional<std::size_t> {
        const auto it = std::find(posts.begin(), posts.end(), static_cast<std::uint32_t>(p));
        if (it == posts.end()) return std::nullopt;
        return static_cast<std::size_t>(it - posts.begin());
    };
    if (auto r = row(post); r || app.browse.copies.empty()) return r;
    std::optional<std::size_t> first;  // folded: the first row of one of its copies
    for (const std::size_t other : related_of(app, post))
        if (auto r = row(other); r && (!first || *r < *first)) first = r;
    return first;
}

std::size_t list_copies(const App& app, std::size_t row) {
    return row < app.browse.copies.size() ? app.browse.copies[row] : 0;
}

bool facet_selected(const App& app, Facet facet, const std::string& name) {
    const auto& v = current_view(app).filters.selected[static_cast<std::size_t>(facet)];
    return std::find(v.begin(), v.end(), name) != v.end();
}

void facet_toggle(App& app, Facet facet, const std::string& name) { view_dispatch(app, view_event::ToggleFacet{facet, name}); }
void facet_clear(App& app, Facet facet) { view_dispatch(app, view_event::ClearFacet{facet}); }
void filters_clear(App& app) { view_dispatch(app, view_event::ClearFilters{}); }
void set_days(App& app, std::optional<DayRange> days) { view_dispatch(app, view_event::Days{days}); }
void set_sort(App& app, SortKey sort, bool ascending) { view_dispatch(app, view_event::Sort{sort, ascending}); }

void note_control(App& app, const char* name) {
    if (ImGui::GetCurrentWindowRead()->Hidden) return;  // a new popup's first frame lays it out unseen, elsewhere
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.controls[name] = ImVec4(a.x, a.y, b.x, b.y);
}

void drag_scroll(App&) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left) || io.WantTextInput) return;
    // Only a drag that started on this window's content (not its scrollbar, not another window).
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 lo(pos.x + ImGui::GetWindowContentRegionMin().x, pos.y + ImGui::GetWindowContentRegionMin().y);
    const ImVec2 hi(pos.x + ImGui::GetWindowContentRegionMax().x, pos.y + ImGui::GetWindowContentRegionMax().y);
    const ImVec2 from = io.MouseClickedPos[ImGuiMouseButton_Left];
    if (from.x < lo.x || from.x > hi.x || from.y < lo.y || from.y > hi.y) return;
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) return;
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - io.MouseDelta.y, 0.0f, ImGui::GetScrollMaxY()));
}

}  // namespace folio

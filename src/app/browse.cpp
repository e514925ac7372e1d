// Browsing state: recompute the list, facet counts and timeline when the query, filters or sort change.
#include <algorithm>

#include "app.h"
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
        b.dirty = true;
    }
    const SearchState& s = app.search;
    const bool new_results = b.search_seen != s.generation;
    if (!b.dirty && !new_results) return;
    const double t0 = platform_now_ms();
    // With a query, date order means the engine's order: relevance, or newest first when ticked.
    const bool ranked = s.active && b.view.sort == SortKey::Date && !b.view.ascending;
    b.result = browse(b.index, app.catalog, app.manifest, b.view.filters, s.active ? &s.results : nullptr, b.view.sort,
                      b.view.ascending, ranked);
    b.last_ms = platform_now_ms() - t0;
    b.dirty = false;
    b.search_seen = s.generation;
    const auto& posts = b.result.posts;
    const auto row_of = [&](std::size_t post) { return static_cast<std::size_t>(std::find(posts.begin(), posts.end(), static_cast<std::uint32_t>(post)) - posts.begin()); };
    // A new query opens its best hit; a filter or sort keeps the open post while it still matches.
    const bool listed = app.selected && row_of(*app.selected) < posts.size();
    const bool linked = new_results && s.keep_selection && listed;  // a link named the post: keep it open
    if (new_results && !s.waiting) app.search.keep_selection = false;  // kept until the results are in
    if (!posts.empty() && !linked && (new_results ? s.active : !listed)) app.selected = posts.front();
    app.scroll_to_row = app.selected && row_of(*app.selected) < posts.size() ? row_of(*app.selected) : 0;
    if (posts.empty()) app.scroll_to_row.reset();
}

std::size_t list_size(const App& app) { return app.browse.result.posts.size(); }

std::size_t list_post(const App& app, std::size_t row) { return app.browse.result.posts[row]; }

bool facet_selected(const App& app, Facet facet, const std::string& name) {
    const auto& v = app.browse.view.filters.selected[static_cast<std::size_t>(facet)];
    return std::find(v.begin(), v.end(), name) != v.end();
}

void facet_toggle(App& app, Facet facet, const std::string& name) {
    auto& v = app.browse.view.filters.selected[static_cast<std::size_t>(facet)];
    if (auto it = std::find(v.begin(), v.end(), name); it != v.end()) v.erase(it);
    else v.push_back(name);
    app.browse.dirty = true;
}

void facet_clear(App& app, Facet facet) {
    app.browse.view.filters.selected[static_cast<std::size_t>(facet)].clear();
    app.browse.dirty = true;
}

void filters_clear(App& app) {
    app.browse.view.filters = Filters{};
    app.browse.dirty = true;
}

void set_days(App& app, std::optional<DayRange> days) {
    app.browse.view.filters.days = days;
    app.browse.dirty = true;
}

void set_sort(App& app, SortKey sort, bool ascending) {
    app.browse.view.sort = sort;
    app.browse.view.ascending = ascending;
    app.browse.dirty = true;
}

void note_control(App& app, const char* name) {
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

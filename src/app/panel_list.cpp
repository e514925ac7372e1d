// The post list: the matching count, a sort selector, and only the visible rows drawn.
#include <algorithm>

#include "app.h"
#include "folio/date.h"

namespace folio {

namespace {

// One line of the post's text around its first match, highlighted; asked for (with the body) until
// the update between frames has made it.
void draw_snippet(App& app, std::size_t post) {
    const auto it = app.search.snippets.find(post);
    if (it == app.search.snippets.end()) {
        snippet_want(app, post);
        return;
    }
    std::string line = it->second.text;
    std::replace(line.begin(), line.end(), '\n', ' ');
    glyphs_want_post(app, post, line);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x,
                                                          ImGui::GetCursorScreenPos().y + ImGui::GetTextLineHeight()), true);
    text_highlighted(line, it->second.highlights, nullptr, FLT_MAX);  // one line, clipped
    ImGui::PopClipRect();
    ImGui::PopStyleColor();
}

// "N posts" (of M), and the sort key and direction.
void list_header(App& app) {
    const std::size_t n = list_size(app);
    ImGui::AlignTextToFramePadding();
    const ViewState& v = current_view(app);
    const bool narrowed = app.search.active || !v.filters.empty();
    if (app.loader.phase != LoadPhase::Ready)
        ImGui::Text("%zu posts (loading: %zu of %u)", n, app.catalog.size(), app.manifest.post_count);
    else if (narrowed) ImGui::Text("%zu of %zu posts", n, app.catalog.size());
    else ImGui::Text("%zu posts", n);
    note_control(app, "count");
    static constexpr const char* kKeys[] = {"Date", "Title", "Source"};
    const float em = ImGui::GetFontSize();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 5.0f);
    int key = static_cast<int>(v.sort);
    if (ImGui::Combo("##sort", &key, kKeys, 3))  // a new key starts in its natural direction
        set_sort(app, static_cast<SortKey>(key), key != static_cast<int>(SortKey::Date));
    note_control(app, "sort");
    sem_item(app, "sort", SemRole::Button, std::string("Sort by ") + kKeys[key]);
    ImGui::SameLine();
    const char* dir = v.sort == SortKey::Date ? (v.ascending ? "oldest first" : (app.search.active && !v.newest_first ? "best first" : "newest first"))
                                              : (v.ascending ? "A-Z" : "Z-A");
    if (ImGui::SmallButton(dir)) set_sort(app, v.sort, !v.ascending);
    note_control(app, "direction");
    sem_item(app, "direction", SemRole::Button, std::string("Order: ") + dir);
}

// Brings the open post into view when it or the list changed (once a query's results are in): only
// as far as needed, so a click on a visible row does not move the list.
void reveal_open_post(App& app) {
    ListState& l = app.list;
    const std::string& post = current_view(app).post_id;
    if ((post == l.revealed_post && app.browse.generation == l.revealed_generation) || app.search.waiting) return;
    l.revealed_post = post;
    l.revealed_generation = app.browse.generation;
    const auto& posts = app.browse.result.posts;
    const auto it = app.selected ? std::find(posts.begin(), posts.end(), static_cast<std::uint32_t>(*app.selected)) : posts.end();
    if (posts.empty()) l.scroll_to_row.reset();
    else l.scroll_to_row = it != posts.end() ? static_cast<std::size_t>(it - posts.begin()) : 0;
}

}  // namespace

void panel_list(App& app) {
    app.visible_rows.clear();
    const Catalog& c = app.catalog;
    reveal_open_post(app);
    list_header(app);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    const float em = ImGui::GetFontSize();
    // Phones: date and title; then the source; the tags once there is room for them too.
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = width < em * 22.0f ? 2 : width < em * 34.0f ? 3 : 4;
    if (!ImGui::BeginTable("posts", columns, flags, ImGui::GetContentRegionAvail())) return;
    drag_scroll(app);
    // A press that became a drag scrolls the list; only a tap or click opens a post.
    const bool dragged = ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > em * em * 0.25f;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, em * 5.6f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
    if (columns > 2) ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    if (columns > 3) ImGui::TableSetupColumn("Tags", ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list_size(app)));
    if (app.list.scroll_to_row) {
        const int r = static_cast<int>(*app.list.scroll_to_row);
        clipper.ForceDisplayRangeByIndices(r, r + 1);
    }
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::size_t i = list_post(app, static_cast<std::size_t>(row));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(row);
            const std::string day = c.has_date[i] ? format_day(c.dates[i], c.utc_offsets[i]) : "—";
            const bool is_selected = app.selected == i;
            const float height = ImGui::GetTextLineHeight() * (app.search.active ? 2.0f : 1.0f);
            if (ImGui::Selectable(day.c_str(), is_selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, height)) && !dragged) {
                view_dispatch(app, view_event::Open{c.ids[i]});
                app.layout.opened = true;
            }
            if (is_bookmarked(app, i)) {  // a star at the end of the date cell
                const ImVec2 a = ImGui::GetItemRectMin();
                const float r = ImGui::GetTextLineHeight() * 0.3f;
                draw_star(ImGui::GetWindowDrawList(), ImVec2(a.x + em * 5.6f - r, a.y + ImGui::GetTextLineHeight() * 0.5f), r,
                          ImGui::GetColorU32(palette().star), true);
            }
            if (app.list.scroll_to_row == static_cast<std::size_t>(row)) {
                // Scroll only as far as needed to show the row, as a list box does.
                const float top = ImGui::GetItemRectMin().y, bottom = ImGui::GetItemRectMax().y;
                const float view_top = ImGui::GetWindowPos().y + ImGui::GetTextLineHeightWithSpacing() * 1.5f;
                const float view_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
                if (top < view_top) ImGui::SetScrollHereY(0.1f);
                else if (bottom > view_bottom) ImGui::SetScrollHereY(0.9f);
                app.list.scroll_to_row.reset();
            }
            if (ImGui::IsItemVisible()) {
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                app.visible_rows.push_back({i, a.y, b.y, a.x, b.x});
                // Title, date and source, as a screen reader reads the row.
                const std::string source = c.sites[i] >= 0 ? ", " + app.manifest.sites[static_cast<std::size_t>(c.sites[i])] : "";
                sem_item(app, ("post:" + c.ids[i]).c_str(), SemRole::Option, c.titles[i] + ", " + day + source, "list", is_selected ? 1 : 0);
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::PushFont(post_font(app, i));  // the post's script decides its glyph forms
            if (is_read(app, i)) ImGui::TextDisabled("%s", c.titles[i].c_str());  // read posts dimmed
            else ImGui::TextUnformatted(c.titles[i].c_str());
            glyphs_want_post(app, i, c.titles[i]);
            if (app.search.active) draw_snippet(app, i);
            ImGui::PopFont();
            if (columns > 2) {
                ImGui::TableSetColumnIndex(2);
                if (c.sites[i] >= 0) ImGui::TextDisabled("%s", app.manifest.sites[static_cast<std::size_t>(c.sites[i])].c_str());
            }
            if (columns > 3) {
                ImGui::TableSetColumnIndex(3);
                std::string tags;
                for (auto t : c.tags[i]) (tags += tags.empty() ? "" : ", ") += app.manifest.tags[t];
                ImGui::TextDisabled("%s", tags.c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace folio

namespace folio {

void list_move(App& app, int delta) {
    const std::size_t n = list_size(app);
    if (n == 0) return;
    std::size_t row = 0;
    if (app.selected) {  // the selected post's row in the list as it is now
        for (std::size_t r = 0; r < n; ++r)
            if (list_post(app, r) == *app.selected) row = r;
    }
    const auto target = static_cast<std::size_t>(std::clamp<long long>(static_cast<long long>(row) + delta, 0, static_cast<long long>(n) - 1));
    view_dispatch(app, view_event::Open{app.catalog.ids[list_post(app, target)]});
}

}  // namespace folio

// The post list: the matching count, a sort selector, and only the visible rows drawn.
#include <algorithm>

#include "app.h"
#include "imgui_internal.h"  // ButtonEx: a small button of a set width
#include "folio/date.h"
#include "folio/line_break.h"

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
    Snippet line = it->second;
    std::replace(line.text.begin(), line.text.end(), '\n', ' ');
    const float width = ImGui::GetContentRegionAvail().x;
    if (ImGui::CalcTextSize(line.text.c_str()).x > width) {  // cut where it fits, with "…" after it
        const char* rest = line.text.c_str();
        ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), width - ImGui::CalcTextSize(kEllipsis).x, 0.0f,
                                        line.text.c_str(), line.text.c_str() + line.text.size(), &rest);
        line = cut_snippet(line, static_cast<std::size_t>(rest - line.text.c_str()));
    }
    glyphs_want_post(app, post, line.text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + width,
                                                          ImGui::GetCursorScreenPos().y + ImGui::GetTextLineHeight()), true);
    text_highlighted(line.text, line.highlights, nullptr, FLT_MAX);  // one line; the clip for a last half glyph
    ImGui::PopClipRect();
    ImGui::PopStyleColor();
}

// The direction button's label for the view's sort, and the widest it can be (the button keeps that
// width, so the controls beside it stay put when it changes).
Ui direction_label(const App& app, const ViewState& v) {
    if (v.sort != SortKey::Date) return v.ascending ? Ui::AscendingText : Ui::DescendingText;
    if (v.ascending) return Ui::OldestFirst;
    return app.search.active && !v.newest_first ? Ui::BestFirst : Ui::NewestFirstOrder;
}

float direction_width(const App& app) {
    float w = 0.0f;
    for (Ui label : {Ui::AscendingText, Ui::DescendingText, Ui::OldestFirst, Ui::BestFirst, Ui::NewestFirstOrder})
        w = std::max(w, button_width(ui(app, label)));
    return w;
}

// "N posts" (of M) on the left; the sort controls at the right edge, so that the count growing while
// metadata arrives moves none of them. "One row per story" comes first among them: it appears once
// the related posts are in, and on the left end of the group it moves nothing else either.
void list_header(App& app) {
    const std::size_t n = list_size(app);
    ImGui::AlignTextToFramePadding();
    const ViewState& v = current_view(app);
    const bool narrowed = app.search.active || !v.filters.empty();
    const std::string count = app.loader.phase != LoadPhase::Ready
                                  ? ui(app, Ui::ListLoading, {std::to_string(n), std::to_string(app.catalog.size()),
                                                              std::to_string(app.manifest.post_count)})
                              : narrowed ? ui(app, Ui::ListNarrowed, {std::to_string(n), std::to_string(app.catalog.size())})
                                         : ui(app, Ui::ListAll, {std::to_string(n)});
    ImGui::TextUnformatted(count.c_str());
    note_control(app, "count");
    const float em = ImGui::GetFontSize(), gap = ImGui::GetStyle().ItemSpacing.x;
    const bool copies = app.related.loaded && !app.related.lists.ids.empty();  // an archive with copies
    const std::string fold_label = std::string(ui(app, Ui::FoldCopies)) + "###fold_copies";
    const float fold_width = button_width(fold_label.c_str()) + ImGui::GetFrameHeight();
    const float sort_width = em * 5.0f, dir_width = direction_width(app);
    const float group = (copies ? fold_width + gap : 0.0f) + sort_width + gap + dir_width;
    ImGui::SameLine();
    const float right = ImGui::GetContentRegionMax().x;
    if (ImGui::GetCursorPosX() + group <= right) ImGui::SetCursorPosX(right - group);
    else ImGui::NewLine();  // too narrow beside the count: the next line, from the left
    if (copies) {
        bool fold = v.fold_copies;
        if (ImGui::Checkbox(fold_label.c_str(), &fold)) view_dispatch(app, view_event::FoldCopies{fold});
        note_control(app, "fold_copies");
        sem_item(app, "fold_copies", SemRole::Checkbox, ui(app, Ui::FoldCopies), "", fold ? 1 : 0);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::FoldCopiesTip));
        same_line_or_wrap(sort_width);
    }
    const char* keys[] = {ui(app, Ui::SortDate), ui(app, Ui::SortTitle), ui(app, Ui::SortSource)};
    ImGui::SetNextItemWidth(sort_width);
    int key = static_cast<int>(v.sort);
    if (ImGui::Combo("##sort", &key, keys, 3))  // a new key starts in its natural direction
        set_sort(app, static_cast<SortKey>(key), key != static_cast<int>(SortKey::Date));
    note_control(app, "sort");
    sem_item(app, "sort", SemRole::Button, keys[key]);
    const Ui dir = direction_label(app, v);
    const std::string dir_label = std::string(ui(app, dir)) + "###direction";
    same_line_or_wrap(dir_width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.0f));  // as SmallButton
    const bool flip = ImGui::ButtonEx(dir_label.c_str(), ImVec2(dir_width, 0.0f), ImGuiButtonFlags_AlignTextBaseLine);
    ImGui::PopStyleVar();
    if (flip) set_sort(app, v.sort, !v.ascending);
    note_control(app, "direction");
    sem_item(app, "direction", SemRole::Button, ui(app, dir));
}

// The row's item: a selectable as tall as the row that opens the post on a click or tap (not a
// drag), brought into view when asked, and noted for the test hook. Returns its top-left corner.
ImVec2 row_item(App& app, int row, std::size_t i, const char* label, float height, ImGuiSelectableFlags flags, bool dragged) {
    const bool open = app.selected == i || app.list.open_row == static_cast<std::size_t>(row);
    if (open) ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImGui::GetStyleColorVec4(ImGuiCol_Header));  // stays marked under the pointer
    const bool clicked = ImGui::Selectable(label, open, flags, ImVec2(0, height));
    if (open) ImGui::PopStyleColor();
    if (clicked && !dragged) {
        view_dispatch(app, view_event::Open{app.catalog.ids[i]});
        app.layout.opened = true;
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
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (ImGui::IsItemVisible()) {
        app.visible_rows.push_back({i, a.y, b.y, a.x, b.x, {}, {}});
        // An option of the page's list of posts, named by title, date and source.
        const Catalog& c = app.catalog;
        std::string name = c.titles[i] + ", " + (c.has_date[i] ? format_day(c.dates[i], c.utc_offsets[i]) : "");
        if (c.sites[i] >= 0) name += ", " + app.manifest.sites[static_cast<std::size_t>(c.sites[i])];
        sem_item(app, ("post:" + c.ids[i]).c_str(), SemRole::Option, std::move(name), "list", open ? 1 : 0);
    }
    return a;
}

void bookmark_star(App& app, std::size_t i, ImVec2 right_middle) {
    if (!is_bookmarked(app, i)) return;
    const float r = ImGui::GetTextLineHeight() * 0.3f;
    draw_star(ImGui::GetWindowDrawList(), ImVec2(right_middle.x - r, right_middle.y), r, ImGui::GetColorU32(palette().star), true);
}

// Wide lists: a table of date, title (and the snippet under it), source and tags.
void table_row(App& app, int row, std::size_t i, int columns, bool dragged) {
    const Catalog& c = app.catalog;
    const float em = ImGui::GetFontSize();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    // A data column: ISO dates line up and sort by eye in every language.
    const std::string day = c.has_date[i] ? format_day(c.dates[i], c.utc_offsets[i]) : "\u2014";
    const float height = ImGui::GetTextLineHeight() * (app.search.active ? 2.0f : 1.0f);
    const ImVec2 a = row_item(app, row, i, day.c_str(), height, ImGuiSelectableFlags_SpanAllColumns, dragged);
    bookmark_star(app, i, ImVec2(a.x + em * 5.6f, a.y + ImGui::GetTextLineHeight() * 0.5f));  // at the end of the date cell
    ImGui::TableSetColumnIndex(1);
    ImGui::PushFont(post_font(app, i));  // the post's script decides its glyph forms
    const std::size_t copies = list_copies(app, static_cast<std::size_t>(row));
    const std::string badge = copies ? ui(app, Ui::RowCopies, {std::to_string(copies)}) : std::string();
    const float badge_room = copies ? ImGui::CalcTextSize(badge.c_str()).x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    if (text_fitted(c.titles[i], ImGui::GetContentRegionAvail().x - badge_room, is_read(app, i)))  // read posts dimmed
        glyphs_want_post(app, i, kEllipsis);
    glyphs_want_post(app, i, c.titles[i]);
    if (copies) {  // the story's other copies, after the title
        ImGui::SameLine();
        ImGui::TextDisabled("%s", badge.c_str());
    }
    if (app.search.active) draw_snippet(app, i);
    ImGui::PopFont();
    if (columns > 2) {
        ImGui::TableSetColumnIndex(2);
        if (c.sites[i] >= 0) {
            const std::string& site = app.manifest.sites[static_cast<std::size_t>(c.sites[i])];
            if (text_fitted(site, ImGui::GetContentRegionAvail().x, true)) glyphs_want_ui(app, kEllipsis);
            glyphs_want_ui(app, site);
        }
    }
    if (columns > 3) {
        ImGui::TableSetColumnIndex(3);
        std::string tags;
        for (auto t : c.tags[i]) (tags += tags.empty() ? "" : ", ") += app.manifest.tags[t];
        if (text_fitted(tags, ImGui::GetContentRegionAvail().x, true)) glyphs_want_ui(app, kEllipsis);
        glyphs_want_ui(app, tags);
    }
}

constexpr std::size_t kCardTitleLines = 2;

// A card's height: padding, two lines of title, the date and source, and the snippet while searching.
float card_height(const App& app) {
    const float line = ImGui::GetTextLineHeight(), pad = ImGui::GetFontSize() * 0.35f;
    return pad * 2 + line * static_cast<float>(kCardTitleLines + 1 + (app.search.active ? 1 : 0));
}

// Narrow lists (phones): a card per post, the title on up to two lines, then "date · source".
void card_row(App& app, int row, std::size_t i, bool dragged) {
    const Catalog& c = app.catalog;
    const float em = ImGui::GetFontSize(), pad = em * 0.35f;
    const ImVec2 top = row_item(app, row, i, "##card", card_height(app), 0, dragged);
    const ImVec2 after = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetItemRectSize().x - pad * 2;
    ImGui::PushFont(post_font(app, i));
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    ListRow drawn{i, 0, 0, 0, 0, {}, {}};
    drawn.lines = wrap_lines(c.titles[i], width, kCardTitleLines,
                             [font, scale](char32_t cp) { return font->GetCharAdvance(static_cast<ImWchar>(cp)) * scale; });
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    for (const std::string& line : drawn.lines) {
        if (is_read(app, i)) ImGui::TextDisabled("%s", line.c_str());  // read posts dimmed
        else ImGui::TextUnformatted(line.c_str());
    }
    glyphs_want_post(app, i, c.titles[i]);
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad + ImGui::GetTextLineHeight() * kCardTitleLines));
    drawn.meta = c.has_date[i] ? format_day_in(app.lang, c.dates[i], c.utc_offsets[i]) : ui(app, Ui::Undated);
    if (c.sites[i] >= 0) drawn.meta += "  \u00B7  " + app.manifest.sites[static_cast<std::size_t>(c.sites[i])];
    if (const std::size_t n = list_copies(app, static_cast<std::size_t>(row)); n > 0)
        drawn.meta += "  \u00B7  " + ui(app, Ui::RowCopies, {std::to_string(n)});
    ImGui::TextDisabled("%s", drawn.meta.c_str());
    glyphs_want_post(app, i, drawn.meta);  // drawn with the post's face
    if (app.search.active) draw_snippet(app, i);
    ImGui::EndGroup();
    ImGui::PopFont();
    bookmark_star(app, i, ImVec2(top.x + pad + width, top.y + pad + ImGui::GetTextLineHeight() * (kCardTitleLines + 0.5f)));
    ImGui::SetCursorScreenPos(after);
    if (!app.visible_rows.empty() && app.visible_rows.back().post == i) {  // what the card shows (tests)
        app.visible_rows.back().lines = std::move(drawn.lines);
        app.visible_rows.back().meta = std::move(drawn.meta);
    }
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
    const std::optional<std::size_t> row = app.selected ? list_row_of(app, *app.selected) : std::nullopt;
    if (posts.empty()) l.scroll_to_row.reset();
    else l.scroll_to_row = row.value_or(0);
}

}  // namespace

void panel_list(App& app) {
    app.visible_rows.clear();
    app.list.open_row = app.selected && !app.browse.copies.empty() ? list_row_of(app, *app.selected) : std::nullopt;
    reveal_open_post(app);
    list_header(app);
    const float em = ImGui::GetFontSize();
    // Phones: a card per post; wider lists a table with the source, then the tags, as room allows.
    const float width = ImGui::GetContentRegionAvail().x;
    app.list.cards = app.layout.narrow || width < em * 22.0f;
    const int columns = app.list.cards ? 1 : width < em * 34.0f ? 3 : 4;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                                  (app.list.cards ? ImGuiTableFlags_BordersInnerH : 0);
    if (!ImGui::BeginTable("posts", columns, flags, ImGui::GetContentRegionAvail())) return;
    drag_scroll(app);
    // A press that became a drag scrolls the list; only a tap or click opens a post.
    const bool dragged = ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > em * em * 0.25f;
    if (!app.list.cards) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ui(app, Ui::SortDate), ImGuiTableColumnFlags_WidthFixed, em * 5.6f);
        ImGui::TableSetupColumn(ui(app, Ui::SortTitle), ImGuiTableColumnFlags_WidthStretch);
        if (columns > 2) ImGui::TableSetupColumn(ui(app, Ui::SortSource), ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
        if (columns > 3) ImGui::TableSetupColumn(ui(app, Ui::ColumnTags), ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
        ImGui::TableHeadersRow();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list_size(app)));
    if (app.list.scroll_to_row) {
        const int r = static_cast<int>(*app.list.scroll_to_row);
        clipper.ForceDisplayRangeByIndices(r, r + 1);
    }
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::size_t i = list_post(app, static_cast<std::size_t>(row));
            ImGui::PushID(row);
            if (app.list.cards) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                card_row(app, row, i, dragged);
            } else {
                table_row(app, row, i, columns, dragged);
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
    const std::size_t row = app.selected ? list_row_of(app, *app.selected).value_or(0) : 0;  // the open post's row now
    const auto target = static_cast<std::size_t>(std::clamp<long long>(static_cast<long long>(row) + delta, 0, static_cast<long long>(n) - 1));
    view_dispatch(app, view_event::Open{app.catalog.ids[list_post(app, target)]});
}

}  // namespace folio

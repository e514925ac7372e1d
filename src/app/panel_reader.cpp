// The reader: the selected post's header, its actions and its blocks.
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "app.h"
#include "folio/date.h"
#include "folio/measure.h"
#include "folio/safe_link.h"
#include "page.h"
#include "text_bridge.h"

namespace folio {
namespace {

float heading_scale(std::uint8_t level) { return level <= 1 ? 1.22f : level == 2 ? 1.15f : level == 3 ? 1.08f : 1.0f; }

// The reader's vertical rhythm: line heights and gaps in ems (Column::lead turns them into Dear ImGui's terms).
constexpr float kBodyLeading = 1.7f;     // CJK body text reads best at about 1.7; Latin text too
constexpr float kHeadingLeading = 1.45f;  // headings and the title: their lines belong together
constexpr float kSmallLeading = 1.5f;    // code and captions
constexpr float kTitleScale = 1.3f;  // above every heading

// Space before a block, in ems, after the one before it: paragraphs apart, a heading further from what
// precedes it than from what follows, list items and a caption close to their neighbours.
float gap_before(const Block* prev, const Block& b) {
    if (!prev) return 0.0f;
    if (b.kind == BlockKind::Heading) return 1.3f;
    if (prev->kind == BlockKind::Heading) return 0.45f;
    if (b.kind == BlockKind::Caption && prev->kind == BlockKind::Image) return 0.3f;
    if (b.kind == BlockKind::ListItem && prev->kind == BlockKind::ListItem) return 0.25f;
    if (prev->kind == BlockKind::Code || b.kind == BlockKind::Code) return 1.0f;  // clear of the box's shading
    return 0.75f;
}

// Widths a block's lines wrap at: its measure (folio/measure.h) for its mix of scripts, or less
// where the column is narrower. em: a wide character's advance, the face's em square; narrow: a
// Latin character's on average; size: Dear ImGui's font size, the face's line height (about 1.45 em).
struct Column {
    float em = 0, narrow = 0, size = 0;
    float wrap(double share) const { return std::min(ImGui::GetContentRegionAvail().x, measure_width(share, em, narrow)); }
    float lead(float leading) const { return leading * em / size; }  // a line height in ems, over the font size
};

// Dear ImGui sizes a face by its line height, so a CJK character is narrower than the size: measured.
Column column_of(ImFont* font, float size) {
    const float sample = font->CalcTextSizeA(size, FLT_MAX, 0, kLatinSample.data(), kLatinSample.data() + kLatinSample.size()).x;
    const float wide = font->CalcTextSizeA(size, FLT_MAX, 0, kWideSample.data(), kWideSample.data() + kWideSample.size()).x / 5.0f;
    return {std::clamp(wide, size * 0.5f, size), sample / static_cast<float>(count_line(kLatinSample).chars), size};
}

// The post's shares of wide characters, found again only when the post or its body's arrival changes.
const ReaderMeasure& post_measure(App& app, std::size_t i) {
    ReaderMeasure& m = app.measure;
    const std::vector<Block>* blocks = post_blocks(app, i, nullptr);
    if (m.post == i && m.blocks_in == (blocks != nullptr)) return m;
    m = ReaderMeasure{i, blocks != nullptr, 1.0, {}, {}, {}, 0};
    std::string all = app.catalog.titles[i];
    if (blocks)
        for (const Block& b : *blocks) {
            m.block_share.push_back(wide_share(b.text));
            all += b.text;
        }
    m.share = wide_share(all);
    return m;
}

// A thin rule across the column (ImGui's separator spans the whole pane).
void column_rule() {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(0, 1));
}

// Cells of a table row ('\t'-separated) with their byte offsets in the row's text.
std::vector<std::pair<std::uint32_t, std::uint32_t>> split_cells(const std::string& text) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;
    std::uint32_t from = 0;
    for (std::uint32_t k = 0; k <= text.size(); ++k)
        if (k == text.size() || text[k] == '\t') {
            cells.push_back({from, k});
            from = k + 1;
        }
    return cells;
}

// Blocks [first, last) are consecutive table rows: one ImGui table, a cell per tab-separated field.
void draw_table(App& app, const std::vector<Block>& blocks, std::size_t first, std::size_t last, ReaderMatches& m,
                std::string& clicked, float leading) {
    std::size_t columns = 1;
    for (std::size_t k = first; k < last; ++k) columns = std::max(columns, split_cells(blocks[k].text).size());
    columns = std::min<std::size_t>(columns, 64);  // ImGui's limit is higher; more is not readable anyway
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(("table" + std::to_string(first)).c_str(), static_cast<int>(columns), flags)) return;
    for (std::size_t k = first; k < last; ++k) {
        const Block& b = blocks[k];
        ImGui::TableNextRow();
        std::size_t c = 0;
        for (const auto& [cb, ce] : split_cells(b.text)) {
            if (c >= columns) break;
            ImGui::TableSetColumnIndex(static_cast<int>(c++));
            ByteRanges marks;  // the row's marks and links, moved into the cell
            for (const auto& [hb, he] : m.by_block[k])
                if (hb >= cb && he <= ce) marks.push_back({hb - cb, he - cb});
            std::vector<LinkSpan> links;
            for (const auto& l : b.links)
                if (l.begin >= cb && l.end <= ce) links.push_back({l.begin - cb, l.end - cb, l.href});
            if (b.level == 1) ImGui::PushStyleColor(ImGuiCol_Text, palette().heading);
            std::string href = text_rich(std::string_view(b.text).substr(cb, ce - cb), marks, &links, &m.ys, 0, 1.0f, &app.drawn_links,
                                         &app.sem.layer, leading);
            if (b.level == 1) ImGui::PopStyleColor();
            if (!href.empty()) clicked = href;
        }
    }
    ImGui::EndTable();
}

void draw_image(App& app, const Block& b) {
    const auto it = app.images.find(b.url);
    const Ui status = it == app.images.end()              ? Ui::ImageClick
                      : it->second == ImageState::Loading ? Ui::ImageLoading
                      : it->second == ImageState::Shown   ? Ui::ImageShown
                                                          : Ui::ImageFailed;
    const bool loadable = is_openable_link(b.url) && b.url.rfind("mailto:", 0) != 0;
    const std::string label = (b.text.empty() ? std::string(ui(app, Ui::Image)) : ui(app, Ui::ImageAlt, {b.text})) + "  " +
                              ui(app, loadable ? status : Ui::ImageNoAddress);
    const float pad = ImGui::GetStyle().FramePadding.x;
    ImGui::Indent(pad);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushFont(ui_font(app));  // the viewer's words, as beside the post
    text_highlighted(label, {});
    glyphs_want_ui(app, b.text);  // the image's description: any character
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::Unindent(pad);
    const ImVec2 a(ImGui::GetItemRectMin().x - pad, ImGui::GetItemRectMin().y - pad * 0.5f);
    const ImVec2 z(ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y + pad * 0.5f);
    const bool hovered = loadable && ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, z);
    ImGui::GetWindowDrawList()->AddRect(a, z, ImGui::GetColorU32(hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Border), 4.0f);
    app.controls["image"] = ImVec4(a.x, a.y, z.x, z.y);  // the last one drawn (tests)
    if (!hovered) return;
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        app.images[b.url] = ImageState::Loading;
        page_show_image(b.url, b.text);
    }
}

// A block after the gap its kind asks for (quote bars run on through it when the quote does).
std::string draw_block(App& app, const Block& b, const Block* prev, const ByteRanges& marks, std::vector<float>& ys, const Column& col,
                       double share) {
    const float em = ImGui::GetFontSize();
    const float gap = gap_before(prev, b) * col.em;
    if (gap > 0) ImGui::Dummy(ImVec2(0, gap));
    const float indent = em * 1.2f * static_cast<float>(b.quote) + (b.kind == BlockKind::ListItem ? em * 1.2f * static_cast<float>(b.level) : 0.0f);
    if (indent > 0) ImGui::Indent(indent);
    const float top = ImGui::GetCursorScreenPos().y;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto rich = [&](float scale, float leading) {
        return text_rich(b.text, marks, &b.links, &ys, col.wrap(share), scale, &app.drawn_links, &app.sem.layer, leading);
    };
    std::string clicked;
    switch (b.kind) {
        case BlockKind::Heading:
            ImGui::PushStyleColor(ImGuiCol_Text, palette().heading);
            clicked = rich(heading_scale(b.level), col.lead(kHeadingLeading));
            ImGui::PopStyleColor();
            break;
        case BlockKind::ListItem: {  // the bullet or number on the first line's middle
            const float x = ImGui::GetCursorPosX();
            const float y = ImGui::GetCursorPosY();
            ImGui::SetCursorPosY(y + em * (col.lead(kBodyLeading) - 1.0f) * 0.5f);
            if (b.number) ImGui::Text("%u.", b.number);
            else ImGui::Bullet();
            ImGui::SameLine(x + em * 1.6f);
            ImGui::SetCursorPosY(y);
            clicked = rich(1.0f, col.lead(kBodyLeading));
            break;
        }
        case BlockKind::Code: {  // a shaded box behind the text: text first (channel 1), the box under it
            draw->ChannelsSplit(2);
            draw->ChannelsSetCurrent(1);
            const float pad = em * 0.5f;
            ImGui::Indent(pad);
            clicked = text_rich(b.text, marks, &b.links, &ys, col.wrap(share) - pad * 2, 0.95f, &app.drawn_links, &app.sem.layer,
                                col.lead(kSmallLeading));
            ImGui::Unindent(pad);
            draw->ChannelsSetCurrent(0);
            const float x0 = ImGui::GetCursorScreenPos().x, x1 = x0 + ImGui::GetContentRegionAvail().x;
            draw->AddRectFilled(ImVec2(x0, top - pad * 0.4f), ImVec2(x1, ImGui::GetItemRectMax().y + pad * 0.4f),
                                ImGui::GetColorU32(palette().code_bg), 4.0f);
            draw->ChannelsMerge();
            break;
        }
        case BlockKind::Image:
            draw_image(app, b);
            break;
        case BlockKind::Caption:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            clicked = rich(0.9f, col.lead(kSmallLeading));
            ImGui::PopStyleColor();
            break;
        case BlockKind::TableRow:  // drawn by draw_table
            break;
        case BlockKind::Rule:
            ImGui::Dummy(ImVec2(0, em * 0.5f));
            column_rule();
            ImGui::Dummy(ImVec2(0, em * 0.5f));
            break;
        case BlockKind::Paragraph:
            clicked = rich(1.0f, col.lead(kBodyLeading));
            break;
    }
    if (indent > 0) ImGui::Unindent(indent);
    for (std::uint8_t q = 0; q < b.quote; ++q) {  // a bar per quote level, left of the text
        const float x = ImGui::GetCursorScreenPos().x + em * 1.2f * static_cast<float>(q) + em * 0.4f;
        const float from = prev && prev->quote > q ? top - gap : top;
        draw->AddLine(ImVec2(x, from), ImVec2(x, ImGui::GetItemRectMax().y), ImGui::GetColorU32(palette().quote_bar), 3.0f);
    }
    return clicked;
}

// A button of the reader's actions, after the one before it or on the next line when it does not
// fit (phones); hovering shows the tip. Returns whether it was clicked.
bool action(App& app, const std::string& label, const char* name, const char* tip) {
    same_line_or_wrap(button_width(label.c_str()));
    const bool clicked = ImGui::Button(label.c_str());
    note_control(app, name);
    sem_item(app, name, SemRole::Button, label.substr(0, label.find("###")), "article");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    return clicked;
}

// The post's actions: bookmark, previous/next, the original, open as page.
void draw_actions(App& app, std::size_t i) {
    const bool starred = is_bookmarked(app, i);
    const float h = ImGui::GetFrameHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string star_label = "      " + std::string(ui(app, starred ? Ui::Bookmarked : Ui::Bookmark)) + "###star";
    if (ImGui::Button(star_label.c_str())) toggle_bookmark(app, i);  // room for the star
    note_control(app, "star");
    sem_item(app, "star", SemRole::Button, ui(app, starred ? Ui::Bookmarked : Ui::Bookmark), "article");
    draw_star(ImGui::GetWindowDrawList(), ImVec2(p.x + h * 0.55f, p.y + h * 0.5f), h * 0.32f,
              ImGui::GetColorU32(starred ? palette().star : ImGui::GetStyleColorVec4(ImGuiCol_Text)), starred);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("b");
    if (action(app, std::string(ui(app, Ui::Previous)) + "###previous", "previous", ui(app, Ui::PreviousKeys))) list_move(app, -1);
    if (action(app, std::string(ui(app, Ui::Next)) + "###next", "next", ui(app, Ui::NextKeys))) list_move(app, 1);
    const std::string& source = app.catalog.source_urls[i];
    if (is_openable_link(source) && action(app, std::string(ui(app, Ui::OpenOriginal)) + "###original", "original", source.c_str()))
        page_open_link(source);
    if (action(app, std::string(ui(app, Ui::OpenAsPage)) + "###open_page", "open_page", ui(app, Ui::OpenAsPageTip)))
        reader_open_page(app);
}

// The text layer records the post's lines on screen and a screen either way (folio/text_layer.h),
// placed from the top left of the post's content; the browser's find may have scrolled it.
void text_layer_begin(App& app, std::size_t i) {
    if (app.sem.scroll != 0.0f) {
        ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + app.sem.scroll, 0.0f, ImGui::GetScrollMaxY()));
        app.sem.scroll = 0.0f;
    }
    TextLayer& l = app.sem.layer;
    const ImRect clip = ImGui::GetCurrentWindowRead()->InnerClipRect;
    l.recording = app.sem.layer_on;
    l.origin = ImVec2(ImGui::GetWindowPos().x - ImGui::GetScrollX(), ImGui::GetWindowPos().y - ImGui::GetScrollY());
    l.keep = layer_range(ImGui::GetScrollY(), clip.GetHeight());
    l.clip = ImVec4(clip.Min.x, clip.Min.y, clip.Max.x, clip.Max.y);
    l.face = i < app.catalog.faces.size() ? app.catalog.faces[i] : 0;
    l.title = app.catalog.titles[i];
    l.longest = 0;
    l.fill = 0;
}

}  // namespace

static void draw_post(App& app, std::size_t i);

void panel_reader(App& app) {
    app.drawn_links.clear();
    if (!app.selected || *app.selected >= app.catalog.size()) {
        ImGui::TextDisabled("%s", ui(app, Ui::SelectPost));
        return;
    }
    const std::size_t i = *app.selected;
    text_layer_begin(app, i);
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    app.measure.pane = ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y);
    app.measure.column = ImVec4(a.x, a.y, a.x + ImGui::GetContentRegionAvail().x, pos.y + size.y);
    ImGui::PushFont(post_font(app, i));
    draw_post(app, i);
    ImGui::PopFont();
}

float reader_padding(App& app, float pane_width) {
    const float pad = ImGui::GetStyle().WindowPadding.x;
    if (!app.selected || *app.selected >= app.catalog.size()) return pad;
    const std::size_t i = *app.selected;
    const float size = ImGui::GetFontSize();
    const Column col = column_of(post_font(app, i), size);
    const float column = measure_width(post_measure(app, i).share, col.em, col.narrow);
    return std::max(pad, std::floor((pane_width - ImGui::GetStyle().ScrollbarSize - column) * 0.5f));
}

// Author, source, tags and categories: each a filter toggle, wrapped like words.
static void draw_chips(App& app, std::size_t i) {
    const Catalog& c = app.catalog;
    const float right = ImGui::GetContentRegionMax().x;
    int chips = 0;
    const auto chip = [&](Facet facet, const std::string& name, const std::string& shown) {
        const std::string label = shown + "##" + std::to_string(static_cast<int>(facet));
        const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        if (chips++ > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
        }
        const bool on = facet_selected(app, facet, name);
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::SmallButton(label.c_str())) facet_toggle(app, facet, name);
        glyphs_want_ui(app, shown);  // a name outside the first slice: its slice may not have come yet
        if (on) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, on ? Ui::ChipRemove : Ui::ChipAdd));
        const std::string key = "reader_" + std::to_string(static_cast<int>(facet)) + "_" + name;
        note_control(app, key.c_str());
        sem_item(app, key.c_str(), SemRole::Checkbox, shown, "article", on ? 1 : 0);
    };
    if (c.authors[i] >= 0) {
        const std::string& author = app.manifest.authors[static_cast<std::size_t>(c.authors[i])];
        chip(Facet::Author, author, ui(app, Ui::ByAuthor, {author}));
    }
    if (c.sites[i] >= 0) {
        const std::string& site = app.manifest.sites[static_cast<std::size_t>(c.sites[i])];
        chip(Facet::Source, site, site);
    }
    for (auto t : c.categories[i]) chip(Facet::Category, app.manifest.categories[t], app.manifest.categories[t]);
    for (auto t : c.tags[i]) chip(Facet::Tag, app.manifest.tags[t], "#" + app.manifest.tags[t]);
}

static void draw_post(App& app, std::size_t i) {
    const Catalog& c = app.catalog;
    const Column col = column_of(ImGui::GetFont(), ImGui::GetFontSize());
    const ReaderMeasure& measure = post_measure(app, i);
    app.measure.em = col.em;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().title);
    text_rich(c.titles[i], search_matches(app, c.titles[i]), nullptr, nullptr, col.wrap(wide_share(c.titles[i])), kTitleScale, nullptr,
              &app.sem.layer, col.lead(kHeadingLeading));
    glyphs_want_post(app, i, c.titles[i]);
    ImGui::PopStyleColor();
    // The viewer's words and the filters' names beside the post are in the UI face, whose first slice
    // holds them; the post's own face may have them only in a slice no one asked for.
    ImGui::PushFont(ui_font(app));
    ImGui::TextDisabled("%s", c.has_date[i] ? format_date_time_in(app.lang, c.dates[i], c.utc_offsets[i]).c_str() : ui(app, Ui::Undated));
    draw_chips(app, i);
    draw_actions(app, i);
    panel_related(app, i);
    if (app.matches.post == i && app.matches.total > 0) {
        const std::string total = std::to_string(app.matches.total);
        const std::string text = app.matches.current >= 0 ? ui(app, Ui::MatchOf, {std::to_string(app.matches.current + 1), total})
                                 : app.matches.total == 1 ? std::string(ui(app, Ui::MatchInPost))
                                                          : ui(app, Ui::MatchesInPost, {total});
        ImGui::TextDisabled("%s", text.c_str());
    }
    ImGui::PopFont();
    column_rule();
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
    std::string error;
    const std::vector<Block>* blocks = post_blocks(app, i, &error);
    ImGui::PushFont(ui_font(app));
    if (!blocks && error.empty()) ImGui::TextDisabled("%s", ui(app, Ui::LoadingPost));
    else if (!blocks) ImGui::TextColored(palette().error, "%s", ui(app, Ui::PostFailed, {error}).c_str());
    else if (blocks->empty()) ImGui::TextDisabled("%s", ui(app, Ui::NoText));
    ImGui::PopFont();
    if (!blocks) return;
    mark_read(app, i);
    for (const Block& b : *blocks) glyphs_want_post(app, i, b.text);
    ReaderMatches& m = app.matches;
    if (m.post != i || m.query != app.search.ran) {  // find matches once per post and query
        m = ReaderMatches{i, app.search.ran, {}, 0, {}, -1, false};
        for (const auto& b : *blocks) {
            m.by_block.push_back(search_matches(app, b.text));
            m.total += m.by_block.back().size();
        }
    }
    m.ys.clear();
    // While comparing with a copy, the marks are this copy's own text (the search's come back after).
    const std::vector<ByteRanges>* compared = compare_marks(app, i);
    std::vector<float> unused_ys;
    const float top = ImGui::GetCursorScreenPos().y - ImGui::GetCursorPosY();  // screen y of content y 0
    std::string clicked;
    // The blocks' rhythm is their gaps (draw_block), not ImGui's item spacing.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));
    for (std::size_t k = 0; k < blocks->size(); ++k) {
        const Block* prev = k > 0 ? &(*blocks)[k - 1] : nullptr;
        if ((*blocks)[k].kind == BlockKind::TableRow) {
            std::size_t last = k + 1;
            while (last < blocks->size() && (*blocks)[last].kind == BlockKind::TableRow && (*blocks)[last].quote == (*blocks)[k].quote) ++last;
            if (prev) ImGui::Dummy(ImVec2(0, col.em * 0.75f));
            draw_table(app, *blocks, k, last, m, clicked, col.lead(kBodyLeading));
            k = last - 1;
            continue;
        }
        const double share = k < measure.block_share.size() ? measure.block_share[k] : measure.share;
        const ByteRanges& marks = compared ? (*compared)[k] : m.by_block[k];
        if (std::string href = draw_block(app, (*blocks)[k], prev, marks, compared ? unused_ys : m.ys, col, share); !href.empty())
            clicked = href;
    }
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 2.0f));  // the last line clear of the pane's edge
    ImGui::PopStyleVar();
    if (!clicked.empty() && is_openable_link(clicked)) page_open_link(clicked);
    for (float& y : m.ys) y -= top;
    if (m.scroll && m.current >= 0 && static_cast<std::size_t>(m.current) < m.ys.size()) {
        ImGui::SetScrollY(std::max(0.0f, m.ys[static_cast<std::size_t>(m.current)] - ImGui::GetWindowHeight() * 0.3f));
    }
    m.scroll = false;
}

void reader_next_match(App& app, int direction) {
    ReaderMatches& m = app.matches;
    if (m.total == 0) return;
    const int n = static_cast<int>(m.total);
    m.current = m.current < 0 ? (direction > 0 ? 0 : n - 1) : (m.current + direction + n) % n;
    m.scroll = true;
}

}  // namespace folio

namespace folio {

void reader_copy(App& app) {
    if (!app.selected) return;
    const std::vector<Block>* blocks = post_blocks(app, *app.selected, nullptr);
    if (!blocks) return;
    text_bridge_copy(app.catalog.titles[*app.selected] + "\n\n" + plain_text(*blocks));
}

// The post as JSON for the page's buildPage: text runs with only openable links, never HTML.
void reader_open_page(App& app) {
    if (!app.selected) return;
    const std::size_t i = *app.selected;
    const std::vector<Block>* blocks = post_blocks(app, i, nullptr);
    if (!blocks) return;
    using json = nlohmann::json;
    const Catalog& c = app.catalog;
    std::string meta = c.has_date[i] ? format_date_time_in(app.lang, c.dates[i], c.utc_offsets[i]) : std::string(ui(app, Ui::Undated));
    if (c.authors[i] >= 0) meta += "  ·  " + app.manifest.authors[static_cast<std::size_t>(c.authors[i])];
    json tags = json::array();
    for (auto t : c.tags[i]) tags.push_back(app.manifest.tags[t]);
    json out_blocks = json::array();
    for (const Block& b : *blocks) {
        json j = {{"kind", block_kind_name(b.kind)}, {"level", b.level}, {"quote", b.quote}, {"number", b.number}};
        if (b.kind == BlockKind::TableRow) {
            json cells = json::array();
            for (const auto& [cb, ce] : split_cells(b.text)) cells.push_back(b.text.substr(cb, ce - cb));
            j["cells"] = cells;
        } else if (b.kind == BlockKind::Image || b.kind == BlockKind::Code) {
            j["text"] = b.text;
            if (b.kind == BlockKind::Image && is_openable_link(b.url)) j["url"] = b.url;
        } else {
            json runs = json::array();  // [text, href or null], in order
            std::uint32_t at = 0;
            for (const LinkSpan& l : b.links) {
                if (l.begin < at || l.begin >= l.end || l.end > b.text.size()) continue;
                if (l.begin > at) runs.push_back({b.text.substr(at, l.begin - at), nullptr});
                runs.push_back({b.text.substr(l.begin, l.end - l.begin), is_openable_link(l.href) ? json(l.href) : json(nullptr)});
                at = l.end;
            }
            if (at < b.text.size()) runs.push_back({b.text.substr(at), nullptr});
            j["runs"] = runs;
        }
        out_blocks.push_back(std::move(j));
    }
    json post = {{"title", c.titles[i]}, {"meta", meta}, {"tags", tags}, {"blocks", out_blocks},
                 {"source", is_openable_link(c.source_urls[i]) ? c.source_urls[i] : ""}};
    page_open_post(post.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace folio

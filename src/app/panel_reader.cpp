// The reader: the selected post's header, its actions and its blocks.
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "app.h"
#include "folio/date.h"
#include "folio/safe_link.h"
#include "page.h"
#include "text_bridge.h"

namespace folio {
namespace {

float heading_scale(std::uint8_t level) { return level <= 1 ? 1.35f : level == 2 ? 1.25f : level == 3 ? 1.12f : 1.05f; }

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
                std::string& clicked) {
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
            std::string href = text_rich(std::string_view(b.text).substr(cb, ce - cb), marks, &links, &m.ys, 0, 1.0f, &app.drawn_links, &app.sem.layer);
            if (b.level == 1) ImGui::PopStyleColor();
            if (!href.empty()) clicked = href;
        }
    }
    ImGui::EndTable();
    ImGui::Spacing();
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
    text_highlighted(label, {});
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

std::string draw_block(App& app, const Block& b, const ByteRanges& marks, std::vector<float>& ys) {
    const float em = ImGui::GetFontSize();
    const float indent = em * 1.2f * static_cast<float>(b.quote) + (b.kind == BlockKind::ListItem ? em * 1.2f * static_cast<float>(b.level) : 0.0f);
    if (indent > 0) ImGui::Indent(indent);
    const float top = ImGui::GetCursorScreenPos().y;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::string clicked;
    switch (b.kind) {
        case BlockKind::Heading:
            ImGui::PushStyleColor(ImGuiCol_Text, palette().heading);
            clicked = text_rich(b.text, marks, &b.links, &ys, 0, heading_scale(b.level), &app.drawn_links, &app.sem.layer);
            ImGui::PopStyleColor();
            break;
        case BlockKind::ListItem: {
            const float x = ImGui::GetCursorPosX();
            if (b.number) ImGui::Text("%u.", b.number);
            else ImGui::Bullet();
            ImGui::SameLine(x + em * 1.6f);
            clicked = text_rich(b.text, marks, &b.links, &ys, 0, 1.0f, &app.drawn_links, &app.sem.layer);
            break;
        }
        case BlockKind::Code: {  // a shaded box behind the text: text first (channel 1), the box under it
            draw->ChannelsSplit(2);
            draw->ChannelsSetCurrent(1);
            const float pad = em * 0.4f;
            ImGui::Indent(pad);
            ImGui::Dummy(ImVec2(0, pad * 0.5f));
            clicked = text_rich(b.text, marks, &b.links, &ys, 0, 0.95f, &app.drawn_links, &app.sem.layer);
            ImGui::Dummy(ImVec2(0, pad * 0.5f));
            ImGui::Unindent(pad);
            draw->ChannelsSetCurrent(0);
            const float x0 = ImGui::GetCursorScreenPos().x, x1 = x0 + ImGui::GetContentRegionAvail().x;
            draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, ImGui::GetItemRectMax().y + pad * 0.5f),
                                ImGui::GetColorU32(palette().code_bg), 4.0f);
            draw->ChannelsMerge();
            break;
        }
        case BlockKind::Image:
            draw_image(app, b);
            break;
        case BlockKind::Caption:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            clicked = text_rich(b.text, marks, &b.links, &ys, 0, 0.92f, &app.drawn_links, &app.sem.layer);
            ImGui::PopStyleColor();
            break;
        case BlockKind::TableRow:  // drawn by draw_table
            break;
        case BlockKind::Rule:
            ImGui::Separator();
            break;
        case BlockKind::Paragraph:
            clicked = text_rich(b.text, marks, &b.links, &ys, 0, 1.0f, &app.drawn_links, &app.sem.layer);
            break;
    }
    if (indent > 0) ImGui::Unindent(indent);
    for (std::uint8_t q = 0; q < b.quote; ++q) {  // a bar per quote level, left of the text
        const float x = ImGui::GetCursorScreenPos().x + em * 1.2f * static_cast<float>(q) + em * 0.4f;
        draw->AddLine(ImVec2(x, top), ImVec2(x, ImGui::GetItemRectMax().y), ImGui::GetColorU32(palette().quote_bar), 2.0f);
    }
    ImGui::Spacing();
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
    ImGui::PushFont(post_font(app, i));
    draw_post(app, i);
    ImGui::PopFont();
}

static void draw_post(App& app, std::size_t i) {
    const Catalog& c = app.catalog;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().title);
    text_rich(c.titles[i], search_matches(app, c.titles[i]), nullptr, nullptr, 0, 1.3f, nullptr, &app.sem.layer);
    glyphs_want_post(app, i, c.titles[i]);
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", c.has_date[i] ? format_date_time_in(app.lang, c.dates[i], c.utc_offsets[i]).c_str() : ui(app, Ui::Undated));
    // Author, source, tags and categories: each a filter toggle, wrapped like words.
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
    draw_actions(app, i);
    if (app.matches.post == i && app.matches.total > 0) {
        const std::string total = std::to_string(app.matches.total);
        const std::string text = app.matches.current < 0 ? ui(app, Ui::MatchesInPost, {total})
                                                         : ui(app, Ui::MatchOf, {std::to_string(app.matches.current + 1), total});
        ImGui::TextDisabled("%s", text.c_str());
    }
    ImGui::Separator();
    ImGui::Spacing();
    std::string error;
    const std::vector<Block>* blocks = post_blocks(app, i, &error);
    if (!blocks) {
        if (error.empty()) ImGui::TextDisabled("%s", ui(app, Ui::LoadingPost));
        else ImGui::TextColored(palette().error, "%s", ui(app, Ui::PostFailed, {error}).c_str());
        return;
    }
    mark_read(app, i);
    if (blocks->empty()) ImGui::TextDisabled("%s", ui(app, Ui::NoText));
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
    const float top = ImGui::GetCursorScreenPos().y - ImGui::GetCursorPosY();  // screen y of content y 0
    std::string clicked;
    for (std::size_t k = 0; k < blocks->size(); ++k) {
        if ((*blocks)[k].kind == BlockKind::TableRow) {
            std::size_t last = k + 1;
            while (last < blocks->size() && (*blocks)[last].kind == BlockKind::TableRow && (*blocks)[last].quote == (*blocks)[k].quote) ++last;
            draw_table(app, *blocks, k, last, m, clicked);
            k = last - 1;
            continue;
        }
        if (std::string href = draw_block(app, (*blocks)[k], m.by_block[k], m.ys); !href.empty()) clicked = href;
    }
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

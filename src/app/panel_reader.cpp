// The reader: the selected post's header and its blocks.
#include "app.h"
#include "folio/date.h"
#include "text_bridge.h"

namespace folio {
namespace {

const ImVec4 kTitleColor(0.95f, 0.85f, 0.55f, 1.0f);
const ImVec4 kHeadingColor(0.75f, 0.85f, 1.0f, 1.0f);

void draw_block(const Block& b, const ByteRanges& marks, std::vector<float>& ys) {
    const float em = ImGui::GetFontSize();
    const float indent = em * 1.2f * static_cast<float>(b.quote) + (b.kind == BlockKind::ListItem ? em * 1.2f * static_cast<float>(b.level) : 0.0f);
    if (indent > 0) ImGui::Indent(indent);
    switch (b.kind) {
        case BlockKind::Heading:
            ImGui::PushStyleColor(ImGuiCol_Text, kHeadingColor);
            text_highlighted(b.text, marks, &ys);
            ImGui::PopStyleColor();
            break;
        case BlockKind::ListItem:
            if (b.number) ImGui::Text("%u.", b.number);
            else ImGui::Bullet();
            ImGui::SameLine();
            text_highlighted(b.text, marks, &ys);
            break;
        case BlockKind::Code:
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.9f, 0.7f, 1.0f));
            text_highlighted(b.text, marks, &ys);
            ImGui::PopStyleColor();
            break;
        case BlockKind::Image:
            ImGui::TextDisabled("[image%s%s]", b.text.empty() ? "" : ": ", b.text.c_str());
            break;
        case BlockKind::Caption:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            text_highlighted(b.text, marks, &ys);
            ImGui::PopStyleColor();
            break;
        case BlockKind::TableRow: {
            std::string row = b.text;  // a tab becomes " | " (3 bytes): shift marks after each
            ByteRanges shifted = marks;
            for (std::size_t p = row.find('\t'); p != std::string::npos; p = row.find('\t', p + 3)) {
                row.replace(p, 1, " | ");
                for (auto& [hb, he] : shifted) {
                    if (hb > p) hb += 2;
                    if (he > p) he += 2;
                }
            }
            text_highlighted(row, shifted, &ys);
            break;
        }
        case BlockKind::Rule:
            ImGui::Separator();
            break;
        case BlockKind::Paragraph:
            text_highlighted(b.text, marks, &ys);
            break;
    }
    if (indent > 0) ImGui::Unindent(indent);
    ImGui::Spacing();
}

}  // namespace

static void draw_post(App& app, std::size_t i);

void panel_reader(App& app) {
    if (!app.selected || *app.selected >= app.catalog.size()) {
        ImGui::TextDisabled("Select a post from the list.");
        return;
    }
    const std::size_t i = *app.selected;
    ImGui::PushFont(post_font(app, i));
    draw_post(app, i);
    ImGui::PopFont();
}

static void draw_post(App& app, std::size_t i) {
    const Catalog& c = app.catalog;
    ImGui::PushStyleColor(ImGuiCol_Text, kTitleColor);
    text_highlighted(c.titles[i], search_matches(app, c.titles[i]));
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", c.has_date[i] ? format_iso8601(c.dates[i], c.utc_offsets[i]).c_str() : "undated");
    // Author, source, tags and categories: each a filter toggle, wrapped like words.
    const float right = ImGui::GetContentRegionMax().x;
    int chips = 0;
    const auto chip = [&](Facet facet, const std::string& name, const char* prefix) {
        const std::string label = prefix + name + "##" + std::to_string(static_cast<int>(facet));
        const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        if (chips++ > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
        }
        const bool on = facet_selected(app, facet, name);
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::SmallButton(label.c_str())) facet_toggle(app, facet, name);
        if (on) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip(on ? "remove this filter" : "show only posts with this");
        note_control(app, ("reader_" + std::to_string(static_cast<int>(facet)) + "_" + name).c_str());
    };
    if (c.authors[i] >= 0) chip(Facet::Author, app.manifest.authors[static_cast<std::size_t>(c.authors[i])], "by ");
    if (c.sites[i] >= 0) chip(Facet::Source, app.manifest.sites[static_cast<std::size_t>(c.sites[i])], "");
    for (auto t : c.categories[i]) chip(Facet::Category, app.manifest.categories[t], "");
    for (auto t : c.tags[i]) chip(Facet::Tag, app.manifest.tags[t], "#");
    if (app.matches.post == i && app.matches.total > 0) {
        if (app.matches.current < 0) ImGui::TextDisabled("%zu matches  (n / Shift+n, F3 / Shift+F3 to step through)", app.matches.total);
        else ImGui::TextDisabled("match %d of %zu  (n / Shift+n, F3 / Shift+F3)", app.matches.current + 1, app.matches.total);
    }
    ImGui::Separator();
    ImGui::Spacing();
    std::string error;
    const std::vector<Block>* blocks = post_blocks(app, i, &error);
    if (!blocks) {
        if (error.empty()) ImGui::TextDisabled("Loading...");
        else ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "This post could not be loaded: %s", error.c_str());
        return;
    }
    if (blocks->empty()) ImGui::TextDisabled("(This post has no text.)");
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
    for (std::size_t k = 0; k < blocks->size(); ++k) draw_block((*blocks)[k], m.by_block[k], m.ys);
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

}  // namespace folio

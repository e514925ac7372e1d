// The reader: the selected post's header and its blocks.
#include "app.h"
#include "folio/date.h"

namespace folio {
namespace {

const ImVec4 kTitleColor(0.95f, 0.85f, 0.55f, 1.0f);
const ImVec4 kHeadingColor(0.75f, 0.85f, 1.0f, 1.0f);

void draw_block(const Block& b) {
    const float em = ImGui::GetFontSize();
    const float indent = em * 1.2f * static_cast<float>(b.quote) + (b.kind == BlockKind::ListItem ? em * 1.2f * static_cast<float>(b.level) : 0.0f);
    if (indent > 0) ImGui::Indent(indent);
    switch (b.kind) {
        case BlockKind::Heading:
            ImGui::PushStyleColor(ImGuiCol_Text, kHeadingColor);
            ImGui::TextWrapped("%s", b.text.c_str());
            ImGui::PopStyleColor();
            break;
        case BlockKind::ListItem:
            if (b.number) ImGui::Text("%u.", b.number);
            else ImGui::Bullet();
            ImGui::SameLine();
            ImGui::TextWrapped("%s", b.text.c_str());
            break;
        case BlockKind::Code:
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.9f, 0.7f, 1.0f));
            ImGui::TextUnformatted(b.text.c_str());
            ImGui::PopStyleColor();
            break;
        case BlockKind::Image:
            ImGui::TextDisabled("[image%s%s]", b.text.empty() ? "" : ": ", b.text.c_str());
            break;
        case BlockKind::Caption:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("%s", b.text.c_str());
            ImGui::PopStyleColor();
            break;
        case BlockKind::TableRow: {
            std::string row = b.text;
            for (std::size_t p = row.find('\t'); p != std::string::npos; p = row.find('\t', p + 3)) row.replace(p, 1, " | ");
            ImGui::TextWrapped("%s", row.c_str());
            break;
        }
        case BlockKind::Rule:
            ImGui::Separator();
            break;
        case BlockKind::Paragraph:
            ImGui::TextWrapped("%s", b.text.c_str());
            break;
    }
    if (indent > 0) ImGui::Unindent(indent);
    ImGui::Spacing();
}

}  // namespace

void panel_reader(App& app) {
    if (!app.selected || *app.selected >= app.catalog.size()) {
        ImGui::TextDisabled("Select a post from the list.");
        return;
    }
    const std::size_t i = *app.selected;
    const Catalog& c = app.catalog;
    ImGui::PushStyleColor(ImGuiCol_Text, kTitleColor);
    ImGui::TextWrapped("%s", c.titles[i].c_str());
    ImGui::PopStyleColor();
    std::string meta = c.has_date[i] ? format_iso8601(c.dates[i], c.utc_offsets[i]) : std::string("undated");
    if (c.authors[i] >= 0) meta += "  ·  " + app.manifest.authors[static_cast<std::size_t>(c.authors[i])];
    if (c.sites[i] >= 0) meta += "  ·  " + app.manifest.sites[static_cast<std::size_t>(c.sites[i])];
    ImGui::TextDisabled("%s", meta.c_str());
    if (!c.tags[i].empty()) {
        std::string tags;
        for (auto t : c.tags[i]) tags += (tags.empty() ? "# " : "  # ") + app.manifest.tags[t];
        ImGui::TextDisabled("%s", tags.c_str());
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
    for (const auto& b : *blocks) draw_block(b);
}

}  // namespace folio

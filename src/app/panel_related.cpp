// The reader's "Also in" line: the other copies of the open post's story (folio/related.h), each
// one click away, and a compare toggle per copy; while comparing, what the other copy has that
// this one lacks (this one's own text is marked in the reader, panel_reader.cpp).
#include <algorithm>

#include "app.h"
#include "folio/date.h"

namespace folio {
namespace {

constexpr std::size_t kPassageBytes = 600;  // a long passage of the other copy is cut here (at a character)

// "source · day" of a post: how a reader tells copies apart.
std::string copy_label(const App& app, std::size_t post) {
    const Catalog& c = app.catalog;
    std::string label = c.sites[post] >= 0 ? app.manifest.sites[static_cast<std::size_t>(c.sites[post])] : ui(app, Ui::StatsNoSource);
    if (c.has_date[post]) label += "  \u00B7  " + format_day_in(app.lang, c.dates[post], c.utc_offsets[post]);
    return label;
}

std::string cut(const std::string& text) {
    if (text.size() <= kPassageBytes) return text;
    std::size_t end = kPassageBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a character
    return text.substr(0, end) + "\u2026";
}

// What the compare found: a summary, then the other copy's own passages.
void compare_summary(App& app, std::size_t other) {
    const CompareState& c = app.related.compare;
    bodies_want(app, other);  // the other copy's body: its text is compared with this one's
    if (!compare_marks(app, *app.selected)) {
        ImGui::TextDisabled("%s", ui(app, Ui::CompareLoading));
        return;
    }
    if (c.only_here == 0 && c.only_there.empty()) {
        ImGui::TextDisabled("%s", ui(app, Ui::CompareSame));
        return;
    }
    if (!c.aligned) ImGui::TextDisabled("%s", ui(app, Ui::CompareTooDifferent));
    ImGui::TextDisabled("%s", ui(app, Ui::CompareSummary, {std::to_string(c.only_here), std::to_string(c.only_there.size())}).c_str());
    sem_status(app, "compare_summary", ui(app, Ui::CompareSummary, {std::to_string(c.only_here), std::to_string(c.only_there.size())}));
    if (c.only_there.empty()) return;
    ImGui::TextDisabled("%s", ui(app, Ui::CompareOnlyThere, {copy_label(app, other)}).c_str());
    const float bar = ImGui::GetFontSize() * 0.8f;
    ImGui::Indent(bar);
    for (const std::string& passage : c.only_there) {
        const std::string shown = cut(passage);
        glyphs_want_post(app, other, shown);
        const float top = ImGui::GetCursorScreenPos().y;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::PushFont(post_font(app, other));  // the other copy's text, in its face (the reader's words are the UI face)
        text_highlighted(shown, {});
        ImGui::PopFont();
        ImGui::PopStyleColor();
        const float x = ImGui::GetCursorScreenPos().x - bar * 0.5f;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x, top), ImVec2(x, ImGui::GetItemRectMax().y), ImGui::GetColorU32(palette().quote_bar), 2.0f);
    }
    ImGui::Unindent(bar);
}

}  // namespace

void panel_related(App& app, std::size_t post) {
    const std::vector<std::size_t> copies = related_of(app, post);
    if (copies.empty()) return;
    const RelatedState& r = app.related;
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", ui(app, Ui::AlsoIn));
    for (std::size_t k = 0; k < copies.size(); ++k) {
        const std::size_t other = copies[k];
        const std::string label = copy_label(app, other);
        glyphs_want_ui(app, label);  // a source's name outside the first slice
        const std::string key = "copy_" + std::to_string(k);
        same_line_or_wrap(button_width(label.c_str()));
        ImGui::PushID(static_cast<int>(k));
        if (ImGui::SmallButton(label.c_str())) view_dispatch(app, view_event::Open{app.catalog.ids[other]});
        note_control(app, key.c_str());
        sem_item(app, key.c_str(), SemRole::Button, label + ": " + app.catalog.titles[other], "article");
        if (ImGui::IsItemHovered()) {
            const std::string tip = ui(app, Ui::AlsoInTip, {app.catalog.titles[other]});
            glyphs_want_ui(app, tip);
            ImGui::SetTooltip("%s", tip.c_str());
        }
        const bool comparing = r.compare_with == other;
        const std::string compare = std::string(ui(app, comparing ? Ui::CompareOff : Ui::CompareWith)) + "###compare";
        same_line_or_wrap(button_width(compare.c_str()));
        if (ImGui::SmallButton(compare.c_str())) compare_set(app, comparing ? std::nullopt : std::optional<std::size_t>(other));
        note_control(app, (key + "_compare").c_str());
        sem_item(app, (key + "_compare").c_str(), SemRole::Checkbox, std::string(ui(app, Ui::CompareWith)) + ": " + label, "article",
                 comparing ? 1 : 0);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::CompareTip));
        ImGui::PopID();
    }
    if (r.compare_with) compare_summary(app, *r.compare_with);
}

}  // namespace folio

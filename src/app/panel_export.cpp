// Export: the toolbar's button and menu. The list as it stands (filters plus query, up to the whole
// archive) as CSV, JSON Lines or Markdown, or the open post as Markdown; the core makes the text
// (folio/export.h) and the page hands it to the browser as a download made from a Blob.
#include <string>
#include <vector>

#include "app.h"
#include "folio/view_hash.h"
#include "page.h"

namespace folio {
namespace {

struct FormatItem {
    ExportFormat format;
    Ui label;
    const char* key;
};
constexpr FormatItem kFormats[] = {
    {ExportFormat::Csv, Ui::ExportCsv, "export_csv"},
    {ExportFormat::JsonLines, Ui::ExportJsonLines, "export_jsonl"},
    {ExportFormat::Markdown, Ui::ExportMarkdown, "export_md"},
};

// "folio-2024-03-05.csv": the day it was made, so exports do not overwrite each other by name.
std::string file_name(const char* stem, const char* extension) {
    return std::string("folio-") + stem + "-" + format_day_number(page_today()) + "." + extension;
}

void export_menu(App& app) {
    const std::size_t n = app.browse.result.posts.size();
    ImGui::TextDisabled("%s", ui(app, Ui::ExportResults, {std::to_string(n)}).c_str());
    for (const FormatItem& f : kFormats) {
        const std::string label = std::string(ui(app, f.label)) + "###" + f.key;
        if (ImGui::Selectable(label.c_str(), false, n ? 0 : ImGuiSelectableFlags_Disabled)) export_results(app, f.format);
        note_control(app, f.key);
        sem_item(app, f.key, SemRole::Button, ui(app, Ui::ExportResults, {std::to_string(n)}) + " " + ui(app, f.label));
    }
    ImGui::Separator();
    const bool open = app.selected && post_blocks(app, *app.selected, nullptr);
    const std::string post = std::string(ui(app, open ? Ui::ExportPost : Ui::ExportNoPost)) + "###export_post";
    if (ImGui::Selectable(post.c_str(), false, open ? 0 : ImGuiSelectableFlags_Disabled)) export_open_post(app);
    note_control(app, "export_post");
    sem_item(app, "export_post", SemRole::Button, ui(app, open ? Ui::ExportPost : Ui::ExportNoPost));
}

}  // namespace

void export_results(App& app, ExportFormat format) {
    const std::string base = page_address();
    const auto& posts = app.browse.result.posts;
    std::vector<ExportRow> rows;
    rows.reserve(posts.size());
    for (std::uint32_t i : posts) rows.push_back(export_row(app.catalog, app.manifest, i, base));
    std::string heading = ui(app, Ui::ExportHeading, {std::to_string(rows.size())});
    if (const std::string& q = current_view(app).query; !q.empty()) heading += " · " + q;
    const std::string name = file_name("export", export_extension(format));
    page_download(name, export_mime(format), export_rows(rows, format, heading));
    app.marks.message = ui(app, Ui::ExportDone, {name});
}

void export_open_post(App& app) {
    if (!app.selected) return;
    const std::size_t i = *app.selected;
    const std::vector<Block>* blocks = post_blocks(app, i, nullptr);
    if (!blocks) return;  // its body is not in yet: the menu item is disabled meanwhile
    const std::string name = file_name(("post-" + app.catalog.ids[i]).c_str(), "md");
    page_download(name, export_mime(ExportFormat::Markdown), post_markdown(export_row(app.catalog, app.manifest, i, page_address()), *blocks));
    app.marks.message = ui(app, Ui::ExportDone, {name});
}

std::string export_label(const App& app) { return std::string(ui(app, Ui::Export)) + "###export_list"; }

void panel_export(App& app) {
    const std::string label = export_label(app);
    same_line_or_wrap(button_width(label.c_str()));
    if (ImGui::SmallButton(label.c_str())) ImGui::OpenPopup("export_menu");
    const ImVec2 corner = ImGui::GetItemRectMax();
    note_control(app, "export_list");  // ("export" is the bookmarks menu's)
    sem_item(app, "export_list", SemRole::Button, ui(app, Ui::Export));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::ExportTip));
    if (begin_popup_under("export_menu", corner)) {
        export_menu(app);
        ImGui::EndPopup();
    }
}

}  // namespace folio

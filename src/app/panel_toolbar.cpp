// The toolbar: theme toggle, the bookmarked posts, export and import of bookmarks and read marks.
#include <cmath>

#include "app.h"
#include "folio/date.h"
#include "page.h"

namespace folio {

void draw_star(ImDrawList* draw, ImVec2 center, float radius, ImU32 color, bool filled) {
    ImVec2 points[10];
    for (int k = 0; k < 10; ++k) {
        const float angle = -1.5707963f + static_cast<float>(k) * 0.62831853f;
        const float r = k % 2 == 0 ? radius : radius * 0.45f;
        points[k] = ImVec2(center.x + std::cos(angle) * r, center.y + std::sin(angle) * r);
    }
    if (filled) {
        for (int k = 0; k < 10; k += 2)  // five convex points around the centre
            draw->AddTriangleFilled(points[(k + 9) % 10], points[k], points[(k + 1) % 10], color);
        ImVec2 inner[5];
        for (int k = 0; k < 5; ++k) inner[k] = points[2 * k + 1];
        draw->AddConvexPolyFilled(inner, 5, color);
    } else {
        draw->AddPolyline(points, 10, color, ImDrawFlags_Closed, 1.2f);
    }
}

void panel_toolbar(App& app) {
    if (ImGui::SmallButton(app.dark ? "Light" : "Dark")) {
        theme_apply(app, !app.dark);
        page_save_theme(app.dark);
    }
    note_control(app, "theme");
    sem_item(app, "theme", SemRole::Button, app.dark ? "Light theme" : "Dark theme");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switch to the %s theme (remembered)", app.dark ? "light" : "dark");
    ImGui::SameLine();
    const std::size_t count = app.marks.marks.bookmarks.size();
    if (ImGui::SmallButton(("Bookmarks (" + std::to_string(count) + ")").c_str())) ImGui::OpenPopup("bookmarks");
    note_control(app, "bookmarks");
    sem_item(app, "bookmarks", SemRole::Button, "Bookmarks (" + std::to_string(count) + ")");
    if (ImGui::BeginPopup("bookmarks")) {
        std::size_t shown = 0;
        for (std::size_t i = 0; i < app.catalog.size(); ++i) {  // newest first, as the bundle orders posts
            if (!is_bookmarked(app, i)) continue;
            const std::string day = app.catalog.has_date[i] ? format_day(app.catalog.dates[i], app.catalog.utc_offsets[i]) : "undated";
            ImGui::PushID(static_cast<int>(i));
            ImGui::PushFont(post_font(app, i));
            if (ImGui::Selectable((day + "  " + app.catalog.titles[i]).c_str(), app.selected == i)) {
                view_dispatch(app, view_event::Open{app.catalog.ids[i]});
            }
            ImGui::PopFont();
            ImGui::PopID();
            ++shown;
        }
        if (shown == 0) ImGui::TextDisabled("No bookmarks yet: b or the star in the reader adds one.");
        ImGui::Separator();
        if (ImGui::Selectable("Export bookmarks and read marks (.json)")) page_export_marks();
        note_control(app, "export");
        if (ImGui::Selectable("Import from a file...")) page_import_marks();
        note_control(app, "import");
        ImGui::EndPopup();
    }
    if (!app.marks.message.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", app.marks.message.c_str());
    }
}

}  // namespace folio

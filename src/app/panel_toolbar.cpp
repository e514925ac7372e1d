// The toolbar: theme toggle, the bookmarked posts and saved searches, export and import of them,
// export of the list (panel_export.cpp), statistics (panel_stats.cpp) and the offline copy (the page's panel).
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

namespace {

constexpr Ui kLanguageNames[kUiLanguageCount] = {Ui::LanguageEn, Ui::LanguageZhHans, Ui::LanguageZhHant};

// Each bookmarked post, newest first as the bundle orders them; a click opens it.
void bookmarks_popup(App& app) {
    saved_searches_menu(app);  // beside the bookmarks, stored and exported with them
    std::size_t shown = 0;
    for (std::size_t i = 0; i < app.catalog.size(); ++i) {
        if (!is_bookmarked(app, i)) continue;
        const Catalog& c = app.catalog;
        const std::string day = c.has_date[i] ? format_day_in(app.lang, c.dates[i], c.utc_offsets[i]) : ui(app, Ui::Undated);
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushFont(post_font(app, i));
        const std::string line = day + "  " + c.titles[i];
        glyphs_want_post(app, i, line);  // drawn with the post's face
        if (ImGui::Selectable(line.c_str(), app.selected == i)) view_dispatch(app, view_event::Open{c.ids[i]});
        ImGui::PopFont();
        ImGui::PopID();
        ++shown;
    }
    if (shown == 0) ImGui::TextDisabled("%s", ui(app, Ui::NoBookmarks));
    ImGui::Separator();
    if (ImGui::Selectable(ui(app, Ui::ExportMarks))) page_export_marks();
    note_control(app, "export");
    if (ImGui::Selectable(ui(app, Ui::ImportMarks))) page_import_marks();
    note_control(app, "import");
}

std::string theme_label(const App& app) { return std::string(ui(app, app.dark ? Ui::ThemeLight : Ui::ThemeDark)) + "###theme"; }

std::string bookmarks_label(const App& app) {
    return ui(app, Ui::BookmarksCount, {std::to_string(app.marks.marks.bookmarks.size())}) + "###bookmarks";
}

// Until the page's script says how the copy stands, the button says what it does.
std::string offline_label(const App& app) {
    if (!app.offline_label.empty()) return app.offline_label + "###offline";
    return app.offline_offered ? std::string(ui(app, Ui::OfflineButton)) + "###offline" : "";
}

std::string language_label(const App& app) {
    return std::string(ui(app, kLanguageNames[static_cast<std::size_t>(app.lang)])) + "###language";
}

// The language switch: the current language's name; its menu lists each language in its own words.
void language_switch(App& app) {
    const std::string label = language_label(app);
    same_line_or_wrap(button_width(label.c_str()));
    if (ImGui::SmallButton(label.c_str())) ImGui::OpenPopup("language");
    const ImVec2 corner = ImGui::GetItemRectMax();
    note_control(app, "language");
    sem_item(app, "language", SemRole::Button, ui(app, Ui::LanguageTip));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::LanguageTip));
    if (!begin_popup_under("language", corner)) return;
    for (std::size_t l = 0; l < kUiLanguageCount; ++l) {
        const auto lang = static_cast<UiLanguage>(l);
        if (ImGui::Selectable(ui(app, kLanguageNames[l]), app.lang == lang)) language_set(app, lang);
        note_control(app, (std::string("language_") + ui_language_code(lang)).c_str());
    }
    ImGui::EndPopup();
}

// What the last export or import did, for a moment, before the buttons: on wide screens cut short
// ("…") where the buttons begin, so it moves nothing; its whole text is its tooltip.
void marks_message(App& app) {
    const std::string& text = app.marks.message;
    if (text.empty()) return;
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    if (app.layout.narrow) {
        same_line_or_wrap(width);
        ImGui::TextDisabled("%s", text.c_str());
        return;
    }
    ImGui::SameLine();
    const float room = ImGui::GetContentRegionMax().x - toolbar_width(app) - ImGui::GetCursorPosX();
    if (room < ImGui::GetFontSize() * 3.0f) return;  // no room to say anything readable
    ImGui::AlignTextToFramePadding();
    if (!text_fitted(text, room, true)) return;
    glyphs_want_ui(app, kEllipsis);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

// On wide screens the buttons keep to the row's right edge, placed by this frame's labels (so a
// button appearing, or a count beside the search box, moves nothing for a frame).
void toolbar_start(const App& app, float first_width) {
    if (!app.layout.narrow) {
        ImGui::SameLine();
        const float right = ImGui::GetContentRegionMax().x - toolbar_width(app) + ImGui::GetStyle().ItemSpacing.x;
        if (right >= ImGui::GetCursorPosX()) {
            ImGui::SameLine(right);
            return;
        }
    }
    same_line_or_wrap(first_width);
}

}  // namespace

float toolbar_width(const App& app) {
    float width = 0.0f;
    for (const std::string& label : {theme_label(app), bookmarks_label(app), export_label(app), stats_label(app),
                                     offline_label(app), language_label(app)})
        if (!label.empty()) width += button_width(label.c_str()) + ImGui::GetStyle().ItemSpacing.x;
    return width;
}

void panel_toolbar(App& app) {
    marks_message(app);
    const std::string theme = theme_label(app);
    toolbar_start(app, button_width(theme.c_str()));
    if (ImGui::SmallButton(theme.c_str())) {
        theme_apply(app, !app.dark);
        page_save_theme(app.dark);
    }
    note_control(app, "theme");
    sem_item(app, "theme", SemRole::Button, ui(app, app.dark ? Ui::ThemeLightTip : Ui::ThemeDarkTip));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, app.dark ? Ui::ThemeLightTip : Ui::ThemeDarkTip));
    const std::string marks = bookmarks_label(app);
    same_line_or_wrap(button_width(marks.c_str()));
    if (ImGui::SmallButton(marks.c_str())) ImGui::OpenPopup("bookmarks");
    const ImVec2 corner = ImGui::GetItemRectMax();
    note_control(app, "bookmarks");
    sem_item(app, "bookmarks", SemRole::Button, marks.substr(0, marks.find("###")));
    if (begin_popup_under("bookmarks", corner)) {
        bookmarks_popup(app);
        ImGui::EndPopup();
    }
    panel_export(app);
    stats_toggle(app);
    if (const std::string offline = offline_label(app); !offline.empty()) {  // over http(s): the reader's choice
        same_line_or_wrap(button_width(offline.c_str()));
        if (ImGui::SmallButton(offline.c_str())) page_offline_open();
        note_control(app, "offline");
        sem_item(app, "offline", SemRole::Button, offline.substr(0, offline.find("###")));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::OfflineTip));
    }
    language_switch(app);
}

}  // namespace folio

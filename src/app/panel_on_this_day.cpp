// On this day: the posts of one month and day in every year of the archive. A button in the
// timeline's header opens a menu (today, or any day from a small calendar); while it is on, a row
// under the header gives the posts per year, each a button that keeps that year alone.
#include <algorithm>
#include <string>

#include "app.h"
#include "folio/date.h"
#include "page.h"

namespace folio {
namespace {

constexpr int kDaysInMonth[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // 29 February: leap years

std::string month_day_text(const App& app, MonthDay md) { return format_month_day_in(app.lang, md.month, md.day); }

DayRange year_range(std::int64_t year) {
    return {static_cast<std::int32_t>(days_from_civil(year, 1, 1)), static_cast<std::int32_t>(days_from_civil(year, 12, 31))};
}

// A button drawn as pressed while `on` (the style's own colours).
bool toggle_button(const char* label, bool on) {
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = ImGui::SmallButton(label);
    if (on) ImGui::PopStyleColor();
    return pressed;
}

// The month (< name >) and its days as a grid of buttons; a click turns on this day for it.
void day_picker(App& app) {
    ToolsState& t = app.tools;
    ImGui::TextDisabled("%s", ui(app, Ui::OnDayPick));
    if (ImGui::SmallButton("<##month")) t.pick_month = t.pick_month == 1 ? 12 : t.pick_month - 1;
    note_control(app, "onthisday_month_prev");
    sem_item(app, "onthisday_month_prev", SemRole::Button, ui(app, Ui::OnDayMonth) + std::string(" -1"));
    ImGui::SameLine();
    ImGui::TextUnformatted(format_month_name_in(app.lang, t.pick_month).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(">##month")) t.pick_month = t.pick_month == 12 ? 1 : t.pick_month + 1;
    note_control(app, "onthisday_month_next");
    sem_item(app, "onthisday_month_next", SemRole::Button, ui(app, Ui::OnDayMonth) + std::string(" +1"));
    t.pick_day = std::min(t.pick_day, kDaysInMonth[t.pick_month - 1]);
    const float cell = ImGui::CalcTextSize("00").x + ImGui::GetStyle().FramePadding.x * 2.0f;
    for (int d = 1; d <= kDaysInMonth[t.pick_month - 1]; ++d) {
        if ((d - 1) % 7 != 0) ImGui::SameLine();
        const MonthDay md{static_cast<std::uint8_t>(t.pick_month), static_cast<std::uint8_t>(d)};
        const bool on = current_view(app).filters.on_day == md;
        ImGui::PushID(d);
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(std::to_string(d).c_str(), ImVec2(cell, 0))) {
            t.pick_day = d;
            on_this_day_set(app, md);
            ImGui::CloseCurrentPopup();
        }
        if (on) ImGui::PopStyleColor();
        ImGui::PopID();
        const std::string key = "onthisday_day_" + std::to_string(d);
        note_control(app, key.c_str());
        sem_item(app, key.c_str(), SemRole::Button, month_day_text(app, md), "filters", on ? 1 : -1);
    }
}

void on_this_day_menu(App& app) {
    ToolsState& t = app.tools;
    const MonthDay today = month_day_of(page_today());
    if (!t.picked) {
        t.pick_month = today.month;
        t.pick_day = today.day;
        t.picked = true;
    }
    const std::string today_label = ui(app, Ui::OnDayToday, {month_day_text(app, today)}) + "###onthisday_today";
    if (ImGui::Selectable(today_label.c_str(), current_view(app).filters.on_day == today)) on_this_day_set(app, today);
    note_control(app, "onthisday_today");
    sem_item(app, "onthisday_today", SemRole::Button, today_label.substr(0, today_label.find("###")), "filters");
    ImGui::Separator();
    day_picker(app);
    if (current_view(app).filters.on_day) {
        ImGui::Separator();
        if (ImGui::Selectable((std::string(ui(app, Ui::Clear)) + "###onthisday_clear").c_str())) on_this_day_set(app, std::nullopt);
        note_control(app, "onthisday_clear");
        sem_item(app, "onthisday_clear", SemRole::Button, ui(app, Ui::Clear), "filters");
    }
}

}  // namespace

void on_this_day_set(App& app, std::optional<MonthDay> day) { view_dispatch(app, view_event::OnDay{day}); }

void on_this_day_button(App& app) {
    const std::optional<MonthDay> on = current_view(app).filters.on_day;
    const std::string label = (on ? std::string(ui(app, Ui::OnThisDay)) + ": " + month_day_text(app, *on)
                                  : std::string(ui(app, Ui::OnThisDay))) + "###onthisday";
    if (toggle_button(label.c_str(), on.has_value())) ImGui::OpenPopup("onthisday_menu");
    note_control(app, "onthisday");
    sem_item(app, "onthisday", SemRole::Button, label.substr(0, label.find("###")), "filters", on ? 1 : 0);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::OnThisDayTip));
    if (ImGui::BeginPopup("onthisday_menu")) {
        on_this_day_menu(app);
        ImGui::EndPopup();
    }
}

void on_this_day_years(App& app) {
    const std::optional<MonthDay> on = current_view(app).filters.on_day;
    if (!on) return;
    const BrowseIndex& x = app.browse.index;
    const std::vector<YearCount> years = year_counts(app.browse.result.day_counts, x.first_day);
    const std::string day = month_day_text(app, *on);
    ImGui::AlignTextToFramePadding();
    if (years.empty()) {
        ImGui::TextDisabled("%s", ui(app, Ui::OnDayNone, {day}).c_str());
        return;
    }
    ImGui::TextDisabled("%s", ui(app, Ui::OnDayShowing, {day}).c_str());
    const std::optional<DayRange> days = current_view(app).filters.days;
    for (const YearCount& y : years) {
        const std::string label = std::to_string(y.year) + " · " + std::to_string(y.count);
        const std::string key = "onthisday_year_" + std::to_string(y.year);
        same_line_or_wrap(button_width(label.c_str()));
        const DayRange range = year_range(y.year);
        const bool chosen = days == range;
        if (toggle_button((label + "###" + key).c_str(), chosen)) set_days(app, chosen ? std::nullopt : std::optional<DayRange>(range));
        note_control(app, key.c_str());
        sem_item(app, key.c_str(), SemRole::Button, label, "filters", chosen ? 1 : 0);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", ui(app, Ui::OnDayYearTip, {std::to_string(y.count), format_year_in(app.lang, y.year) + " " + day}).c_str());
    }
}

}  // namespace folio

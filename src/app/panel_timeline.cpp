// The timeline: posts per day, week or month (chosen by zoom) over the archive's span, the current
// selection drawn over all posts. Drag to select a range, click a bar to filter to it, wheel to
// zoom, Shift+drag (or right-drag, or Shift+wheel) to pan.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "folio/date.h"

namespace folio {
namespace {

constexpr float kMinBarPx = 5.0f;

std::string month_text(const App& app, std::int32_t day) {
    const CivilTime t = civil_from_unix(std::int64_t{day} * 86400);
    return format_month_in(app.lang, t.year, t.month);
}

std::string bar_label(const App& app, const TimelineBar& bar, TimeBucket bucket) {
    if (bucket == TimeBucket::Month) return month_text(app, bar.first);
    if (bucket == TimeBucket::Day) return ui_day(app, bar.first);
    return ui(app, Ui::WeekOf, {ui_day(app, bar.first)});
}

// Keeps the view inside the archive's span (with a little room) and at least a week wide.
void clamp_view(TimelineState& t, const BrowseIndex& x) {
    const std::int32_t lo = x.first_day - 3, hi = x.last_day + 3;
    std::int32_t span = std::clamp(t.view_last - t.view_first + 1, 7, hi - lo + 1);
    t.view_first = std::clamp(t.view_first, lo, std::max(lo, hi - span + 1));
    t.view_last = t.view_first + span - 1;
}

// A zoom or pan that moves the view ends the fit (one that moves nothing, at the edges, keeps it).
void view_moved(TimelineState& t, const BrowseIndex& x, std::int32_t first, std::int32_t last) {
    clamp_view(t, x);
    if (t.view_first != first || t.view_last != last) t.fit = false;
}

void view_zoom(TimelineState& t, const BrowseIndex& x, float factor, std::int32_t around) {
    const std::int32_t first = t.view_first, last = t.view_last;
    const double span = std::max(7.0, (t.view_last - t.view_first + 1) * static_cast<double>(factor));
    const double k = (around - t.view_first) / static_cast<double>(t.view_last - t.view_first + 1);
    t.view_first = static_cast<std::int32_t>(std::lround(around - k * span));
    t.view_last = static_cast<std::int32_t>(std::lround(t.view_first + span - 1));
    view_moved(t, x, first, last);
}

void view_pan(TimelineState& t, const BrowseIndex& x, std::int32_t by_days) {
    const std::int32_t first = t.view_first, last = t.view_last;
    t.view_first += by_days;
    t.view_last += by_days;
    view_moved(t, x, first, last);
}

// The row above the bars: what is shown, the range filter, pan and zoom buttons.
void timeline_header(App& app, const std::optional<DayRange>& days) {
    TimelineState& t = app.timeline;
    const BrowseIndex& x = app.browse.index;
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    const Ui by = t.bucket == TimeBucket::Day ? Ui::TimelineByDay : t.bucket == TimeBucket::Week ? Ui::TimelineByWeek : Ui::TimelineByMonth;
    ImGui::TextDisabled("%s", ui(app, by, {ui_day(app, t.view_first), ui_day(app, t.view_last)}).c_str());
    ImGui::SameLine();
    on_this_day_button(app);
    if (days) {
        ImGui::SameLine();
        ImGui::Text("  %s", ui(app, Ui::TimelineShowing, {ui_day(app, days->first), ui_day(app, days->last)}).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("x##range")) set_days(app, std::nullopt);
        note_control(app, "timeline_clear");
    sem_item(app, "timeline_clear", SemRole::Button, "Clear the date range", "filters");
    }
    const std::int32_t half = std::max(1, (t.view_last - t.view_first + 1) / 2);
    const std::int32_t middle = (t.view_first + t.view_last) / 2;
    // At the right edge; on their own line when the text leaves no room (phones).
    ImGui::SameLine();
    const float right_x = ImGui::GetContentRegionMax().x - em * 9.5f;
    if (ImGui::GetCursorPosX() + em > right_x) ImGui::NewLine();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right_x));
    // Half a view earlier or later: panning for touch screens, which have no Shift or right button.
    if (ImGui::SmallButton("<##pan")) view_pan(t, x, -half);
    note_control(app, "pan_earlier");
    sem_item(app, "pan_earlier", SemRole::Button, "Timeline: earlier", "filters");
    ImGui::SameLine();
    if (ImGui::SmallButton(">##pan")) view_pan(t, x, half);
    note_control(app, "pan_later");
    sem_item(app, "pan_later", SemRole::Button, "Timeline: later", "filters");
    ImGui::SameLine();
    if (ImGui::SmallButton("-##zoom")) view_zoom(t, x, 2.0f, middle);
    note_control(app, "zoom_out");
    sem_item(app, "zoom_out", SemRole::Button, "Timeline: zoom out", "filters");
    ImGui::SameLine();
    if (ImGui::SmallButton("+##zoom")) view_zoom(t, x, 0.5f, middle);
    note_control(app, "zoom_in");
    sem_item(app, "zoom_in", SemRole::Button, "Timeline: zoom in", "filters");
    ImGui::SameLine();
    if (ImGui::SmallButton((std::string(ui(app, Ui::ZoomAll)) + "###zoom_all").c_str())) t.fit = true;
    note_control(app, "zoom_all");
    sem_item(app, "zoom_all", SemRole::Button, "Timeline: the whole archive", "filters");
}

// The bars' rectangle, the days across it and the bars of the view as it was laid out (span is its
// width then); positions follow the view's first day as a zoom or pan in this frame moves it.
struct Plot {
    const TimelineState* t = nullptr;
    ImVec2 p0, p1;
    double span = 1;
    bool hovered = false;
    std::vector<TimelineBar> all, sel;  // every post's bars, the selection's
    float x_of(std::int32_t day) const { return p0.x + static_cast<float>((day - t->view_first) / span) * (p1.x - p0.x); }
    std::int32_t day_at(float px) const {
        return t->view_first + static_cast<std::int32_t>(std::floor((px - p0.x) / (p1.x - p0.x) * span));
    }
};

// The bars' item (it takes the presses), its rectangle, the bucket its width allows and the bars.
Plot timeline_plot(App& app) {
    TimelineState& t = app.timeline;
    const float em = ImGui::GetFontSize();
    const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 50.0f), std::max(ImGui::GetContentRegionAvail().y, em * 2.0f));
    ImGui::InvisibleButton("##bars", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    note_control(app, "timeline");
    Plot plot{&t, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), static_cast<double>(t.view_last - t.view_first + 1),
              ImGui::IsItemHovered(), {}, {}};
    t.plot_min = plot.p0;
    t.plot_max = plot.p1;
    t.bucket = bucket_for_zoom(static_cast<std::int32_t>(plot.span), plot.p1.x - plot.p0.x, kMinBarPx);
    const BrowseIndex& x = app.browse.index;
    plot.all = timeline_bars(x.day_counts_all, x.first_day, t.view_first, t.view_last, t.bucket);
    plot.sel = timeline_bars(app.browse.result.day_counts, x.first_day, t.view_first, t.view_last, t.bucket);
    return plot;
}

// On the bars' item: the wheel zooms (pans with Shift), a drag selects days or pans, press and
// release on the same spot picks a bar.
void timeline_interact(App& app, const Plot& plot, const std::optional<DayRange>& days) {
    TimelineState& t = app.timeline;
    const BrowseIndex& x = app.browse.index;
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = plot.hovered;
    const std::int32_t mouse_day = plot.day_at(io.MousePos.x);
    if (hovered && io.MouseWheel != 0.0f && !io.KeyShift) view_zoom(t, x, std::pow(0.8f, io.MouseWheel), mouse_day);
    const float pan_wheel = io.KeyShift ? io.MouseWheel : io.MouseWheelH;
    if (hovered && pan_wheel != 0.0f) view_pan(t, x, static_cast<std::int32_t>(std::lround(-pan_wheel * plot.span * 0.1)));
    if (ImGui::IsItemActivated()) {
        t.panning = io.KeyShift || ImGui::IsMouseClicked(ImGuiMouseButton_Right);
        t.selecting = !t.panning;
        t.drag_from = t.drag_to = mouse_day;
        t.pan_anchor_x = io.MousePos.x;
        t.pan_anchor_first = t.view_first;
    }
    if (ImGui::IsItemActive()) {
        if (t.panning) {
            const auto shift = static_cast<std::int32_t>(std::lround((t.pan_anchor_x - io.MousePos.x) / (plot.p1.x - plot.p0.x) * plot.span));
            const std::int32_t first = t.view_first, last = t.view_last;
            t.view_first = t.pan_anchor_first + shift;
            t.view_last = t.view_first + (last - first);
            view_moved(t, x, first, last);
        } else if (t.selecting) {
            t.drag_to = std::clamp(mouse_day, t.view_first, t.view_last);
        }
    }
    if (ImGui::IsItemDeactivated()) {
        if (t.selecting) {
            const bool click = io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 16.0f;
            const std::int32_t a = std::min(t.drag_from, t.drag_to), b = std::max(t.drag_from, t.drag_to);
            const DayRange range{bucket_of(a, t.bucket).first, bucket_of(b, t.bucket).last};
            // A click on the bar already chosen clears it.
            if (click && days && *days == range) set_days(app, std::nullopt);
            else set_days(app, range);
        }
        t.selecting = t.panning = false;
    }
}

// Every post's bars, the selection's over them; returns the bar under the pointer.
std::optional<std::size_t> draw_bars(ImDrawList* dl, const Plot& plot) {
    const ImGuiIO& io = ImGui::GetIO();
    const auto& all = plot.all;
    const auto& sel = plot.sel;
    const bool hovered = plot.hovered;
    const ImVec2 p0 = plot.p0, p1 = plot.p1;
    std::uint32_t top = 1;
    for (const auto& bar : all) top = std::max(top, bar.count);
    // Square-root heights, so a narrow selection still shows against the whole archive.
    const auto height = [&](std::uint32_t n) { return n == 0 ? 0.0f : std::max(1.5f, std::sqrt(static_cast<float>(n) / static_cast<float>(top)) * (p1.y - p0.y - 2.0f)); };
    // Opaque: the contrast checked (folio/palette.h) is the contrast drawn.
    const ImU32 all_color = palette().bar, sel_color = palette().bar_hit, hover_color = palette().bar_hover;
    std::optional<std::size_t> hovered_bar;
    for (std::size_t k = 0; k < all.size(); ++k) {
        const float a = plot.x_of(all[k].first), b = std::max(a + 1.0f, plot.x_of(all[k].last + 1) - 1.0f);
        const bool over = hovered && io.MousePos.x >= a && io.MousePos.x < b + 1.0f;
        if (over) hovered_bar = k;
        dl->AddRectFilled(ImVec2(a, p1.y - height(all[k].count)), ImVec2(b, p1.y), all_color);
        dl->AddRectFilled(ImVec2(a, p1.y - height(sel[k].count)), ImVec2(b, p1.y), over ? hover_color : sel_color);
    }
    return hovered_bar;
}

// Years along the top (months once zoomed in under about a year), spaced to stay legible.
void draw_date_labels(const App& app, ImDrawList* dl, const Plot& plot) {
    const TimelineState& t = *plot.t;
    const bool by_month = plot.span < 400;
    float last_label = -1e9f;
    for (std::int32_t d = bucket_of(t.view_first, TimeBucket::Month).first; d <= t.view_last; d = bucket_of(d, TimeBucket::Month).last + 1) {
        const CivilTime civil = civil_from_unix(std::int64_t{d} * 86400);
        if (!by_month && civil.month != 1) continue;
        const float px = plot.x_of(d);
        const std::string label = by_month ? format_month_in(app.lang, civil.year, civil.month) : format_year_in(app.lang, civil.year);
        if (px < plot.p0.x || px - last_label < ImGui::CalcTextSize(label.c_str()).x + 12.0f) continue;
        dl->AddLine(ImVec2(px, plot.p0.y), ImVec2(px, plot.p1.y), ImGui::GetColorU32(ImGuiCol_Text, 0.15f));
        // On the plot's own colour, over the tall bars too: the contrast checked (folio/palette.h) is the one drawn.
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        dl->AddRectFilled(ImVec2(px + 1.0f, plot.p0.y), ImVec2(px + size.x + 5.0f, plot.p0.y + size.y + 1.0f), palette().plot);
        dl->AddText(ImVec2(px + 3.0f, plot.p0.y + 1.0f), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
        last_label = px;
    }
}

// The bars, the date labels, the range being dragged (or the one chosen) shaded, and a tooltip.
void timeline_draw(App& app, const Plot& plot, const std::optional<DayRange>& days) {
    const TimelineState& t = app.timeline;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(plot.p0, plot.p1, true);
    dl->AddRectFilled(plot.p0, plot.p1, palette().plot);
    const std::optional<std::size_t> hovered_bar = draw_bars(dl, plot);
    draw_date_labels(app, dl, plot);
    const auto shade = [&](std::int32_t first, std::int32_t last, float alpha) {
        dl->AddRectFilled(ImVec2(plot.x_of(first), plot.p0.y), ImVec2(plot.x_of(last + 1), plot.p1.y), ImGui::GetColorU32(ImGuiCol_Text, alpha));
    };
    if (t.selecting && ImGui::IsItemActive() && t.drag_from != t.drag_to)
        shade(bucket_of(std::min(t.drag_from, t.drag_to), t.bucket).first, bucket_of(std::max(t.drag_from, t.drag_to), t.bucket).last, 0.18f);
    else if (days) shade(days->first, days->last, 0.12f);
    dl->PopClipRect();
    if (hovered_bar && !ImGui::IsItemActive()) {
        const auto k = *hovered_bar;
        ImGui::SetTooltip("%s", ui(app, Ui::BarTip, {bar_label(app, plot.all[k], t.bucket), std::to_string(plot.sel[k].count),
                                                      std::to_string(plot.all[k].count)}).c_str());
    }
}

}  // namespace

void panel_timeline(App& app) {
    TimelineState& t = app.timeline;
    const BrowseIndex& x = app.browse.index;
    if (x.last_day < x.first_day) {
        ImGui::TextDisabled("%s", ui(app, Ui::NoDatedPosts));
        return;
    }
    if (t.fit) {
        t.view_first = x.first_day;
        t.view_last = x.last_day;
    }
    clamp_view(t, x);
    const std::optional<DayRange>& days = current_view(app).filters.days;
    timeline_header(app, days);
    on_this_day_years(app);
    const Plot plot = timeline_plot(app);
    timeline_interact(app, plot, days);
    timeline_draw(app, plot, days);
}

}  // namespace folio

// Per-source statistics of the list (folio/source_stats.h), in the reader's place while open: posts
// per source over time as stacked bars, each source's share of the list, and its top tags. All of it
// follows the filters and the query, as the list does; a source or a tag is a filter one click away.
#include <algorithm>
#include <cmath>
#include <string>

#include "app.h"
#include "folio/date.h"

namespace folio {
namespace {

// Series colours: the theme's link colour turned round the hue circle; the sources past the top
// ones and posts without a source are drawn in the theme's dimmed text colour.
ImU32 series_color(const SourceSeries& s, std::size_t k, std::size_t n) {
    if (s.site == kOtherSources || s.site == kNoSource) return ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImVec4 base = palette().link;
    float h = 0, sat = 0, v = 0;
    ImGui::ColorConvertRGBtoHSV(base.x, base.y, base.z, h, sat, v);
    h = std::fmod(h + static_cast<float>(k) / static_cast<float>(std::max<std::size_t>(n, 1)), 1.0f);
    ImVec4 c(0, 0, 0, 1);
    ImGui::ColorConvertHSVtoRGB(h, std::max(sat, 0.45f), std::max(v, 0.6f), c.x, c.y, c.z);
    return ImGui::GetColorU32(c);
}

std::string series_name(const App& app, const SourceSeries& s) {
    if (s.site == kOtherSources) return ui(app, Ui::StatsOther, {std::to_string(s.sources)});
    if (s.site == kNoSource) return ui(app, Ui::StatsNoSource);
    return s.site < app.manifest.sites.size() ? app.manifest.sites[s.site] : std::string();
}

void swatch(ImU32 color) {
    const float em = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + em * 0.2f), ImVec2(p.x + em * 0.8f, p.y + em), color, 2.0f);
    ImGui::Dummy(ImVec2(em, em));
    ImGui::SameLine();
}

// Months per bar: the fewest (1, 3, 6, 12, then whole multiples of years) that keep bars at least min_px wide.
std::size_t months_per_bar(std::size_t months, float width, float min_px) {
    constexpr std::size_t kSteps[] = {1, 3, 6, 12};
    for (std::size_t k : kSteps)
        if (static_cast<float>(months) / static_cast<float>(k) * min_px <= width) return k;
    return 12 * static_cast<std::size_t>(std::ceil(static_cast<float>(months) * min_px / width / 12.0f));
}

// The bars: per group of months, each series' posts stacked, most posts at the bottom.
void stacked_bars(App& app, const SourceStats& st) {
    const float em = ImGui::GetFontSize();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em * 10.0f), height = em * 7.0f;
    const std::size_t per = months_per_bar(std::max<std::size_t>(st.months, 1), width, 6.0f);
    const std::size_t bars = (st.months + per - 1) / per;
    ImGui::InvisibleButton("##stats_bars", ImVec2(width, height));
    note_control(app, "stats_bars");
    const ImVec2 p0 = ImGui::GetItemRectMin(), p1 = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
    std::vector<std::uint32_t> totals(bars, 0);
    for (const auto& s : st.series)
        for (std::size_t m = 0; m < s.per_month.size(); ++m) totals[m / per] += s.per_month[m];
    const std::uint32_t top = std::max<std::uint32_t>(1, bars ? *std::max_element(totals.begin(), totals.end()) : 1);
    const float bar_w = width / static_cast<float>(std::max<std::size_t>(bars, 1));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t b = 0; b < bars; ++b) {
        const float x0 = p0.x + bar_w * static_cast<float>(b), x1 = std::max(x0 + 1.0f, x0 + bar_w - 1.0f);
        float y = p1.y;
        for (std::size_t k = 0; k < st.series.size(); ++k) {
            std::uint32_t n = 0;
            for (std::size_t m = b * per; m < std::min(st.months, (b + 1) * per); ++m) n += st.series[k].per_month[m];
            if (n == 0) continue;
            const float h = static_cast<float>(n) / static_cast<float>(top) * (height - 2.0f);
            dl->AddRectFilled(ImVec2(x0, y - h), ImVec2(x1, y), series_color(st.series[k], k, st.series.size()));
            if (ImGui::IsItemHovered() && mouse.x >= x0 && mouse.x < x0 + bar_w && mouse.y >= y - h && mouse.y < y) {
                const std::int64_t first = st.first_month + static_cast<std::int64_t>(b * per);
                const CivilTime t = civil_from_unix(std::int64_t{month_first_day(first)} * 86400);
                const std::string when = per >= 12 ? format_year_in(app.lang, t.year) : format_month_in(app.lang, t.year, t.month);
                ImGui::SetTooltip("%s", ui(app, Ui::StatsBarTip, {series_name(app, st.series[k]), when, std::to_string(n)}).c_str());
            }
            y -= h;
        }
    }
}

// Each source's share of the list: a bar, the count and the percentage; a source's name filters by it.
void shares(App& app, const SourceStats& st) {
    const float em = ImGui::GetFontSize();
    for (std::size_t k = 0; k < st.series.size(); ++k) {
        const SourceSeries& s = st.series[k];
        const ImU32 color = series_color(s, k, st.series.size());
        swatch(color);
        const std::string name = series_name(app, s);
        const std::string key = "stats_source_" + std::to_string(k);
        const bool site = s.site != kOtherSources && s.site != kNoSource;
        if (ImGui::Selectable((name + "###" + key).c_str(), site && facet_selected(app, Facet::Source, name), 0, ImVec2(em * 11.0f, 0)) && site)
            facet_toggle(app, Facet::Source, name);
        note_control(app, key.c_str());
        const double share = st.total ? 100.0 * s.count / static_cast<double>(st.total) : 0.0;
        char pct[32];
        std::snprintf(pct, sizeof pct, "%u (%.1f%%)", s.count, share);
        sem_item(app, key.c_str(), SemRole::Button, name + ": " + pct, "", site && facet_selected(app, Facet::Source, name) ? 1 : 0);
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float full = std::max(em * 4.0f, ImGui::GetContentRegionAvail().x - em * 7.0f);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + em * 0.25f), ImVec2(p.x + full, p.y + em * 0.95f), ImGui::GetColorU32(ImGuiCol_FrameBg));
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + em * 0.25f), ImVec2(p.x + full * static_cast<float>(share / 100.0), p.y + em * 0.95f), color);
        ImGui::Dummy(ImVec2(full, em));
        ImGui::SameLine();
        ImGui::TextUnformatted(pct);
    }
}

// Each source's most used tags in the list, each a tag filter.
void top_tags(App& app, const SourceStats& st) {
    for (std::size_t k = 0; k < st.series.size(); ++k) {
        const SourceSeries& s = st.series[k];
        if (s.top_tags.empty()) continue;
        swatch(series_color(s, k, st.series.size()));
        ImGui::TextUnformatted(series_name(app, s).c_str());
        ImGui::Indent();
        for (std::size_t t = 0; t < s.top_tags.size(); ++t) {
            const std::string& tag = app.manifest.tags[s.top_tags[t].tag];
            const std::string label = "#" + tag + " " + std::to_string(s.top_tags[t].count);
            const std::string key = "stats_tag_" + std::to_string(k) + "_" + std::to_string(t);
            if (t) same_line_or_wrap(button_width(label.c_str()));
            if (ImGui::SmallButton((label + "###" + key).c_str())) facet_toggle(app, Facet::Tag, tag);
            note_control(app, key.c_str());
            sem_item(app, key.c_str(), SemRole::Button, series_name(app, s) + ": " + label, "", facet_selected(app, Facet::Tag, tag) ? 1 : 0);
        }
        ImGui::Unindent();
    }
}

}  // namespace

std::string stats_label(const App& app) { return std::string(ui(app, Ui::Statistics)) + "###stats"; }

void stats_toggle(App& app) {
    StatsState& st = app.stats;
    const std::string label = stats_label(app);
    same_line_or_wrap(button_width(label.c_str()));
    if (st.open) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = ImGui::SmallButton(label.c_str());
    if (st.open) ImGui::PopStyleColor();
    note_control(app, "stats");
    sem_item(app, "stats", SemRole::Button, ui(app, Ui::Statistics), "", st.open ? 1 : 0);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui(app, Ui::StatisticsTip));
    if (!pressed) return;
    st.open = !st.open;
    if (app.layout.narrow) app.layout.pane = st.open ? Pane::Stats : Pane::List;
}

void panel_stats(App& app) {
    const SourceStats& st = app.stats.stats;
    if (ImGui::SmallButton((std::string(ui(app, Ui::StatsClose)) + "###stats_close").c_str())) {
        app.stats.open = false;
        if (app.layout.narrow) app.layout.pane = Pane::List;
    }
    note_control(app, "stats_close");
    sem_item(app, "stats_close", SemRole::Button, ui(app, Ui::StatsClose), "article");
    std::uint32_t sources = 0;
    for (const auto& s : st.series) sources += s.sources;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().title);
    ImGui::TextUnformatted(ui(app, Ui::StatsTitle, {std::to_string(st.total), std::to_string(sources)}).c_str());
    ImGui::PopStyleColor();
    if (st.total == 0) {
        ImGui::TextDisabled("%s", ui(app, Ui::StatsEmpty));
        return;
    }
    ImGui::TextDisabled("%s", ui(app, Ui::StatsOverTime));
    if (st.months) stacked_bars(app, st);
    if (st.undated) ImGui::TextDisabled("%s", ui(app, Ui::StatsUndated, {std::to_string(st.undated)}).c_str());
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ui(app, Ui::StatsShare));
    shares(app, st);
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ui(app, Ui::StatsTopTags));
    top_tags(app, st);
}

}  // namespace folio

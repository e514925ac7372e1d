// window.folio.state(): what tests (and curious users) can read about the viewer.
#include <nlohmann/json.hpp>

#include "app.h"
#include "platform.h"
#include "text_bridge.h"
#include "folio/date.h"
#include "folio/palette.h"
#include "folio/utf8.h"
#include "folio/view_hash.h"

namespace folio {
namespace {

const char* phase_name(LoadPhase phase) {
    switch (phase) {
        case LoadPhase::Manifest: return "manifest";
        case LoadPhase::Metadata: return "metadata";
        case LoadPhase::Font: return "font";
        case LoadPhase::Ready: return "ready";
        case LoadPhase::Failed: return "error";
    }
    return "";
}

constexpr const char* kFacetKeys[kFacetCount] = {"tag", "category", "author", "source"};

std::string day_text(std::int32_t day) { return format_day(std::int64_t{day} * 86400, 0); }

// Filters, facet counts (up to 300 values a facet), timeline and layout: window.folio.state().browse.
nlohmann::json browse_json(const App& app) {
    using json = nlohmann::json;
    const BrowseState& b = app.browse;
    const Filters& f = current_view(app).filters;
    json filters = json::object();
    for (std::size_t k = 0; k < kFacetCount; ++k) filters[kFacetKeys[k]] = f.selected[k];
    filters["days"] = f.days ? json{day_text(f.days->first), day_text(f.days->last)} : json(nullptr);
    filters["on_this_day"] = f.on_day ? json(format_month_day(*f.on_day)) : json(nullptr);
    json years = json::array();  // on this day's posts per year (the row under the timeline's header)
    if (f.on_day)
        for (const YearCount& y : year_counts(b.result.day_counts, b.index.first_day)) years.push_back({y.year, y.count});
    filters["on_this_day_years"] = years;
    json facets = json::object();
    for (std::size_t k = 0; k < kFacetCount; ++k) {
        const auto& names = facet_names(app.manifest, static_cast<Facet>(k));
        json values = json::array();
        for (std::size_t r = 0; r < b.result.order[k].size() && r < 300; ++r) {
            const auto v = b.result.order[k][r];
            values.push_back({names[v], b.result.counts[k][v]});
        }
        facets[kFacetKeys[k]] = {{"values", values}, {"total", b.result.order[k].size()}};
    }
    json rows = json::array();
    for (const auto& r : app.facet_rows)
        rows.push_back({{"facet", kFacetKeys[static_cast<std::size_t>(r.facet)]},
                        {"name", facet_names(app.manifest, r.facet)[r.value]},
                        {"box", {r.min.x, r.min.y, r.max.x, r.max.y}}});
    json controls = json::object();
    for (const auto& [name, r] : app.controls) controls[name] = {r.x, r.y, r.z, r.w};
    const TimelineState& t = app.timeline;
    const char* bucket = t.bucket == TimeBucket::Day ? "day" : t.bucket == TimeBucket::Week ? "week" : "month";
    const bool dated = b.index.last_day >= b.index.first_day;
    const char* pane = app.layout.pane == Pane::List     ? "list"
                       : app.layout.pane == Pane::Reader ? "reader"
                       : app.layout.pane == Pane::Stats  ? "stats"
                                                         : "filters";
    const char* sort = current_view(app).sort == SortKey::Date ? "date" : current_view(app).sort == SortKey::Title ? "title" : "source";
    json first_rows = json::array();  // the list's first ids, in order
    for (std::size_t r = 0; r < b.result.posts.size() && r < 20; ++r) first_rows.push_back(app.catalog.ids[b.result.posts[r]]);
    return {{"matching", b.result.posts.size()}, {"considered", b.result.considered}, {"ms", b.last_ms},
            {"sort", sort}, {"ascending", current_view(app).ascending}, {"first_ids", first_rows},
            {"filters", filters}, {"facets", facets}, {"facet_rows", rows}, {"controls", controls},
            {"timeline", {{"first", dated ? json(day_text(b.index.first_day)) : json(nullptr)},
                          {"last", dated ? json(day_text(b.index.last_day)) : json(nullptr)},
                          {"view_first", dated && t.view_last >= t.view_first ? json(day_text(t.view_first)) : json(nullptr)},
                          {"view_last", dated && t.view_last >= t.view_first ? json(day_text(t.view_last)) : json(nullptr)},
                          {"view_days", t.view_last - t.view_first + 1},
                          {"bucket", bucket},
                          {"plot", {t.plot_min.x, t.plot_min.y, t.plot_max.x, t.plot_max.y}}}},
            {"layout", {{"narrow", app.layout.narrow}, {"pane", pane}, {"cards", app.list.cards}}}};
}

// The fonts' slices: how many files hold them, which arrived, the glyphs waiting for theirs.
nlohmann::json slices_json(const FontState& f) {
    std::size_t total = 0, arrived = 0;
    nlohmann::json by_file = nlohmann::json::array();
    for (const auto& file : f.sources.arrived) {
        nlohmann::json got = nlohmann::json::array();
        for (std::size_t k = 0; k < file.size(); ++k)
            if (file[k]) got.push_back(k);
        total += file.size();
        arrived += got.size();
        by_file.push_back(std::move(got));
    }
    return {{"total", total}, {"arrived", arrived}, {"arrived_by_file", by_file}, {"waiting", f.deferred.waiting},
            {"placeholders", f.placeholders.size()}, {"later_arrived", f.slices_arrived}};
}

// Glyphs the last frame drew as the light box of a slice not yet in (their quads' texture coordinates
// fall in the placeholder cell). Once the viewer is idle it must be 0: text on screen asks for its slice.
std::size_t placeholders_drawn(const FontState& f) {
    const ImDrawData* data = ImGui::GetDrawData();
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!data || f.placeholder_x < 0 || atlas->TexWidth <= 0 || atlas->TexHeight <= 0) return 0;
    const float u0 = static_cast<float>(f.placeholder_x) / static_cast<float>(atlas->TexWidth);
    const float v0 = static_cast<float>(f.placeholder_y) / static_cast<float>(atlas->TexHeight);
    const float u1 = static_cast<float>(f.placeholder_x + f.slot_side) / static_cast<float>(atlas->TexWidth);
    const float v1 = static_cast<float>(f.placeholder_y + f.slot_side) / static_cast<float>(atlas->TexHeight);
    std::size_t corners = 0;
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.uv.x >= u0 && v.uv.x <= u1 && v.uv.y >= v0 && v.uv.y <= v1) ++corners;
    return corners / 4;  // a glyph is a quad
}

// Frames on demand (pace.cpp): frames drawn, those drawn to the screen (the rest repeated its
// picture), times the viewer went to sleep, whether it is drawing.
nlohmann::json frames_json(const App& app) {
    return {{"drawn", app.pace.frames}, {"presented", app.frames_presented}, {"sleeps", app.pace.sleeps},
            {"awake", app.pace.settle > 0}};
}

// The atlas, on-demand glyphs and the browser's glyphs: window.folio.state().font.
nlohmann::json font_json(const FontState& f) {
    const BrowserGlyphs& b = f.browser;
    return {{"size", f.size_css_px}, {"baked_size", f.baked_size}, {"ratio", f.baked_for_ratio},
            {"atlas_width", f.atlas.width}, {"atlas_height", f.atlas.height}, {"glyphs", f.atlas.glyphs},
            {"build_ms", f.atlas.build_ms}, {"upload_ms", f.atlas.upload_ms}, {"uploaded_texels", f.atlas.uploaded_texels}, {"gpu_bytes", f.atlas.gpu_bytes},
            {"atlas_scale", f.atlas_scale}, {"max_side", f.max_side}, {"partial", f.partial}, {"slots", f.slots.size()},
            {"resident", f.residency.resident}, {"covered", f.residency.total},
            {"demand_glyphs", f.residency.demand_glyphs}, {"demand_ms", f.residency.demand_ms},
            {"pending", f.residency.pending}, {"deferred", f.deferred.glyphs.size()}, {"blank", f.deferred.left},
            {"rebuilds", f.residency.rebuilds}, {"rebuild_ms", f.residency.rebuild_ms},
            {"slices", slices_json(f)}, {"placeholders_drawn", placeholders_drawn(f)},
            {"browser", {{"on", f.browser_on}, {"cells", b.cells.size()}, {"drawn", b.count(BrowserVerdict::Drawn)},
                         {"blank", b.count(BrowserVerdict::Blank)}, {"missing", b.count(BrowserVerdict::Missing)},
                         {"no_room", b.count(BrowserVerdict::NoRoom)}, {"pending", b.pending}, {"colour", b.colour}}}};
}

// Code points of face i's ranges (and the fallback's) the baked font lacks, or holds only as a blank cell.
nlohmann::json glyph_face_check(const App& app, std::size_t i) {
    const ImFont* font = app.font.imgui_faces[i];
    std::size_t checked = 0, missing = 0;
    nlohmann::json examples = nlohmann::json::array();
    for (const auto* ranges : {&app.manifest.fonts[i].codepoints, &app.manifest.fallback.codepoints})
        for (const auto& r : *ranges)
            for (std::uint32_t cp = r.first; cp <= r.last; ++cp, ++checked) {
                if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) && !app.font.deferred.blank(i, cp)) continue;
                if (missing++ < 10) examples.push_back(cp);
            }
    return {{"face", app.manifest.fonts[i].name}, {"checked", checked}, {"missing", missing},
            {"examples", examples}, {"partial", app.font.partial}};
}

// Per-source statistics (panel_stats.cpp) as last computed: window.folio.state().stats.
nlohmann::json stats_json(const App& app) {
    using json = nlohmann::json;
    const SourceStats& st = app.stats.stats;
    json series = json::array();
    for (const SourceSeries& s : st.series) {
        json tags = json::array();
        for (const TagCount& t : s.top_tags) tags.push_back({app.manifest.tags[t.tag], t.count});
        std::uint32_t dated = 0;
        for (auto n : s.per_month) dated += n;
        const json source = s.site == kOtherSources ? json("(other)") : s.site == kNoSource ? json(nullptr) : json(app.manifest.sites[s.site]);
        series.push_back({{"source", source}, {"count", s.count}, {"sources", s.sources}, {"dated", dated},
                          {"per_month", s.per_month}, {"tags", tags}});
    }
    const bool any = st.months > 0;
    return {{"open", app.stats.open}, {"total", st.total}, {"undated", st.undated}, {"months", st.months},
            {"first_month", any ? json(format_day(std::int64_t{month_first_day(st.first_month)} * 86400, 0).substr(0, 7)) : json(nullptr)},
            {"series", series}, {"ms", app.stats.last_ms},
            {"for_generation", app.stats.computed_for ? json(*app.stats.computed_for) : json(nullptr)},
            {"browse_generation", app.browse.generation}};
}

// The theme's text/background pairs (folio/palette.h): {"selected_title": {"fg": "#..", "bg": "#..", "min": 4.5}, ...}.
nlohmann::json palette_json(bool dark) {
    nlohmann::json pairs = nlohmann::json::object();
    for (const ColourPair& p : palette_pairs(theme_palette(dark)))
        pairs[p.name] = {{"fg", hex(p.fg)}, {"bg", hex(p.bg)}, {"min", p.min_ratio}};
    return pairs;
}

// The reader's measure (folio/measure.h): the longest line of the open post in characters, the fullest
// against 45 wide / 75 narrow characters, and the text column within the pane.
nlohmann::json measure_json(const App& app) {
    const ReaderMeasure& m = app.measure;
    return {{"chars_per_line", app.sem.layer.longest}, {"measure_fill", app.sem.layer.fill}, {"wide_share", m.share}, {"em", m.em},
            {"column", {m.column.x, m.column.y, m.column.z, m.column.w}}, {"pane", {m.pane.x, m.pane.y, m.pane.z, m.pane.w}}};
}

}  // namespace

std::string glyph_check_json(const App& app) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < app.font.imgui_faces.size() && i < app.manifest.fonts.size(); ++i)
        out.push_back(glyph_face_check(app, i));
    return out.dump();
}

std::string glyph_draw_check_json(App& app, std::size_t face, std::string_view text) {
    using json = nlohmann::json;
    if (face >= app.font.imgui_faces.size()) return R"({"error":"no such face"})";
    CodepointSet cps;
    add_codepoints(cps, text);
    cps.erase('\n');
    cps.erase('\t');
    fonts_bring_in(app, face, cps);  // as if the text were on screen
    const ImFont* font = app.font.imgui_faces[face];
    std::size_t covered_fallback = 0;
    json covered_examples = json::array(), uncovered = json::array();
    for (char32_t cp : cps) {
        // What ImGui draws for cp: its glyph, or the font's fallback glyph.
        const bool fell_back = font->FindGlyph(static_cast<ImWchar>(cp)) == font->FallbackGlyph && cp != font->FallbackChar;
        if (!fell_back) continue;
        if (glyph_source_file(app.font.sources, face, cp) < 0) uncovered.push_back(cp);
        else if (covered_fallback++ < 10) covered_examples.push_back(cp);
    }
    const ImFontGlyph* replacement = font->FallbackGlyph;
    return json{{"checked", cps.size()}, {"covered_fallback", covered_fallback}, {"covered_examples", covered_examples},
                {"uncovered", uncovered}, {"replacement", font->FallbackChar},
                {"replacement_visible", replacement && replacement->Visible}}.dump();
}

std::string draw_check_json(App& app, std::string_view text) {
    using json = nlohmann::json;
    CodepointSet cps;
    add_codepoints(cps, text);
    cps.erase('\n');
    cps.erase('\t');
    json missing = json::array();
    if (app.font.imgui_faces.empty()) {  // no glyph is drawn before the fonts are in
        for (char32_t cp : cps) missing.push_back(cp);
        return json{{"missing", missing}, {"ready", false}}.dump();
    }
    // The UI face: it merges every font of the site, so what it lacks no site font has.
    fonts_bring_in(app, 0, cps);
    const ImFont* font = app.font.imgui_faces[0];
    json waiting = json::array();  // drawn as a placeholder until their font slice arrives
    for (char32_t cp : cps) {
        if (font->FindGlyph(static_cast<ImWchar>(cp)) == font->FallbackGlyph && cp != font->FallbackChar) missing.push_back(cp);
        else if (glyph_source_file(app.font.sources, 0, cp) >= 0 && !glyph_at_hand(app.font.sources, 0, cp)) waiting.push_back(cp);
    }
    return json{{"missing", missing}, {"waiting", waiting}, {"ready", true}, {"checked", cps.size()}}.dump();
}

// Related coverage: the file's state, the open post's copies (ids) and the compare's result.
static nlohmann::json related_state_json(const App& app) {
    using json = nlohmann::json;
    const RelatedState& r = app.related;
    json copies = json::array();
    if (app.selected)
        for (const std::size_t other : related_of(app, *app.selected)) copies.push_back(app.catalog.ids[other]);
    json out = {{"loaded", r.loaded}, {"error", r.error}, {"posts_with_copies", 0}, {"copies", copies},
                {"fold", current_view(app).fold_copies}, {"compare", nullptr}};
    std::size_t with = 0;
    for (std::size_t p = 0; p < r.lists.posts(); ++p) with += r.lists.of(static_cast<std::uint32_t>(p)).empty() ? 0 : 1;
    out["posts_with_copies"] = with;
    if (r.compare_with && app.selected) {
        json compare = {{"with", app.catalog.ids[*r.compare_with]}, {"ready", false}};
        if (const auto* marks = compare_marks(app, *app.selected)) {
            json here = json::array();  // the marked strings, in reading order
            if (const auto* b = post_blocks(app, *app.selected, nullptr))
                for (std::size_t k = 0; k < marks->size() && k < b->size(); ++k)
                    for (const auto& [hb, he] : (*marks)[k]) here.push_back((*b)[k].text.substr(hb, he - hb));
            compare = {{"with", app.catalog.ids[*r.compare_with]}, {"ready", true}, {"aligned", r.compare.aligned},
                       {"only_here", here}, {"only_there", r.compare.only_there}};
        }
        out["compare"] = compare;
    }
    return out;
}

const std::string& app_state_json(App& app) {
    using json = nlohmann::json;
    json rows = json::array();
    for (const auto& r : app.visible_rows) {
        json row = {{"index", r.post}, {"id", app.catalog.ids[r.post]}, {"title", app.catalog.titles[r.post]},
                    {"y0", r.y0}, {"y1", r.y1}, {"x0", r.x0}, {"x1", r.x1}};
        const auto snippet = app.search.snippets.find(r.post);  // the search snippet the list shows
        if (app.search.active && snippet != app.search.snippets.end()) row["snippet"] = snippet->second.text;
        if (app.list.cards) row["card"] = {{"lines", r.lines}, {"meta", r.meta}};  // as a card drew them
        if (!app.browse.copies.empty())  // folded: the copies counted in the row
            if (const auto at = list_row_of(app, r.post)) row["copies"] = list_copies(app, *at);
        rows.push_back(std::move(row));
    }
    json state = {{"load", phase_name(app.loader.phase)},
                  {"progress", loader_progress(app)},
                  {"posts", app.catalog.size()},
                  {"manifest_posts", app.manifest.post_count},
                  {"bodies", {{"loaded", [&] { json a = json::array(); for (const auto& c : app.bodies.chunks) a.push_back(c.first); return a; }()},
                              {"pending", app.bodies.pending.size()}, {"chunks", app.catalog.bodies.size()}, {"max_kept", app.bodies.max_kept},
                              {"heap_bytes", platform_heap_bytes()}}},
                  {"rows", rows},
                  {"selected", nullptr},
                  {"reader", nullptr},
                  {"font_loaded", app.font.loaded && !app.font.imgui_faces.empty()},
                  {"font", font_json(app.font)},
                  {"error", app.loader.error},
                  {"selected_index", app.selected ? json(*app.selected) : json(nullptr)},
                  {"shortcuts", app.show_shortcuts},
                  {"ui_language", ui_language_code(app.lang)}};
    const SearchState& s = app.search;
    json results = json::array();
    for (std::size_t k = 0; k < s.results.size() && k < 50; ++k) results.push_back(app.catalog.ids[s.results[k]]);
    const char* base = s.base == SearchState::Base::Ready     ? "ready"
                       : s.base == SearchState::Base::Failed  ? "error"
                       : s.base == SearchState::Base::Loading ? "loading"
                                                              : "idle";
    state["search"] = {{"index", base}, {"query", s.ran}, {"active", s.active}, {"waiting", s.waiting},
                       {"total", s.total}, {"results", results}, {"ms", s.last_ms}, {"error", s.error},
                       {"by_date", current_view(app).newest_first}, {"editing", text_bridge_owner() != 0 && text_bridge_owner() == s.box_id},
                       {"box", {s.box_min.x, s.box_min.y, s.box_max.x, s.box_max.y}}};
    if (app.selected && *app.selected < app.catalog.size()) {
        const std::size_t i = *app.selected;
        state["selected"] = app.catalog.ids[i];
        json reader = {{"title", app.catalog.titles[i]}, {"loaded", false},
                       {"face", i < app.catalog.faces.size() && app.catalog.faces[i] < app.manifest.fonts.size()
                                    ? app.manifest.fonts[app.catalog.faces[i]].name : ""}};
        std::string error;
        if (const auto* blocks = post_blocks(app, i, &error)) {
            reader["loaded"] = true;
            reader["blocks"] = blocks->size();
            reader["text"] = plain_text(*blocks).substr(0, 200);
        }
        if (!error.empty()) reader["error"] = error;
        reader["bookmarked"] = is_bookmarked(app, i);
        reader["read"] = is_read(app, i);
        json links = json::array();
        for (const auto& l : app.drawn_links)
            links.push_back({{"text", l.text}, {"href", l.href}, {"openable", l.openable},
                             {"box", {l.min.x, l.min.y, l.max.x, l.max.y}}});
        reader["links"] = links;
        reader.update(measure_json(app));
        if (app.matches.post == i) {
            reader["matches"] = app.matches.total;
            reader["current_match"] = app.matches.current;
            json marked = json::array();  // the highlighted strings, in reading order
            if (const auto* b = post_blocks(app, i, nullptr))
                for (std::size_t k = 0; k < app.matches.by_block.size() && k < b->size(); ++k)
                    for (const auto& [hb, he] : app.matches.by_block[k]) marked.push_back((*b)[k].text.substr(hb, he - hb));
            reader["marked"] = marked;
        }
        state["reader"] = reader;
    }
    state["related"] = related_state_json(app);
    // The URL hash, bookmarks and read marks, theme, and the named buttons' rects (state.cpp).
    state["hash"] = app.view.last_hash;
    state["theme"] = app.dark ? "dark" : "light";
    state["palette"] = palette_json(app.dark);
    state["bookmarks"] = app.marks.marks.bookmarks;
    state["read_count"] = app.marks.marks.read.size();
    state["marks_message"] = app.marks.message;
    json saved = json::array();
    for (const auto& search : app.marks.marks.searches) saved.push_back({{"name", search.name}, {"view", search.view}});
    state["saved_searches"] = saved;
    state["stats"] = stats_json(app);
    json controls = json::object();
    for (const auto& [name, r] : app.controls) controls[name] = {r.x, r.y, r.z, r.w};
    state["controls"] = controls;
    json images = json::object();
    for (const auto& [url, st] : app.images) images[url] = static_cast<int>(st);
    state["images"] = images;
    state["offline"] = app.offline_label;
    state["browse"] = browse_json(app);
    state["frames"] = frames_json(app);
    // The page's parallel DOM (semantics.cpp): times each part went to the page, the element focused.
    state["layer"] = {{"lines_sent", app.sem.lines_gate.passed}, {"places_sent", app.sem.place_gate.passed},
                      {"nodes_sent", app.sem.nodes_gate.passed}, {"nodes", app.sem.shown.size()}, {"focused", app.sem.focused}};
    app.state_json = state.dump(-1, ' ', false, json::error_handler_t::replace);
    return app.state_json;
}

}  // namespace folio

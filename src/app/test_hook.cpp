// window.folio.state(): what tests (and curious users) can read about the viewer.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include "app.h"

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

}  // namespace

const std::string& app_state_json(App& app) {
    using json = nlohmann::json;
    json rows = json::array();
    for (const auto& r : app.visible_rows)
        rows.push_back({{"index", r.post}, {"id", app.catalog.ids[r.post]}, {"title", app.catalog.titles[r.post]},
                        {"y0", r.y0}, {"y1", r.y1}});
    json state = {{"load", phase_name(app.loader.phase)},
                  {"progress", loader_progress(app)},
                  {"posts", app.catalog.size()},
                  {"manifest_posts", app.manifest.post_count},
                  {"bodies", {{"loaded", [&] { json a = json::array(); for (const auto& c : app.bodies.chunks) a.push_back(c.first); return a; }()},
                              {"pending", app.bodies.pending.size()}, {"chunks", app.manifest.bodies.size()},
                              {"heap_bytes", EM_ASM_DOUBLE({ return HEAPU8.length; })}}},
                  {"rows", rows},
                  {"selected", nullptr},
                  {"reader", nullptr},
                  {"font_loaded", app.font.loaded && !app.font.imgui_faces.empty()},
                  {"font", {{"size", app.font.size_css_px}, {"ratio", app.font.baked_for_ratio},
                            {"atlas_width", app.font.atlas.width}, {"atlas_height", app.font.atlas.height},
                            {"glyphs", app.font.atlas.glyphs}, {"build_ms", app.font.atlas.build_ms},
                            {"upload_ms", app.font.atlas.upload_ms}, {"gpu_bytes", app.font.atlas.gpu_bytes},
                            {"atlas_scale", app.font.atlas_scale}}},
                  {"error", app.loader.error},
                  {"selected_index", app.selected ? json(*app.selected) : json(nullptr)},
                  {"shortcuts", app.show_shortcuts}};
    const SearchState& s = app.search;
    json results = json::array();
    for (std::size_t k = 0; k < s.results.size() && k < 50; ++k) results.push_back(app.catalog.ids[s.results[k]]);
    const char* base = s.base == SearchState::Base::Ready     ? "ready"
                       : s.base == SearchState::Base::Failed  ? "error"
                       : s.base == SearchState::Base::Loading ? "loading"
                                                              : "idle";
    state["search"] = {{"index", base}, {"query", s.ran}, {"active", s.active}, {"waiting", s.waiting},
                       {"total", s.total}, {"results", results}, {"ms", s.last_ms}, {"error", s.error},
                       {"by_date", s.by_date},
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
    app.state_json = state.dump(-1, ' ', false, json::error_handler_t::replace);
    return app.state_json;
}

}  // namespace folio

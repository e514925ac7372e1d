#pragma once
// The viewer's state: one struct, updated once per frame by the panels (see main.cpp).
#include <imgui.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fetch.h"
#include "platform.h"
#include "folio/bundle.h"

namespace folio {

enum class LoadPhase { Manifest, Metadata, Font, Ready, Failed };

// Startup: manifest, then every metadata shard, then the font. Bodies come later, on demand.
struct Loader {
    LoadPhase phase = LoadPhase::Manifest;
    FetchId pending = 0;
    std::size_t next_meta = 0;
    std::uint64_t bytes_done = 0;   // completed files
    std::uint64_t bytes_total = 0;  // known once the manifest is in
    std::string error;
};

// Post bodies by shard index, fetched when a post in the shard is opened.
struct BodyCache {
    std::map<std::size_t, std::vector<std::vector<Block>>> chunks;
    std::map<std::size_t, FetchId> pending;
    std::map<std::size_t, std::string> errors;
};

inline constexpr float kDefaultFontSize = 17.0f;  // CSS pixels

struct FontState {
    std::string bytes;                 // the subset font; ImGui reads it without copying
    std::vector<ImWchar> ranges;       // zero-terminated pairs, alive as long as the atlas
    float size_css_px = kDefaultFontSize;
    float baked_for_ratio = 0.0f;      // device pixel ratio the atlas was built for; 0 = never
    float baked_size = 0.0f;           // size_css_px the atlas was built for
    AtlasStats atlas;
};

struct ListRow {
    std::size_t post;
    float y0, y1;  // CSS pixels from the top of the canvas
};

struct App {
    Loader loader;
    Manifest manifest;
    Catalog catalog;
    BodyCache bodies;
    FontState font;
    std::optional<std::size_t> selected;
    bool scroll_to_selected = false;
    std::vector<ListRow> visible_rows;  // rows drawn last frame, for the test hook
    std::string state_json;             // buffer handed to JS by the test hook
};

// loader.cpp
void loader_update(App& app);
float loader_progress(const App& app);  // 0..1, or -1 while the total is unknown
// Blocks of a post, or nullptr while its chunk is being fetched (error set on failure).
const std::vector<Block>* post_blocks(App& app, std::size_t post, std::string* error);

// fonts.cpp
// Rebuilds the atlas when the font arrives or the pixel ratio changes; call between frames.
void fonts_update(App& app, float device_pixel_ratio);
void font_size_step(FontState& font, int steps);

// panels, one file each
void panel_status(App& app);  // loading progress and errors
void panel_list(App& app);
void panel_reader(App& app);

// test_hook.cpp: a JSON snapshot for window.folio.state()
const std::string& app_state_json(App& app);

}  // namespace folio

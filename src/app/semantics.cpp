// The page's parallel DOM (Flutter's semantics tree, pdf.js's text layer): panels record what they
// draw (control(), sem_text(), the reader's lines through text_rich); after the frame each region
// that changed goes to the page as JSON ("Page layer" in web/folio-shell.js), which keeps invisible
// elements over the canvas for assistive technology, Tab focus, selection, find and copy. The page
// calls back when an element is activated or focused; the next frame's panels act on it as on a click.
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "app.h"
#include "font_atlas.h"
#include "page.h"

namespace folio {
namespace {

constexpr const char* kRegionNames[kSemRegions] = {"search", "toolbar", "filters", "list", "reader"};

const char* role_name(SemRole role) {
    switch (role) {
        case SemRole::Button: return "button";
        case SemRole::Toggle: return "toggle";
        case SemRole::Checkbox: return "checkbox";
        case SemRole::Searchbox: return "searchbox";
        case SemRole::Textbox: return "textbox";
        case SemRole::Listbox: return "listbox";
        case SemRole::Option: return "option";
        case SemRole::Status: return "status";
        case SemRole::Heading: return "heading";
        case SemRole::Text: return "text";
    }
    return "text";
}

SemRegionState& current(App& app) { return app.sem.regions[static_cast<std::size_t>(app.sem.region)]; }

// A screen rectangle in the current region's coordinates (the reader's scroll with its content).
ImVec4 region_box(App& app, ImVec2 a, ImVec2 b) {
    const ImVec2 o = app.sem.region == SemRegion::Reader ? current(app).origin : ImVec2(0, 0);
    return ImVec4(a.x - o.x, a.y - o.y, b.x - o.x, b.y - o.y);
}

nlohmann::json node_json(const SemNode& n) {
    using json = nlohmann::json;
    json j = {{"k", n.key}, {"r", role_name(n.role)}, {"b", {n.box.x, n.box.y, n.box.z, n.box.w}}};
    if (!n.name.empty()) j["n"] = n.name;
    if (n.checked >= 0) j["c"] = n.checked;
    if (n.set_size) j["p"] = {n.pos, n.set_size};
    if (n.level) j["l"] = n.level;
    if (!n.lines.empty()) {
        json lines = json::array();
        for (const SemLine& line : n.lines) {
            json runs = json::array();
            for (const SemRun& r : line.runs) runs.push_back(r.link.empty() ? json(r.text) : json{r.text, r.link, r.href});
            lines.push_back({runs, line.width, line.hard_break ? 1 : 0});
        }
        j["z"] = n.size;
        j["h"] = n.line_height;
        j["ln"] = std::move(lines);
    }
    return j;
}

// The site's fonts go to the page once, for the text layer to lay out the reader's lines as drawn.
void send_fonts(App& app) {
    FontState& f = app.font;
    if (app.sem.fonts_sent || !f.loaded || f.faces.empty()) return;
    for (std::size_t i = 0; i < f.faces.size(); ++i)
        page_text_font("folio-" + std::to_string(i), f.faces[i].bytes, font_em_ratio(f.faces[i]));
    if (!f.fallback.bytes.empty()) page_text_font("folio-fallback", f.fallback.bytes, font_em_ratio(f.fallback));
    app.sem.fonts_sent = true;
}

// One region to the page when it changed: every node, or only where the reader now is.
void publish_region(App& app, std::size_t k) {
    SemRegionState& r = app.sem.regions[k];
    const bool nodes_changed = !r.sent || r.nodes != r.shown || r.face != r.shown_face;
    const bool moved = r.clip.x != r.shown_clip.x || r.clip.y != r.shown_clip.y || r.clip.z != r.shown_clip.z ||
                       r.clip.w != r.shown_clip.w || r.origin.x != r.shown_origin.x || r.origin.y != r.shown_origin.y ||
                       r.interactive != r.shown_interactive;
    if (nodes_changed || moved) {
        nlohmann::json j = {{"region", kRegionNames[k]}};
        if (k == static_cast<std::size_t>(SemRegion::Reader))
            j.update({{"clip", {r.clip.x, r.clip.y, r.clip.z, r.clip.w}}, {"origin", {r.origin.x, r.origin.y}},
                      {"interactive", r.interactive}, {"face", r.face}});
        if (nodes_changed) {
            nlohmann::json nodes = nlohmann::json::array();
            for (const SemNode& n : r.nodes) nodes.push_back(node_json(n));
            j["nodes"] = std::move(nodes);
            ++app.sem.publishes;
        } else {
            ++app.sem.moves;
        }
        page_semantics(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        r.sent = true;
        r.shown_clip = r.clip;
        r.shown_origin = r.origin;
        r.shown_interactive = r.interactive;
        r.shown_face = r.face;
    }
    if (nodes_changed) std::swap(r.shown, r.nodes);
    r.nodes.clear();
}

}  // namespace

void sem_region(App& app, SemRegion region) { app.sem.region = region; }

void sem_node(App& app, SemNode node) { current(app).nodes.push_back(std::move(node)); }

bool sem_activated(const App& app, std::string_view key) { return !app.sem.activated.empty() && app.sem.activated == key; }

bool sem_focus_arrived(const App& app, std::string_view key) { return app.sem.focus_moved && app.sem.focused == key; }

void sem_focus_ring(const App& app, std::string_view key, ImVec2 a, ImVec2 b) {
    if (app.sem.focused.empty() || app.sem.focused != key) return;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    draw->PushClipRect(window->OuterRectClipped.Min, window->OuterRectClipped.Max);
    draw->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), ImGui::GetColorU32(ImGuiCol_NavHighlight), 3.0f, 0, 2.0f);
    draw->PopClipRect();
}

bool control(App& app, const char* key, SemRole role, std::string_view name, bool clicked, int checked) {
    note_control(app, key);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    SemNode node;
    node.key = key;
    node.role = role;
    node.name = std::string(name.substr(0, name.find("##")));
    node.box = region_box(app, a, b);
    node.checked = checked;
    sem_node(app, std::move(node));
    sem_focus_ring(app, key, a, b);
    return clicked || sem_activated(app, key);
}

void sem_text(App& app, const char* key, SemRole role, std::string text) {
    SemNode node;
    node.key = key;
    node.role = role;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    node.box = region_box(app, a, b);
    if (app.sem.region == SemRegion::Reader && role != SemRole::Status) {  // a line of the text layer
        node.size = ImGui::GetFontSize();
        node.line_height = b.y - a.y;
        node.lines.push_back({{{std::move(text), "", ""}}, b.x - a.x, false});
    } else {
        node.name = std::move(text);
    }
    sem_node(app, std::move(node));
}

void semantics_begin(App& app) {
    app.sem.region = SemRegion::Search;
    app.sem.lines.nodes = nullptr;
}

void semantics_publish(App& app) {
    SemState& s = app.sem;
    SemRegionState& reader = s.regions[static_cast<std::size_t>(SemRegion::Reader)];
    // A popup or the shortcuts over the reader takes the mouse there, not the text under it.
    reader.interactive = !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !app.show_shortcuts;
    send_fonts(app);
    for (std::size_t k = 0; k < kSemRegions; ++k) publish_region(app, k);
    s.activated.clear();
    s.focus_moved = false;
    s.reader_scroll = 0;
}

void semantics_activate(App& app, const char* key) { app.sem.activated = key ? key : ""; }

void semantics_focus(App& app, const char* key) {
    const std::string k = key ? key : "";
    if (k != app.sem.focused) app.sem.focus_moved = true;
    app.sem.focused = k;
}

void semantics_scroll(App& app, float dy) { app.sem.reader_scroll += dy; }

}  // namespace folio

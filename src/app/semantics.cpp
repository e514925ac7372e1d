// The page's parallel DOM (Flutter's semantics tree, pdf.js's text layer): panels record what they
// draw (sem_item, sem_status; the reader's lines through text_rich); after the frame whatever changed
// goes to the page as JSON ("Page layer" in web/folio-shell.js), which keeps transparent elements over
// the canvas for assistive technology, Tab focus, selection, find and copy. The page calls back when
// an element is activated or focused; the next frame acts on it as on a click (ImGui::ActivateItem
// presses the same item, so the same code queues the same view event).
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "app.h"
#include "font_atlas.h"
#include "page.h"

namespace folio {
namespace {

using json = nlohmann::json;

const char* role_name(SemRole role) {
    switch (role) {
        case SemRole::Button: return "button";
        case SemRole::Checkbox: return "checkbox";
        case SemRole::Searchbox: return "searchbox";
        case SemRole::Option: return "option";
        case SemRole::LiveStatus: return "status";
    }
    return "button";
}

double px(float v) { return static_cast<double>(static_cast<int>(v * 10.0f)) / 10.0; }

json node_json(const SemNode& n) {
    json j = {{"k", n.key}, {"r", role_name(n.role)}, {"n", n.name}, {"b", {px(n.box.x), px(n.box.y), px(n.box.z), px(n.box.w)}}};
    if (!n.group.empty()) j["g"] = n.group;
    if (n.checked >= 0) j["c"] = n.checked;
    return j;
}

// Each slice of the site's fonts goes to the page once it has arrived, so the text layer's lines are
// laid out as the canvas draws them; a face's metrics are its first slice's (every slice shares them).
void send_fonts(App& app) {
    FontState& f = app.font;
    if (!f.loaded) return;
    const auto send = [&](int face, const FontFile& file) {
        if (file.slices.empty() || file.slices[0].empty()) return;
        const FontMetrics m = font_metrics(file.slices[0]);
        for (std::size_t k = 0; k < file.slices.size(); ++k)
            if (!file.slices[k].empty() && app.sem.fonts_sent.insert({face, k}).second)
                page_text_font(face, file.slices[k], m.em, m.ascent, m.descent);
    };
    for (std::size_t i = 0; i < f.faces.size(); ++i) send(static_cast<int>(i), f.faces[i]);
    send(-1, f.fallback);
}

// The element holding the DOM focus, outlined on the canvas where its item was drawn.
void focus_ring(const App& app) {
    if (app.sem.focused.empty()) return;
    for (const SemNode& n : app.sem.nodes)
        if (n.key == app.sem.focused && n.role != SemRole::LiveStatus) {
            ImGui::GetForegroundDrawList()->AddRect(ImVec2(n.box.x - 2, n.box.y - 2), ImVec2(n.box.z + 2, n.box.w + 2),
                                                    ImGui::GetColorU32(ImGuiCol_NavHighlight), 3.0f, 0, 2.0f);
            return;
        }
}

// Where the reader is: its visible rectangle, its content's top left, the post's title, and whether
// its text takes the mouse (not while a popup or the shortcut list lies over it).
std::string place_json(const App& app) {
    const TextLayer& l = app.sem.layer;
    const bool on = !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !app.show_shortcuts;
    return json{{"clip", {px(l.clip.x), px(l.clip.y), px(l.clip.z), px(l.clip.w)}},
                {"origin", {px(l.origin.x), px(l.origin.y)}},
                {"title", l.title},
                {"on", on}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void sem_item(App& app, const char* key, SemRole role, std::string name, const char* group, int checked) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (!ImGui::IsItemVisible() || ImGui::GetCurrentWindowRead()->Hidden) return;  // (a popup's unseen first frame)
    SemNode n;
    n.key = key;
    n.role = role;
    n.name = std::move(name);
    n.group = group;
    n.box = ImVec4(a.x, a.y, b.x, b.y);
    n.checked = checked;
    n.id = ImGui::GetItemID();
    app.sem.nodes.push_back(std::move(n));
}

void sem_status(App& app, const char* key, std::string text) {
    SemNode n;
    n.key = key;
    n.role = SemRole::LiveStatus;
    n.name = std::move(text);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    n.box = ImVec4(a.x, a.y, b.x, b.y);
    app.sem.nodes.push_back(std::move(n));
}

void semantics_update(App& app) {
    SemState& s = app.sem;
    if (!s.activate.empty()) {
        for (const SemNode& n : s.shown) {
            if (n.key != s.activate) continue;
            if (n.role == SemRole::Searchbox) app.search.focus_input = true;  // as '/' does
            else if (n.id) ImGui::ActivateItem(n.id);  // pressed in the next frame, as by a click
        }
        s.activate.clear();
    }
    // Tab moved the DOM focus from a text field to another element: the field lets go of the keyboard.
    if (s.focus_moved && !s.focused.empty() && s.focused != "search" && text_field_has_keyboard()) ImGui::ClearActiveID();
    s.focus_moved = false;
}

void semantics_publish(App& app) {
    SemState& s = app.sem;
    focus_ring(app);
    send_fonts(app);
    json nodes = json::array();
    for (const SemNode& n : s.nodes) nodes.push_back(node_json(n));
    const std::string nodes_text = nodes.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.nodes_gate.changed(nodes_text)) page_semantics(nodes_text);
    std::swap(s.shown, s.nodes);
    s.nodes.clear();
    TextLayer& l = s.layer;
    const std::string lines = layer_json(l.lines, l.face);
    if (s.lines_gate.changed(lines)) page_text_layer(lines);
    const std::string place = place_json(app);
    if (s.place_gate.changed(place)) page_text_place(place);
    l.recording = false;
    l.lines.clear();
    l.clip = ImVec4(0, 0, 0, 0);
    l.origin = ImVec2(0, 0);
    l.title.clear();
}

void semantics_activate(App& app, const char* key) { app.sem.activate = key ? key : ""; }

void semantics_focus(App& app, const char* key) {
    const std::string k = key ? key : "";
    if (k != app.sem.focused) app.sem.focus_moved = true;
    app.sem.focused = k;
}

void semantics_scroll(App& app, float dy) { app.sem.scroll += dy; }

}  // namespace folio

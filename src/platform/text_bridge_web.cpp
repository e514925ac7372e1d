// The text bridge in the browser: window.folioText in web/folio-shell.js (its index lists these EM_JS
// blocks) feeds composed and pasted text back through the exports folio_text_commit / folio_text_preedit.
#include <SDL.h>
#include <emscripten.h>
#include <imgui.h>

#include <deque>

#include "platform.h"
#include "text_bridge.h"

namespace folio {
namespace {

struct TextBridge {
    unsigned owner = 0;  // the text field being fed; 0: none
    std::string preedit;
    std::deque<std::string> commits;  // committed text not yet handed to ImGui, oldest first
    std::size_t due = 0;              // how many of them the frame's events reached (their markers)
};
TextBridge g_bridge;

}  // namespace
}  // namespace folio

EM_JS(void, folio_js_text_focus, (float x, float y, float w, float h), {
    if (window.folioText) window.folioText.focus(x, y, w, h);
});
EM_JS(void, folio_js_text_blur, (), {
    if (window.folioText) window.folioText.blur();
});
EM_JS(void, folio_js_copy, (const char* text), {
    if (window.folioText) window.folioText.copy(UTF8ToString(text));
});

extern "C" {
EMSCRIPTEN_KEEPALIVE void folio_text_commit(const char* text) {
    // A marker in SDL's queue keeps the text in order with the keys typed around it ("颱風 typhoons":
    // 颱 and 風 come through here, the rest as key presses).
    folio::g_bridge.commits.emplace_back(text);
    SDL_Event marker{};
    marker.type = SDL_USEREVENT;
    marker.user.code = folio::kTextCommitEvent;
    SDL_PushEvent(&marker);
    folio::platform_wake();
}
EMSCRIPTEN_KEEPALIVE void folio_text_preedit(const char* text) {
    folio::g_bridge.preedit = text;
    folio::platform_wake();
}
}

namespace folio {

void text_bridge_focus(unsigned owner, float x, float y, float w, float h) {
    g_bridge.owner = owner;
    g_bridge.preedit.clear();
    folio_js_text_focus(x, y, w, h);
}

void text_bridge_blur() {
    g_bridge.owner = 0;
    g_bridge.preedit.clear();
    folio_js_text_blur();
}

unsigned text_bridge_owner() { return g_bridge.owner; }

void text_bridge_text_due() { ++g_bridge.due; }

void text_bridge_flush() {
    ImGuiIO& io = ImGui::GetIO();
    // ImGui text fields ignore characters while Ctrl (or Cmd) is down, as it is during a paste.
    for (; g_bridge.due > 0 && !g_bridge.commits.empty() && !io.KeyCtrl && !io.KeySuper; --g_bridge.due) {
        io.AddInputCharactersUTF8(g_bridge.commits.front().c_str());
        g_bridge.commits.pop_front();
    }
}

const std::string& text_bridge_preedit() { return g_bridge.preedit; }

void text_bridge_copy(const std::string& text) {
    folio_js_copy(text.c_str());
}

}  // namespace folio

// The text bridge in the browser: window.folioText in web/folio-shell.js (its index lists these EM_JS
// blocks) feeds composed and pasted text back through the exports folio_text_commit / folio_text_preedit.
#include <emscripten.h>
#include <imgui.h>

#include "platform.h"
#include "text_bridge.h"

namespace folio {
namespace {

struct TextBridge {
    unsigned owner = 0;  // the text field being fed; 0: none
    std::string preedit;
    std::string pending;  // committed text not yet handed to ImGui
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
    folio::g_bridge.pending += text;
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

void text_bridge_flush() {
    ImGuiIO& io = ImGui::GetIO();
    // ImGui text fields ignore characters while Ctrl (or Cmd) is down, as it is during a paste.
    if (g_bridge.pending.empty() || io.KeyCtrl || io.KeySuper) return;
    io.AddInputCharactersUTF8(g_bridge.pending.c_str());
    g_bridge.pending.clear();
}

const std::string& text_bridge_preedit() { return g_bridge.preedit; }

void text_bridge_copy(const std::string& text) {
    folio_js_copy(text.c_str());
}

}  // namespace folio

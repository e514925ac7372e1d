#include <emscripten.h>
#include <imgui.h>

#include "text_bridge.h"

namespace folio {
namespace {

struct TextBridge {
    bool active = false;
    std::string preedit;
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
EMSCRIPTEN_KEEPALIVE void folio_text_commit(const char* text) { ImGui::GetIO().AddInputCharactersUTF8(text); }
EMSCRIPTEN_KEEPALIVE void folio_text_preedit(const char* text) { folio::g_bridge.preedit = text; }
}

namespace folio {

void text_bridge_focus(float x, float y, float w, float h) {
    g_bridge.active = true;
    folio_js_text_focus(x, y, w, h);
}

void text_bridge_blur() {
    g_bridge.active = false;
    g_bridge.preedit.clear();
    folio_js_text_blur();
}

bool text_bridge_active() { return g_bridge.active; }

const std::string& text_bridge_preedit() { return g_bridge.preedit; }

void text_bridge_copy(const std::string& text) {
    folio_js_copy(text.c_str());
}

}  // namespace folio

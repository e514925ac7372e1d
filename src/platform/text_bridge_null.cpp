// System text input and clipboard (null platform): tests hand text over as the page's hidden
// input would; committed text reaches ImGui at the start of a frame, as on the web.
#include <imgui.h>

#include "platform_null.h"
#include "platform.h"
#include "text_bridge.h"

namespace folio {
namespace {

struct TextBridge {
    unsigned owner = 0;  // the text field being fed; 0: none
    std::string preedit;
    std::string pending;  // committed text not yet handed to ImGui
    std::string clipboard;
};
TextBridge g_bridge;

}  // namespace

// As the page's input events do, handing text over wakes the page.
void null_text_commit(const std::string& text) {
    g_bridge.pending += text;
    platform_wake();
}
void null_text_preedit(const std::string& text) {
    g_bridge.preedit = text;
    platform_wake();
}
const std::string& null_clipboard() { return g_bridge.clipboard; }
void null_text_reset() { g_bridge = TextBridge{}; }

void text_bridge_focus(unsigned owner, float, float, float, float) {
    g_bridge.owner = owner;
    g_bridge.preedit.clear();
}

void text_bridge_blur() {
    g_bridge.owner = 0;
    g_bridge.preedit.clear();
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

void text_bridge_copy(const std::string& text) { g_bridge.clipboard = text; }

}  // namespace folio

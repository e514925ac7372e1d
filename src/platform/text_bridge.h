#pragma once
// System text input and clipboard: IME composition, paste and copy through the page's
// hidden <input> (web/folio-shell.js), since the canvas receives none of them.
#include <string>

namespace folio {

// Routes keyboard text to the bridge while text field `owner` (non-zero) is active (x, y, w, h: CSS pixels).
void text_bridge_focus(unsigned owner, float x, float y, float w, float h);
void text_bridge_blur();
unsigned text_bridge_owner();  // the field the bridge feeds; 0: none
// Hands committed text to ImGui once no shortcut modifier is held; the platform calls it per frame.
void text_bridge_flush();
// The platform met a commit's marker among its input events (kTextCommitEvent, web only): that text
// is due, after the events before it and before those after it.
constexpr int kTextCommitEvent = 0x7465;
void text_bridge_text_due();
// The IME's composition in progress (shown by the text field); empty when not composing.
const std::string& text_bridge_preedit();
// Puts text on the system clipboard.
void text_bridge_copy(const std::string& text);

}  // namespace folio

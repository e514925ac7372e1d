#pragma once
// The reader's text layer (after pdf.js): the lines of the open post on screen, plus a margin, are
// also in the page as transparent DOM text laid over the drawn glyphs, for selection, copy, the
// browser's find and screen readers. The reader records the lines it draws; the page gets them only
// when they changed. Pure, so it is tested natively.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

// One line of the post as drawn, in CSS pixels from the top left of the post's content (so that
// scrolling does not change it).
struct LayerLine {
    std::string text;    // as drawn, with the spaces a wrap skipped after it (a copy runs lines on)
    float x = 0, y = 0;  // top left of the line's glyphs
    float width = 0;     // drawn width of text, those spaces included
    float size = 0;      // font size: the glyphs' pixel height, as Dear ImGui's
    float pitch = 0;     // from this line's top to the next's
    bool hard = false;   // a line break or the end of its block follows (a copy adds a newline)
    float baseline = 0;  // from the line's top to its glyphs' baseline
    bool operator==(const LayerLine&) const = default;
};

// The content rows [top, bottom) whose lines the layer holds: the screen and a screen either way.
// It moves in steps of half a screen, so the layer changes only every half screen of scrolling.
struct LayerRange {
    float top = 0, bottom = 0;
    bool holds(float y, float height) const { return y + height > top && y < bottom; }
};
LayerRange layer_range(float scroll_y, float view_height);

// The layer as the page reads it (text_layer in web/folio-shell.js):
// {"face": f, "lines": [[text, x, y, width, size, pitch, hard, baseline], ...]}, numbers rounded to 1/100 px.
std::string layer_json(const std::vector<LayerLine>& lines, std::size_t face);

// Passes a value on only when it differs from the last one passed (compared by a 64-bit hash).
struct ChangeGate {
    std::uint64_t last = 0;
    bool sent = false;
    std::uint64_t passed = 0;  // times a change went through
    bool changed(std::string_view value);
};

}  // namespace folio

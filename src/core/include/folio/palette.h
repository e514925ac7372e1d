#pragma once
// The viewer's colours, one palette per theme, and the WCAG contrast of every text/background pair
// they make. Pure, so a unit test checks every pair of both themes; the app only maps the colours to
// Dear ImGui (src/app/theme.cpp) and the test hook reports the pairs (window.folio.state().palette).
#include <cstdint>
#include <string>
#include <vector>

namespace folio {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

// Every colour is opaque: what is drawn is exactly the pair checked (no alpha over an unknown background).
struct ThemePalette {
    Rgb window;        // the top bar and the gaps between panes
    Rgb surface;       // the panes: filters, list, reader
    Rgb row_alt;       // every other list row
    Rgb text, text_dim;  // body text; secondary text (dates, snippets, counts, read posts, captions)
    Rgb title, heading;  // the reader's post title and headings
    Rgb accent;        // the one accent: check marks, sliders, the focus ring
    Rgb link;          // links in the reader
    Rgb selected, hovered;  // list rows (and headers, menu items)
    Rgb button, button_hovered, button_active;
    Rgb field, border;      // text fields, frames and separators
    Rgb header;        // the list's column headers and the facet sections
    Rgb popup;         // tooltips, menus, the shortcut list
    Rgb mark_bg, mark_text;  // a search match, in the list's snippets and in the reader
    Rgb code_bg, quote_bar;
    Rgb plot;          // the timeline's background
    Rgb bar, bar_hit, bar_hover;  // every post's bars; the posts the search and filters keep; the bar under the pointer
    Rgb scrollbar;     // the scrollbar's grab
    Rgb error, star;
};

const ThemePalette& theme_palette(bool dark);

// A text (or mark) colour over a background, and the contrast it needs: 4.5 for body text, 3 for
// large text and marks that are not text (bars, check marks, rules).
struct ColourPair {
    const char* name;
    Rgb fg, bg;
    double min_ratio;
};
// Every pair the viewer draws, by name (selected_title, timeline_hits, ...).
std::vector<ColourPair> palette_pairs(const ThemePalette& p);

double relative_luminance(Rgb c);              // WCAG 2: 0 (black) .. 1 (white)
double contrast_ratio(Rgb a, Rgb b);           // WCAG 2: 1 .. 21, either order
std::string hex(Rgb c);                        // "#rrggbb"

}  // namespace folio

#include "folio/palette.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace folio {
namespace {

constexpr Rgb rgb(std::uint32_t hex) {
    return Rgb{static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8), static_cast<std::uint8_t>(hex)};
}

// Paper: warm off-white panes, near-black text, one slate-blue accent.
constexpr ThemePalette kLight{
    .window = rgb(0xf3f2ee), .surface = rgb(0xfdfcfa), .row_alt = rgb(0xf6f5f1),
    .text = rgb(0x1f2226), .text_dim = rgb(0x595e64), .title = rgb(0x15181b), .heading = rgb(0x1f3f52),
    .accent = rgb(0x2d6a8a), .link = rgb(0x1d5a7a),
    .selected = rgb(0xdce8ef), .hovered = rgb(0xebeae5),
    .button = rgb(0xe8e6e0), .button_hovered = rgb(0xdddad2), .button_active = rgb(0xcddde7),
    .field = rgb(0xffffff), .border = rgb(0xc9c6be), .header = rgb(0xeceae4), .popup = rgb(0xffffff),
    .mark_bg = rgb(0xffe08a), .mark_text = rgb(0x1f2226), .code_bg = rgb(0xf0eee9), .quote_bar = rgb(0x8b8880),
    .plot = rgb(0xefede8), .bar = rgb(0x86847f), .bar_hit = rgb(0x173a4c), .bar_hover = rgb(0x000000),
    .scrollbar = rgb(0xc2bfb7), .error = rgb(0xb3261e), .star = rgb(0x9a6a00)};

// Night: dark grey panes (not black), warm light text, the same accent lightened.
constexpr ThemePalette kDark{
    .window = rgb(0x16181b), .surface = rgb(0x1c1f23), .row_alt = rgb(0x202328),
    .text = rgb(0xe4e2dd), .text_dim = rgb(0xa9adb3), .title = rgb(0xf2f0eb), .heading = rgb(0xbcd6e6),
    .accent = rgb(0x7fb3d0), .link = rgb(0x8cc4e3),
    .selected = rgb(0x223846), .hovered = rgb(0x292d33),
    .button = rgb(0x2a2e34), .button_hovered = rgb(0x343942), .button_active = rgb(0x2b4a5c),
    .field = rgb(0x25292e), .border = rgb(0x3a3f46), .header = rgb(0x24272c), .popup = rgb(0x24272c),
    .mark_bg = rgb(0xe9c46a), .mark_text = rgb(0x16181b), .code_bg = rgb(0x25282d), .quote_bar = rgb(0x6f757d),
    .plot = rgb(0x25292e), .bar = rgb(0x767b82), .bar_hit = rgb(0xc6e2f3), .bar_hover = rgb(0xffffff),
    .scrollbar = rgb(0x454a52), .error = rgb(0xff8a80), .star = rgb(0xe3b341)};

double linear(std::uint8_t c) {
    const double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

constexpr double kText = 4.5, kLarge = 3.0;  // WCAG AA: body text; large text and marks that are not text

}  // namespace

const ThemePalette& theme_palette(bool dark) { return dark ? kDark : kLight; }

std::vector<ColourPair> palette_pairs(const ThemePalette& p) {
    return {
        {"body_text", p.text, p.surface, kText},
        {"window_text", p.text, p.window, kText},
        {"dim_text", p.text_dim, p.surface, kText},
        {"dim_on_window", p.text_dim, p.window, kText},
        {"row_alt_title", p.text, p.row_alt, kText},
        {"row_alt_snippet", p.text_dim, p.row_alt, kText},
        {"selected_title", p.text, p.selected, kText},
        {"selected_snippet", p.text_dim, p.selected, kText},
        {"selected_match", p.mark_text, p.mark_bg, kText},  // a match is drawn on its own opaque mark
        {"hovered_title", p.text, p.hovered, kText},
        {"hovered_snippet", p.text_dim, p.hovered, kText},
        {"disabled_text", p.text_dim, p.surface, kText},
        {"facet_count", p.text_dim, p.surface, kText},
        {"link", p.link, p.surface, kText},
        {"post_title", p.title, p.surface, kText},
        {"heading", p.heading, p.surface, kText},
        {"caption", p.text_dim, p.surface, kText},
        {"code", p.text, p.code_bg, kText},
        {"quote_bar", p.quote_bar, p.surface, kLarge},
        {"button", p.text, p.button, kText},
        {"button_hovered", p.text, p.button_hovered, kText},
        {"button_active", p.text, p.button_active, kText},
        {"field_text", p.text, p.field, kText},
        {"field_hint", p.text_dim, p.field, kText},
        {"check_mark", p.accent, p.field, kLarge},
        {"focus_ring", p.accent, p.window, kLarge},
        {"focus_ring_surface", p.accent, p.surface, kLarge},
        {"header", p.text, p.header, kText},
        {"header_dim", p.text_dim, p.header, kText},
        {"popup", p.text, p.popup, kText},
        {"popup_dim", p.text_dim, p.popup, kText},
        {"timeline_bars", p.bar, p.plot, kLarge},
        {"timeline_hits", p.bar_hit, p.bar, kLarge},
        {"timeline_hover", p.bar_hover, p.bar, kLarge},
        {"timeline_labels", p.text_dim, p.plot, kText},
        {"error", p.error, p.surface, kText},
        {"star", p.star, p.surface, kLarge},
        {"star_selected", p.star, p.selected, kLarge},
    };
}

double relative_luminance(Rgb c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string hex(Rgb c) {
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", c.r, c.g, c.b);
    return out;
}

}  // namespace folio

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "folio/palette.h"

using namespace folio;

TEST(Palette, ContrastRatioFollowsWcag) {
    EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio({255, 255, 255}, {0, 0, 0}), 21.0, 1e-9);  // either order
    EXPECT_NEAR(contrast_ratio({119, 119, 119}, {255, 255, 255}), 4.48, 0.01);  // #777 on white: just short of AA
    EXPECT_NEAR(contrast_ratio({118, 118, 118}, {255, 255, 255}), 4.54, 0.01);  // #767676: the lightest grey that passes
    EXPECT_NEAR(relative_luminance({255, 0, 0}), 0.2126, 1e-9);
    EXPECT_EQ(hex({0x1d, 0x5a, 0x7a}), "#1d5a7a");
}

// Every text/background pair of both themes meets WCAG AA: 4.5:1 for text, 3:1 for marks.
TEST(Palette, EveryPairOfBothThemesMeetsAA) {
    for (bool dark : {false, true}) {
        const auto pairs = palette_pairs(theme_palette(dark));
        EXPECT_GE(pairs.size(), 30u);
        std::set<std::string> names;
        for (const ColourPair& p : pairs) {
            EXPECT_TRUE(names.insert(p.name).second) << "two pairs named " << p.name;
            EXPECT_TRUE(p.min_ratio == 4.5 || p.min_ratio == 3.0) << p.name;
            EXPECT_GE(contrast_ratio(p.fg, p.bg), p.min_ratio)
                << (dark ? "dark " : "light ") << p.name << ": " << hex(p.fg) << " on " << hex(p.bg);
        }
        for (const char* required : {"selected_title", "selected_snippet", "selected_match", "hovered_title", "disabled_text",
                                     "timeline_bars", "timeline_hits", "facet_count", "link"})
            EXPECT_TRUE(names.count(required)) << required;
    }
}

// Light panes with dark text, and dark panes with light text.
TEST(Palette, LightIsLightAndDarkIsDark) {
    const ThemePalette& light = theme_palette(false);
    const ThemePalette& dark = theme_palette(true);
    EXPECT_GT(relative_luminance(light.surface), 0.8);
    EXPECT_LT(relative_luminance(dark.surface), 0.05);
    EXPECT_GT(relative_luminance(light.surface), relative_luminance(light.text));
    EXPECT_LT(relative_luminance(dark.surface), relative_luminance(dark.text));
}

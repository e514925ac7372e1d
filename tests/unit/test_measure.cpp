#include <gtest/gtest.h>

#include <string>

#include "folio/measure.h"

using namespace folio;

TEST(Measure, CountsCharactersAndWideOnesWithoutTrailingSpaces) {
    const LineCount c = count_line("台风 Typhoon 7号，  ");
    EXPECT_EQ(c.chars, 14u);  // 台 风 ␠ T y p h o o n ␠ 7 号 ，
    EXPECT_EQ(c.wide, 4u);
    EXPECT_EQ(count_line("").chars, 0u);
    EXPECT_NEAR(line_fill({45, 45}), 1.0, 1e-12);
    EXPECT_NEAR(line_fill({75, 0}), 1.0, 1e-12);
    EXPECT_NEAR(line_fill({30, 15}), 15.0 / 45 + 15.0 / 75, 1e-12);
}

TEST(Measure, WideShareIgnoresSpaces) {
    EXPECT_DOUBLE_EQ(wide_share("中文 中文"), 1.0);
    EXPECT_DOUBLE_EQ(wide_share("ab 中文"), 0.5);
    EXPECT_DOUBLE_EQ(wide_share("   "), 1.0);
}

// The width holds kMeasureTarget of a full line: about 40 CJK characters, or 67 Latin ones, and in
// between for mixed text; it grows with the glyphs, so the count does not change with the text size.
TEST(Measure, WidthHoldsTheTargetShareOfAFullLineAtEverySize) {
    for (float em : {11.0f, 14.0f, 24.0f, 35.0f}) {
        const float wide = em, narrow = em * 0.48f;
        EXPECT_NEAR(measure_width(1.0, wide, narrow) / wide, 45 * kMeasureTarget, 1e-3);
        EXPECT_NEAR(measure_width(0.0, wide, narrow) / narrow, 75 * kMeasureTarget, 1e-3);
        for (double s : {0.2, 0.5, 0.8}) {
            const float w = measure_width(s, wide, narrow);
            const double chars = w / (s * wide + (1 - s) * narrow);  // that many characters of that mix
            EXPECT_NEAR(line_fill({static_cast<std::size_t>(chars), static_cast<std::size_t>(chars * s)}), kMeasureTarget, 0.03);
        }
    }
}

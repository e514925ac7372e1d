#include <gtest/gtest.h>

#include "folio/ingest.h"

using namespace folio;

TEST(CleanText, DropsBomAndNormalisesLineEnds) {
    auto c = clean_text("\xEF\xBB\xBF" "a\r\nb\rc\n");
    EXPECT_EQ(c.text, "a\nb\nc\n");
    EXPECT_EQ(c.invalid_count, 0u);
}

TEST(CleanText, InvalidUtf8BecomesReplacementWithOffsets) {
    auto c = clean_text("ok\xFF" "x\xE4\xB8" "y");
    EXPECT_EQ(c.text, "ok\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBDy");
    EXPECT_EQ(c.invalid_count, 3u);
    ASSERT_EQ(c.invalid_offsets.size(), 3u);
    EXPECT_EQ(c.invalid_offsets[0], 2u);
    EXPECT_EQ(c.invalid_offsets[1], 4u);
}

TEST(CleanText, OverlongAndSurrogatesAreInvalid) {
    EXPECT_EQ(clean_text("\xC0\xAF").invalid_count, 2u);
    EXPECT_EQ(clean_text("\xED\xA0\x80").invalid_count, 3u);
    EXPECT_EQ(clean_text("\xEF\xBF\xBD").invalid_count, 0u);  // a real U+FFFD is fine
}

TEST(CleanText, LineSeparatorsAndControls) {
    auto c = clean_text("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\x01\x1B" "d\te");
    EXPECT_EQ(c.text, "a\nb\ncd\te");
    EXPECT_EQ(c.controls_dropped, 2u);
}

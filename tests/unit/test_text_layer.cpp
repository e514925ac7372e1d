// The reader's text layer: the rows it keeps, its JSON, and publishing only on change.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "folio/text_layer.h"

namespace folio {
namespace {

TEST(LayerRange, HoldsTheScreenAndAScreenEitherWay) {
    for (float scroll : {0.0f, 10.0f, 299.0f, 300.0f, 1234.5f, 99999.0f}) {
        const LayerRange r = layer_range(scroll, 600.0f);
        EXPECT_LE(r.top, scroll - 600.0f) << scroll;
        EXPECT_GE(r.bottom, scroll + 1200.0f) << scroll;
        EXPECT_LE(r.bottom - r.top, 3.0f * 600.0f + 300.0f) << scroll;  // never the whole post
    }
}

TEST(LayerRange, MovesOnlyEveryHalfScreen) {
    const LayerRange a = layer_range(0.0f, 600.0f);
    for (float scroll = 0.0f; scroll < 300.0f; scroll += 7.0f) {
        EXPECT_EQ(layer_range(scroll, 600.0f).top, a.top);
        EXPECT_EQ(layer_range(scroll, 600.0f).bottom, a.bottom);
    }
    EXPECT_EQ(layer_range(300.0f, 600.0f).top, a.top + 300.0f);
}

TEST(LayerRange, HoldsALineThatOverlapsIt) {
    const LayerRange r{100.0f, 200.0f};
    EXPECT_TRUE(r.holds(90.0f, 20.0f));
    EXPECT_TRUE(r.holds(199.0f, 20.0f));
    EXPECT_FALSE(r.holds(60.0f, 20.0f));
    EXPECT_FALSE(r.holds(200.0f, 20.0f));
}

TEST(LayerJson, ListsEachLineWithItsPlaceAndBreak) {
    const std::vector<LayerLine> lines = {{"Hello ", 1.004f, 2.0f, 40.256f, 17.0f, 21.0f, false, 14.0f},
                                          {"world \"quoted\" 中文", 1.0f, 23.0f, 80.0f, 17.0f, 21.0f, true, 14.0f}};
    const auto j = nlohmann::json::parse(layer_json(lines, 2));
    EXPECT_EQ(j["face"], 2);
    ASSERT_EQ(j["lines"].size(), 2u);
    EXPECT_EQ(j["lines"][0][0], "Hello ");
    EXPECT_DOUBLE_EQ(j["lines"][0][1].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(j["lines"][0][3].get<double>(), 40.26);
    EXPECT_EQ(j["lines"][0][6], 0);
    EXPECT_EQ(j["lines"][1][0], "world \"quoted\" 中文");
    EXPECT_EQ(j["lines"][1][6], 1);
    EXPECT_DOUBLE_EQ(j["lines"][1][7].get<double>(), 14.0);
}

TEST(LayerJson, InvalidUtf8IsReplacedNotThrown) {
    const std::vector<LayerLine> lines = {{std::string("a\xff" "b"), 0, 0, 10, 17, 21, true}};
    const auto j = nlohmann::json::parse(layer_json(lines, 0));
    EXPECT_EQ(j["lines"][0][0], "a\xEF\xBF\xBD" "b");
}

TEST(ChangeGate, PassesTheFirstValueAndThenOnlyChanges) {
    ChangeGate gate;
    EXPECT_TRUE(gate.changed("a"));
    EXPECT_FALSE(gate.changed("a"));
    EXPECT_FALSE(gate.changed("a"));
    EXPECT_TRUE(gate.changed("b"));
    EXPECT_TRUE(gate.changed("a"));
    EXPECT_EQ(gate.passed, 3u);
    ChangeGate empty;
    EXPECT_TRUE(empty.changed(""));  // even an empty first value goes through (the page starts empty too)
    EXPECT_FALSE(empty.changed(""));
}

}  // namespace
}  // namespace folio

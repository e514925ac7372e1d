#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "folio/line_break.h"
#include "folio/utf8.h"

using namespace folio;

namespace {

// Every code point is one unit wide, so max_width counts characters.
std::vector<std::string> wrap_all(std::string_view text, float width) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = wrap_line(text, width, [](char32_t) { return 1.0f; });
        EXPECT_GT(end, 0u);
        std::string line(text.substr(0, end));
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(line);
        text.remove_prefix(end);
        while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
    }
    return lines;
}

}  // namespace

TEST(LineBreak, LatinBreaksOnlyBetweenWords) {
    EXPECT_EQ(wrap_all("the quick brown fox", 10), (std::vector<std::string>{"the quick", "brown fox"}));
    EXPECT_EQ(wrap_all("vaccination drive", 12), (std::vector<std::string>{"vaccination", "drive"}));
    // A word wider than the line breaks where it must.
    EXPECT_EQ(wrap_all("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
}

TEST(LineBreak, CjkBreaksAnywhere) {
    EXPECT_EQ(wrap_all("台风逼近渡轮服务暂停", 4), (std::vector<std::string>{"台风逼近", "渡轮服务", "暂停"}));
    // Latin inside CJK stays whole.
    EXPECT_EQ(wrap_all("今天COVID疫苗", 5), (std::vector<std::string>{"今天", "COVID", "疫苗"}));
}

TEST(LineBreak, NoClosingPunctuationAtLineStart) {
    // 。 would start line 2: the character before it moves down with it.
    EXPECT_EQ(wrap_all("一二三四。五六", 4), (std::vector<std::string>{"一二三", "四。五六"}));
    EXPECT_EQ(wrap_all("一二三四」，五", 4), (std::vector<std::string>{"一二三", "四」，五"}));
    EXPECT_EQ(wrap_all("ab cd, ef", 5), (std::vector<std::string>{"ab", "cd,", "ef"}));
}

TEST(LineBreak, NoOpeningPunctuationAtLineEnd) {
    EXPECT_EQ(wrap_all("一二三「四五」", 4), (std::vector<std::string>{"一二三", "「四五」"}));
    EXPECT_EQ(wrap_all("一二三（四五）", 4), (std::vector<std::string>{"一二三", "（四五）"}));
}

TEST(LineBreak, Rules) {
    EXPECT_TRUE(no_break_before(U'。'));
    EXPECT_TRUE(no_break_before(U'、'));
    EXPECT_TRUE(no_break_before(U'ー'));
    EXPECT_TRUE(no_break_after(U'「'));
    EXPECT_TRUE(no_break_after(U'“'));
    EXPECT_TRUE(can_break_between(U'中', U'文'));
    EXPECT_TRUE(can_break_between(U' ', U'a'));
    EXPECT_FALSE(can_break_between(U'a', U'b'));
    EXPECT_FALSE(can_break_between(U'a', U' '));
    EXPECT_FALSE(can_break_between(U'中', U'，'));
}

TEST(LineBreak, HardBreaksAndEdgeCases) {
    EXPECT_EQ(wrap_line("ab\ncd", 10, [](char32_t) { return 1.0f; }), 2u);
    EXPECT_EQ(wrap_line("", 10, [](char32_t) { return 1.0f; }), 0u);
    // A zero-width line still takes one character (always makes progress).
    EXPECT_EQ(wrap_line("台风", 0, [](char32_t) { return 1.0f; }), 3u);
    // Trailing spaces hang past the edge.
    EXPECT_EQ(wrap_line("abc    def", 3, [](char32_t) { return 1.0f; }), 7u);
}

TEST(LineBreak, WrapLinesClampsToMaxLinesWithAnEllipsis) {
    const auto one = [](char32_t) { return 1.0f; };
    using Lines = std::vector<std::string>;
    EXPECT_EQ(wrap_lines("the quick brown fox", 10, 2, one), (Lines{"the quick", "brown fox"}));
    EXPECT_EQ(wrap_lines("short", 10, 2, one), (Lines{"short"}));
    EXPECT_EQ(wrap_lines("", 10, 2, one), Lines{});
    // More than two lines: the second ends in an ellipsis where it fits (9 characters + "…").
    EXPECT_EQ(wrap_lines("the quick brown fox jumps over", 10, 2, one), (Lines{"the quick", "brown fox\u2026"}));
    EXPECT_EQ(wrap_lines("一二三四五六七八九十一二三四五六七八九十一二三", 10, 2, one),
              (Lines{"一二三四五六七八九十", "一二三四五六七八九\u2026"}));
    EXPECT_EQ(wrap_lines("a b c d e f", 3, 1, one), (Lines{"a\u2026"}));
}

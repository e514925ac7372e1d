// The reader's compare (folio/text_diff.h): marked ranges, minimal edits, the edit budget.
#include <gtest/gtest.h>

#include <random>

#include "folio/text_diff.h"
#include "folio/utf8.h"

namespace folio {
namespace {

std::vector<std::string> marked(std::string_view s, const TextRanges& r) {
    std::vector<std::string> out;
    for (const auto& [b, e] : r) out.emplace_back(s.substr(b, e - b));
    return out;
}

std::string unmarked(std::string_view s, const TextRanges& r) {
    std::string out;
    std::uint32_t at = 0;
    for (const auto& [b, e] : r) {
        EXPECT_LE(at, b);
        out += s.substr(at, b - at);
        at = e;
    }
    return out + std::string(s.substr(at));
}

std::size_t code_points(const TextRanges& r, std::string_view s) {
    std::size_t n = 0;
    for (const auto& [b, e] : r)
        for (std::size_t i = b; i < e; ++n) utf8_next(s, i);
    return n;
}

TEST(TextDiff, SameTextsHaveNoDifferences) {
    const TextDiff d = diff_text("新华社北京电 今天", "新华社北京电 今天");
    EXPECT_TRUE(d.only_a.empty());
    EXPECT_TRUE(d.only_b.empty());
    EXPECT_TRUE(d.aligned);
}

TEST(TextDiff, MarksAnInsertedSentenceAndAChangedCharacter) {
    const std::string a = "记者报道，大雨持续三天。当地学校停课。";
    const std::string b = "记者报道，暴雨持续三天。交通中断。当地学校停课。";
    const TextDiff d = diff_text(a, b);
    EXPECT_EQ(marked(a, d.only_a), std::vector<std::string>{"大"});
    EXPECT_EQ(marked(b, d.only_b), (std::vector<std::string>{"暴", "交通中断。"}));
}

TEST(TextDiff, LatinTextDiffersByWholeWords) {
    const std::string a = "The storm hit the coast on Monday";
    const std::string b = "The storm struck the coast on Tuesday";
    const TextDiff d = diff_text(a, b);
    EXPECT_EQ(marked(a, d.only_a), (std::vector<std::string>{"hit", "Monday"}));
    EXPECT_EQ(marked(b, d.only_b), (std::vector<std::string>{"struck", "Tuesday"}));
}

TEST(TextDiff, OneSideEmpty) {
    const TextDiff d = diff_text("", "全文");
    EXPECT_TRUE(d.only_a.empty());
    EXPECT_EQ(marked("全文", d.only_b), std::vector<std::string>{"全文"});
}

// Random texts of single-character tokens: what is left unmarked is the same on both sides, and the
// marks are as few as a longest common subsequence allows.
TEST(TextDiff, MarksAreAMinimalEditScript) {
    const char* alphabet[] = {"甲", "乙", "丙", "，"};
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
        std::vector<int> x(rng() % 40), y(rng() % 40);
        for (int& c : x) c = static_cast<int>(rng() % 4);
        for (int& c : y) c = static_cast<int>(rng() % 4);
        std::string a, b;
        for (int c : x) a += alphabet[c];
        for (int c : y) b += alphabet[c];
        std::vector<std::vector<int>> lcs(x.size() + 1, std::vector<int>(y.size() + 1, 0));
        for (std::size_t i = x.size(); i-- > 0;)
            for (std::size_t j = y.size(); j-- > 0;)
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        const TextDiff d = diff_text(a, b);
        ASSERT_TRUE(d.aligned);
        EXPECT_EQ(unmarked(a, d.only_a), unmarked(b, d.only_b)) << a << " / " << b;
        EXPECT_EQ(code_points(d.only_a, a) + code_points(d.only_b, b), x.size() + y.size() - 2 * static_cast<std::size_t>(lcs[0][0]))
            << a << " / " << b;
    }
}

TEST(TextDiff, PastTheBudgetTheMiddleIsMarkedWhole) {
    const std::string a = "开头甲乙丙丁戊己庚辛结尾", b = "开头子丑寅卯辰巳午未结尾";
    const TextDiff d = diff_text(a, b, 3);
    EXPECT_FALSE(d.aligned);
    EXPECT_EQ(marked(a, d.only_a), std::vector<std::string>{"甲乙丙丁戊己庚辛"});
    EXPECT_EQ(marked(b, d.only_b), std::vector<std::string>{"子丑寅卯辰巳午未"});
}

}  // namespace
}  // namespace folio

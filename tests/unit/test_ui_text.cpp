#include <gtest/gtest.h>

#include <set>
#include <string>

#include "folio/date.h"
#include "folio/ui_text.h"
#include "folio/utf8.h"

using namespace folio;

namespace {

constexpr UiLanguage kLanguages[] = {UiLanguage::En, UiLanguage::ZhHans, UiLanguage::ZhHant};

// The placeholders {0}..{9} a pattern uses.
std::set<int> placeholders(const std::string& s) {
    std::set<int> out;
    for (std::size_t i = 0; i + 2 < s.size(); ++i)
        if (s[i] == '{' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] == '}') out.insert(s[i + 1] - '0');
    return out;
}

}  // namespace

TEST(UiText, EveryStringInEveryLanguageIsNonEmptyValidUtf8) {
    for (std::size_t k = 0; k < kUiTextCount; ++k)
        for (UiLanguage lang : kLanguages) {
            const std::string text = ui_text(lang, static_cast<Ui>(k));
            EXPECT_FALSE(text.empty()) << "string " << k << " in " << ui_language_code(lang);
            std::set<char32_t> cps;
            add_codepoints(cps, text);
            EXPECT_FALSE(cps.count(0xFFFD)) << "string " << k << " in " << ui_language_code(lang) << " is not UTF-8";
        }
}

TEST(UiText, PlaceholdersAgreeAcrossLanguages) {
    for (std::size_t k = 0; k < kUiTextCount; ++k) {
        const auto id = static_cast<Ui>(k);
        const std::set<int> en = placeholders(ui_text(UiLanguage::En, id));
        // No gaps: {0}..{n-1}, so ui_format's arguments line up.
        int expect = 0;
        for (int n : en) EXPECT_EQ(n, expect++) << "string " << k << ": " << ui_text(UiLanguage::En, id);
        for (UiLanguage lang : kLanguages)
            EXPECT_EQ(placeholders(ui_text(lang, id)), en) << "string " << k << " in " << ui_language_code(lang) << ": "
                                                         << ui_text(lang, id);
    }
}

TEST(UiText, ChineseStringsAreTranslated) {
    // The language names are the same in every language (each written in its own); the rest of the
    // Chinese strings differ from the English, and most Traditional from the Simplified.
    std::size_t same_as_english = 0, same_hans_hant = 0;
    for (std::size_t k = 0; k < kUiTextCount; ++k) {
        const auto id = static_cast<Ui>(k);
        if (std::string(ui_text(UiLanguage::ZhHans, id)) == ui_text(UiLanguage::En, id)) ++same_as_english;
        if (std::string(ui_text(UiLanguage::ZhHans, id)) == ui_text(UiLanguage::ZhHant, id)) ++same_hans_hant;
    }
    EXPECT_LE(same_as_english, 6u);  // language names, "{0} px", "{0} to {1}"-like pure patterns
    EXPECT_LT(same_hans_hant, kUiTextCount / 2);
    EXPECT_STREQ(ui_text(UiLanguage::ZhHans, Ui::SortDate), "日期");
    EXPECT_STREQ(ui_text(UiLanguage::ZhHant, Ui::KeySearch), "搜尋");
    EXPECT_STREQ(ui_text(UiLanguage::ZhHans, Ui::KeySearch), "搜索");
}

TEST(UiText, FormatReplacesNumberedPlaceholders) {
    EXPECT_EQ(ui_format("{0} of {1} posts", {"3", "10"}), "3 of 10 posts");
    EXPECT_EQ(ui_format("{1} before {0}", {"a", "b"}), "b before a");
    EXPECT_EQ(ui_format("{0}{0}", {"x"}), "xx");
    EXPECT_EQ(ui_format("{2} kept", {"a"}), "{2} kept");  // no such argument: left as written
    EXPECT_EQ(ui_format("{x} {", {"a"}), "{x} {");
    EXPECT_EQ(ui_format(UiLanguage::ZhHans, Ui::ListNarrowed, {"3", "10"}), "3 篇（共 10 篇）");
    EXPECT_EQ(ui_format(UiLanguage::En, Ui::ListNarrowed, {"3", "10"}), "3 of 10 posts");
}

TEST(UiText, LanguageCodesRoundTrip) {
    for (UiLanguage lang : kLanguages) EXPECT_EQ(ui_language_from_code(ui_language_code(lang)), lang);
    EXPECT_STREQ(ui_language_code(UiLanguage::ZhHant), "zh-Hant");
    EXPECT_FALSE(ui_language_from_code("fr"));
    EXPECT_FALSE(ui_language_from_code(""));
}

TEST(UiText, LanguageFromTheBrowsersPreferences) {
    EXPECT_EQ(ui_language_for("zh-CN"), UiLanguage::ZhHans);
    EXPECT_EQ(ui_language_for("zh-CN,zh,en-US,en"), UiLanguage::ZhHans);
    EXPECT_EQ(ui_language_for("zh"), UiLanguage::ZhHans);
    EXPECT_EQ(ui_language_for("zh-SG"), UiLanguage::ZhHans);
    EXPECT_EQ(ui_language_for("zh-Hans-HK"), UiLanguage::ZhHans);  // the script decides over the region
    EXPECT_EQ(ui_language_for("zh-TW"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh-TW,zh,en"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh-HK"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh-MO"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh-Hant"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh-Hant-CN"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("zh_TW"), UiLanguage::ZhHant);  // '_' as some settings write it
    EXPECT_EQ(ui_language_for("ZH-tw"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("yue-HK"), UiLanguage::ZhHant);
    EXPECT_EQ(ui_language_for("en-US"), UiLanguage::En);
    EXPECT_EQ(ui_language_for("en-US,zh-CN"), UiLanguage::En);  // the first wanted decides
    EXPECT_EQ(ui_language_for("fr-FR, zh-TW"), UiLanguage::ZhHant);  // languages we lack are skipped
    EXPECT_EQ(ui_language_for("fr-FR,de"), UiLanguage::En);
    EXPECT_EQ(ui_language_for(""), UiLanguage::En);
    EXPECT_EQ(ui_language_for(",,"), UiLanguage::En);
    EXPECT_EQ(ui_language_for("zhx,zh-TW"), UiLanguage::ZhHant);  // not a prefix match
}

TEST(UiText, CodepointsCoverEveryString) {
    const std::set<char32_t> all = ui_text_codepoints();
    for (std::size_t k = 0; k < kUiTextCount; ++k)
        for (UiLanguage lang : kLanguages) {
            std::set<char32_t> cps;
            add_codepoints(cps, ui_text(lang, static_cast<Ui>(k)));
            for (char32_t cp : cps) EXPECT_TRUE(all.count(cp)) << static_cast<unsigned>(cp);
        }
    EXPECT_TRUE(all.count(U'尋'));
    EXPECT_TRUE(all.count(U'索'));
    EXPECT_TRUE(all.count(U'繁'));
    // Dates in Chinese use 年月日, which the table must carry even if no string spells them.
    EXPECT_TRUE(all.count(U'年'));
    EXPECT_TRUE(all.count(U'月'));
    EXPECT_TRUE(all.count(U'日'));
}

TEST(UiDate, DaysInEachLanguage) {
    const std::int64_t t = 1709631480;  // 2024-03-05T09:38:00Z
    EXPECT_EQ(format_day_in(UiLanguage::En, t, 0), "5 Mar 2024");
    EXPECT_EQ(format_day_in(UiLanguage::ZhHans, t, 0), "2024年3月5日");
    EXPECT_EQ(format_day_in(UiLanguage::ZhHant, t, 0), "2024年3月5日");
    EXPECT_EQ(format_day_in(UiLanguage::ZhHans, t, -600), "2024年3月4日");  // the post's own offset
    EXPECT_EQ(format_date_time_in(UiLanguage::En, t, 480), "5 Mar 2024, 17:38");
    EXPECT_EQ(format_date_time_in(UiLanguage::ZhHans, t, 480), "2024年3月5日 17:38");
    EXPECT_EQ(format_date_time_in(UiLanguage::ZhHant, 1709596800, 0), "2024年3月5日");  // midnight: a date alone
    EXPECT_EQ(format_day_number_in(UiLanguage::En, 0), "1 Jan 1970");
    EXPECT_EQ(format_day_number_in(UiLanguage::ZhHant, 19787), "2024年3月5日");
    EXPECT_EQ(format_month_in(UiLanguage::En, 2024, 12), "Dec 2024");
    EXPECT_EQ(format_month_in(UiLanguage::ZhHans, 2024, 3), "2024年3月");
    EXPECT_EQ(format_year_in(UiLanguage::En, 2024), "2024");
    EXPECT_EQ(format_year_in(UiLanguage::ZhHant, 2024), "2024年");
    EXPECT_EQ(format_day_in(UiLanguage::En, -86400, 0), "31 Dec 1969");
}

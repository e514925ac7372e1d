// The fonts a site ships draw the viewer's strings in every language, even when no post is Chinese:
// the build adds them to every subset (font_subset.cpp base_codepoints, from folio/ui_text.h).
#include <gtest/gtest.h>

#include <set>

#include "fold_table.h"
#include "folio/ui_text.h"
#include "folio/utf8.h"
#include "site_fonts.h"

using namespace folio;

namespace {

Post post_titled(const std::string& name, const std::string& title, const std::string& text) {
    Post p;
    p.id = make_post_id(name);
    p.path = name;
    p.title = title;
    p.blocks.push_back(Block{BlockKind::Paragraph, 0, 0, 0, text, "", {}});
    return p;
}

// The code points of face's first slice.
std::set<char32_t> first_slice(const FontRef& face) {
    const auto& order = face.by_frequency;
    return std::set<char32_t>(order.begin(), order.begin() + std::min<std::size_t>(order.size(), face.slices.at(0).count));
}

bool covers(const FontRef& font, char32_t cp) {
    for (const CodepointRange& r : font.codepoints)
        if (cp >= r.first && cp <= r.last) return true;
    return false;
}

}  // namespace

TEST(UiFonts, EveryUiStringIsInTheSubsetFontsOfAnEnglishOnlySite) {
    std::vector<Post> posts(1);
    posts[0].id = make_post_id("hello.md");
    posts[0].path = "hello.md";
    posts[0].title = "Hello";
    posts[0].blocks.push_back(Block{BlockKind::Paragraph, 0, 0, 0, "Plain English text, nothing else.", "", {}});
    std::set<char32_t> used;
    add_codepoints(used, posts[0].title);
    add_codepoints(used, posts[0].blocks[0].text);
    const auto table = build_fold_table(used);
    ASSERT_TRUE(table) << table.error().message;
    const auto fonts = make_site_fonts(posts, *table, "");
    ASSERT_TRUE(fonts) << fonts.error().message;
    ASSERT_FALSE(fonts->faces.empty());
    const std::set<char32_t> wanted = ui_text_codepoints();
    EXPECT_GT(wanted.size(), 300u);  // the Chinese strings' characters among them
    std::size_t lacking = 0;
    for (char32_t cp : wanted) {
        // The UI draws with the first face, the fallback merged into it.
        const bool drawn = covers(fonts->faces[0], cp) || covers(fonts->fallback, cp);
        EXPECT_TRUE(drawn) << "U+" << std::hex << static_cast<unsigned>(cp) << " is in no font of the site";
        lacking += drawn ? 0 : 1;
        EXPECT_FALSE(fonts->missing.count(cp));
    }
    EXPECT_EQ(lacking, 0u);
    // And the UI's characters come first in the residency order, so a partial atlas still has them.
    const auto& order = fonts->faces[0].by_frequency;
    ASSERT_FALSE(order.empty());
    EXPECT_TRUE(std::set<char32_t>(order.begin(), order.begin() + std::min(order.size(), wanted.size() + 1000)).count(U'繁'));
}

// Each face's first slice holds what the first screen draws with it: a face that draws one row of
// twenty-one carries that row's title and the characters the viewer measures faces with, not the
// UI's characters, nor its share of the most frequent beyond one row's worth.
TEST(UiFonts, FirstSlicesHoldWhatTheFirstScreenDrawsWithEachFace) {
    std::vector<Post> posts;
    for (int i = 0; i < 20; ++i)
        posts.push_back(post_titled("sc" + std::to_string(i) + ".md", "经济发展报告第" + std::to_string(i) + "期",
                                    "这是一篇关于经济发展和社会变化的简体中文文章，记者报道。"));
    posts.push_back(post_titled("tc.md", "臺灣選舉與經濟觀察", "這是一篇關於臺灣選舉與經濟發展的繁體中文報導，記者觀察。"));
    std::set<char32_t> used;
    for (const Post& p : posts) {
        add_codepoints(used, p.title);
        add_codepoints(used, p.blocks[0].text);
    }
    const auto table = build_fold_table(used);
    ASSERT_TRUE(table) << table.error().message;
    const auto fonts = make_site_fonts(posts, *table, "");
    ASSERT_TRUE(fonts) << fonts.error().message;
    ASSERT_EQ(fonts->faces.size(), 2u);  // SC and TC: no post asks for the Japanese face
    ASSERT_EQ(posts.back().font_face, 1u);
    const std::set<char32_t> sc = first_slice(fonts->faces[0]), tc = first_slice(fonts->faces[1]);
    std::set<char32_t> title;
    add_codepoints(title, posts.back().title);
    for (char32_t cp : title) EXPECT_TRUE(tc.count(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
    for (char32_t cp : {U'中', U'n', U'A'}) EXPECT_TRUE(tc.count(cp));
    std::size_t ui_in_tc = 0;
    const std::set<char32_t> ui = ui_text_codepoints();
    for (char32_t cp : ui) {
        EXPECT_TRUE(sc.count(cp) || !covers(fonts->faces[0], cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
        ui_in_tc += tc.count(cp);
    }
    EXPECT_LT(ui_in_tc, ui.size() / 4);
    // 2 x 300 most frequent shared out by rows: the TC face's share is 600 / 21, the rest its front.
    EXPECT_LT(tc.size(), 95u + title.size() + 5u + 600u / 21u + 1u);
    EXPECT_GT(sc.size(), ui.size());
}

TEST(UiFonts, TheUiFacesFirstSliceHoldsTheNamesTheFiltersShowFirst) {
    // The 60 newest posts fill the first screen; a tag only older posts carry is the filters' first.
    std::vector<Post> posts;
    for (int i = 0; i < 60; ++i) {
        posts.push_back(post_titled("new" + std::to_string(i) + ".md", "经济报告" + std::to_string(i), "简体中文文章。"));
        posts.back().tags = {"news" + std::to_string(i)};
    }
    for (int i = 0; i < 5; ++i) {
        posts.push_back(post_titled("old" + std::to_string(i) + ".md", "经济报告", "简体中文文章。"));
        posts.back().tags = {"廣播電臺"};
    }
    std::set<char32_t> used;
    for (const Post& p : posts) {
        add_codepoints(used, p.title);
        add_codepoints(used, p.blocks[0].text);
        for (const auto& t : p.tags) add_codepoints(used, t);
    }
    const auto table = build_fold_table(used);
    ASSERT_TRUE(table) << table.error().message;
    const auto fonts = make_site_fonts(posts, *table, "", {}, 40);
    ASSERT_TRUE(fonts) << fonts.error().message;
    const std::set<char32_t> ui = first_slice(fonts->faces.at(0));
    for (char32_t cp : std::u32string(U"廣播電臺")) EXPECT_TRUE(ui.count(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
}

// CJK faces draw curly quotes an em wide ("People’ s"); the site takes them from its fallback's
// narrow glyphs, as a browser's Latin-first font stack does.
TEST(UiFonts, CurlyQuotesComeFromTheFallbackNotTheCjkFace) {
    std::vector<Post> posts{post_titled("a.md", "People’s “New Year”", "简体中文‘引号’文章。")};
    std::set<char32_t> used;
    add_codepoints(used, posts[0].title);
    add_codepoints(used, posts[0].blocks[0].text);
    const auto table = build_fold_table(used);
    ASSERT_TRUE(table) << table.error().message;
    const auto fonts = make_site_fonts(posts, *table, "", {}, 40);
    ASSERT_TRUE(fonts) << fonts.error().message;
    for (char32_t cp : std::u32string(U"‘’“”")) {
        EXPECT_FALSE(covers(fonts->faces.at(0), cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
        EXPECT_TRUE(covers(fonts->fallback, cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
    }
    EXPECT_TRUE(covers(fonts->faces.at(0), U'中'));
    EXPECT_TRUE(fonts->missing.empty());
}

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

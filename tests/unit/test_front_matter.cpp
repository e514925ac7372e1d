#include <gtest/gtest.h>

#include "folio/ingest.h"

using namespace folio;
using Strings = std::vector<std::string>;

TEST(FrontMatter, CanonicalShape) {
    auto fm = read_front_matter(
        "---\nlayout: post\ntitle: \"习近平通话古特雷斯：支持联合国\"\ndate: 2021-05-07T01:38:21.612Z\n"
        "author: 联合早报\nfrom: https://www.zaobao.com/x\ntags: [ 联合早报 ]\ncategories: [ news, RTI 中央廣播電臺 ]\n---\nbody");
    EXPECT_TRUE(fm.present);
    EXPECT_FALSE(fm.lenient);
    EXPECT_EQ(fm.title, "习近平通话古特雷斯：支持联合国");
    EXPECT_EQ(fm.date, "2021-05-07T01:38:21.612Z");
    EXPECT_EQ(fm.author, "联合早报");
    EXPECT_EQ(fm.source_url, "https://www.zaobao.com/x");
    EXPECT_EQ(fm.tags, Strings{"联合早报"});
    EXPECT_EQ(fm.categories, (Strings{"news", "RTI 中央廣播電臺"}));
    ASSERT_EQ(fm.extra.size(), 1u);
    EXPECT_EQ(fm.extra[0].first, "layout");
    EXPECT_EQ(fm.extra[0].second, "\"post\"");
}

TEST(FrontMatter, ListShapes) {
    EXPECT_EQ(read_front_matter("---\ntags:\n  - a b\n  - c\n---\n").tags, (Strings{"a b", "c"}));
    EXPECT_EQ(read_front_matter("---\ntags: 天气\n---\n").tags, Strings{"天气"});
    EXPECT_EQ(read_front_matter("---\ntags: 体育 城市\n---\n").tags, (Strings{"体育", "城市"}));
    EXPECT_EQ(read_front_matter("---\ntags: 科技, 手机\n---\n").tags, (Strings{"科技", "手机"}));
    EXPECT_EQ(read_front_matter("---\ncategories: rss\n---\n").categories, Strings{"rss"});
}

TEST(FrontMatter, BareColonTitleAndSourceKeys) {
    auto fm = read_front_matter("---\ntitle: 疫情:香港实施新措施\nlink: https://a.example/1\n---\n");
    EXPECT_FALSE(fm.lenient);
    EXPECT_EQ(fm.title, "疫情:香港实施新措施");
    EXPECT_EQ(fm.source_url, "https://a.example/1");
    EXPECT_EQ(read_front_matter("---\ncanonical_url: https://b.example/2\n---\n").source_url, "https://b.example/2");
    auto not_url = read_front_matter("---\nsource: BBC\n---\n");
    EXPECT_EQ(not_url.source_url, "");
    ASSERT_EQ(not_url.extra.size(), 1u);
}

TEST(FrontMatter, LenientFallbackForInvalidYaml) {
    auto fm = read_front_matter("---\ntitle: Breaking: a title: with colons\ntags: [a, b\ndate: 2020-01-02\n---\nbody");
    EXPECT_TRUE(fm.lenient);
    EXPECT_FALSE(fm.error.empty());
    EXPECT_EQ(fm.title, "Breaking: a title: with colons");
    EXPECT_EQ(fm.date, "2020-01-02");
    EXPECT_EQ(std::string_view("---\ntitle: Breaking: a title: with colons\ntags: [a, b\ndate: 2020-01-02\n---\nbody").substr(fm.body_offset), "body");
}

TEST(FrontMatter, UnterminatedBlockEndsAtBlankLine) {
    const std::string text = "---\ntitle: T\ndate: 2020-01-02\n\nBody here";
    auto fm = read_front_matter(text);
    EXPECT_TRUE(fm.lenient);
    EXPECT_EQ(fm.title, "T");
    EXPECT_EQ(text.substr(fm.body_offset), "\nBody here");
}

TEST(FrontMatter, DuplicateKeysLastWins) {
    auto fm = read_front_matter("---\ntitle: first\ntitle: second\n---\n");
    EXPECT_EQ(fm.title, "second");
    EXPECT_EQ(fm.duplicate_keys, Strings{"title"});
}

TEST(FrontMatter, NoFrontMatter) {
    auto fm = read_front_matter("<!--1620401160000-->\n[t](u)\n");
    EXPECT_FALSE(fm.present);
    EXPECT_EQ(fm.body_offset, 0u);
}

#include <gtest/gtest.h>

#include "folio/marks.h"
#include "folio/safe_link.h"

using namespace folio;

TEST(Marks, RoundTrip) {
    Marks m;
    m.bookmarks = {"0a1b2c3d4e5f", "ffffffffffff"};
    m.read = {"0a1b2c3d4e5f", "123456789abc"};
    const std::string text = format_marks(m, "/archive/");
    const auto back = parse_marks(text);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, m);
    EXPECT_NE(text.find("\"site\":\"/archive/\""), std::string::npos);
}

TEST(Marks, RejectsOtherFiles) {
    for (const char* bad : {"", "[]", "{}", "not json", "{\"format\":\"folio-marks\"}",
                            "{\"format\":\"folio-marks\",\"version\":2}", "{\"format\":\"x\",\"version\":1}"})
        EXPECT_FALSE(parse_marks(bad)) << bad;
}

TEST(Marks, SkipsWhatIsNotAPostId) {
    const auto m = parse_marks(
        R"({"format":"folio-marks","version":1,"bookmarks":["abc123",5,null,"<img src=x>","",["x"],"ABC"],"read":"abc"})");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->bookmarks, (std::set<std::string>{"abc123"}));
    EXPECT_TRUE(m->read.empty());
}

TEST(Marks, MergeAdds) {
    Marks a, b;
    a.bookmarks = {"a1"};
    b.bookmarks = {"b2"};
    b.read = {"c3"};
    merge_marks(a, b);
    EXPECT_EQ(a.bookmarks, (std::set<std::string>{"a1", "b2"}));
    EXPECT_EQ(a.read, (std::set<std::string>{"c3"}));
}

TEST(SafeLink, OnlyHttpHttpsMailto) {
    for (const char* ok : {"http://example.com", "https://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM", "mailto:a@b.c"})
        EXPECT_TRUE(is_openable_link(ok)) << ok;
    for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                            "java\nscript:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "vbscript:x",
                            "/relative", "//example.com", "http:///x", "https:", "mailto:", "", "https://a b",
                            "blob:https://x/y", "about:blank", "ftp://x"})
        EXPECT_FALSE(is_openable_link(bad)) << bad;
    EXPECT_FALSE(is_openable_link("https://" + std::string(kMaxLinkBytes, 'a')));
}

TEST(SavedSearches, RoundTripWithTheBookmarks) {
    Marks m;
    m.bookmarks = {"0a1b2c3d4e5f"};
    ASSERT_TRUE(save_search(m, "  台风 news ", "#q=%E5%8F%B0&tag=news"));
    ASSERT_TRUE(save_search(m, "On this day", "#onthisday=03-05&sort=title"));
    EXPECT_EQ(m.searches.front().name, "台风 news");  // trimmed
    const auto back = parse_marks(format_marks(m, "/a/"));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, m);
    EXPECT_EQ(back->searches.size(), 2u);
}

TEST(SavedSearches, ANameSavedAgainReplacesItsSearch) {
    Marks m;
    ASSERT_TRUE(save_search(m, "x", "#q=a"));
    ASSERT_TRUE(save_search(m, "y", "#q=b"));
    ASSERT_TRUE(save_search(m, "x ", "#q=c"));
    ASSERT_EQ(m.searches.size(), 2u);
    EXPECT_EQ(m.searches[0], (SavedSearch{"x", "#q=c"}));
    EXPECT_FALSE(save_search(m, " \t ", "#q=d"));  // no name
    delete_search(m, "x");
    ASSERT_EQ(m.searches.size(), 1u);
    EXPECT_EQ(m.searches[0].name, "y");
}

TEST(SavedSearches, NamesAreCleanedAndCutOnACharacterBoundary) {
    EXPECT_EQ(clean_search_name("a\nb\x01" "c"), "abc");
    const std::string long_name(kMaxSearchName - 1, 'x');
    const std::string cut = clean_search_name(long_name + "台风");  // 台 would straddle the limit
    EXPECT_EQ(cut, long_name);
    EXPECT_EQ(clean_search_name(std::string(kMaxSearchName - 3, 'x') + "台风").size(), kMaxSearchName);
}

TEST(SavedSearches, OlderFilesHaveNoneAndHostileOnesAreSkipped) {
    const auto old = parse_marks(R"({"format":"folio-marks","version":1,"bookmarks":["abc123"],"read":[]})");
    ASSERT_TRUE(old);
    EXPECT_TRUE(old->searches.empty());
    const auto m = parse_marks(R"json({"format":"folio-marks","version":1,"searches":[
        {"name":"ok","view":"#q=a"}, {"name":"ok","view":"#q=dup"}, {"name":"","view":"#q=b"}, {"name":5,"view":"#q=c"},
        {"name":"no hash","view":"javascript:alert(1)"}, {"name":"empty view","view":""}, "x", null, {"view":"#q=d"}]})json");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->searches, (std::vector<SavedSearch>{{"ok", "#q=a"}, {"empty view", ""}}));
    const auto not_list = parse_marks(R"({"format":"folio-marks","version":1,"searches":{"name":"x"}})");
    ASSERT_TRUE(not_list);
    EXPECT_TRUE(not_list->searches.empty());
}

TEST(SavedSearches, ImportKeepsTheSearchAlreadyNamedSo) {
    Marks a, b;
    ASSERT_TRUE(save_search(a, "mine", "#q=a"));
    ASSERT_TRUE(save_search(b, "mine", "#q=theirs"));
    ASSERT_TRUE(save_search(b, "new", "#tag=x"));
    merge_marks(a, b);
    EXPECT_EQ(a.searches, (std::vector<SavedSearch>{{"mine", "#q=a"}, {"new", "#tag=x"}}));
}

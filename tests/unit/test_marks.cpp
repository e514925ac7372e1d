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

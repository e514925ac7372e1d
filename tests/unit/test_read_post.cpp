#include <gtest/gtest.h>

#include <chrono>

#include "folio/date.h"
#include "folio/ingest.h"

using namespace folio;

namespace {
bool has_warning(const FileResult& r, const std::string& kind) {
    for (const auto& w : r.warnings)
        if (w.kind == kind) return true;
    return false;
}
}  // namespace

TEST(ReadPost, BinaryFileIsSkipped) {
    auto r = read_post("a.md", std::string_view("---\ntitle: x\n---\n\0\x01", 20), {});
    EXPECT_FALSE(r.post);
    EXPECT_EQ(r.skip_reason, "binary");
}

TEST(ReadPost, TooLargeIsSkippedWithTheLimit) {
    IngestOptions options;
    options.max_file_bytes = 10;
    auto r = read_post("a.md", "0123456789AB", options);
    EXPECT_EQ(r.skip_reason, "too-large");
    EXPECT_NE(r.skip_detail.find("10"), std::string::npos);
}

TEST(ReadPost, EmptyFileIsSkipped) {
    EXPECT_EQ(read_post("2020-01-01-a.md", "", {}).skip_reason, "empty");
    EXPECT_EQ(read_post("2020-01-01-a.md", " \n\n ", {}).skip_reason, "empty");
}

TEST(ReadPost, InvalidUtf8WarnsWithOffset) {
    auto r = read_post("2020-01-01-a.md", "---\ntitle: t\n---\nab\xFF" "cd\n", {});
    ASSERT_TRUE(r.post);
    ASSERT_TRUE(has_warning(r, "invalid-utf8"));
    EXPECT_NE(r.warnings[0].message.find("offset(s) 19"), std::string::npos) << r.warnings[0].message;
    EXPECT_EQ(plain_text(r.post->blocks), "ab\xEF\xBF\xBD" "cd");
}

TEST(ReadPost, TenMegabyteSingleLineInLinearTime) {
    std::string big = "---\ntitle: big\ndate: 2020-01-01\n---\n<p>";
    while (big.size() < 10u << 20) big += "长文本没有换行 long line without breaks ";
    big += "</p>";
    IngestOptions options;
    options.max_file_bytes = 64u << 20;
    const auto start = std::chrono::steady_clock::now();
    auto r = read_post("big.md", big, options);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r.post);
    EXPECT_GT(plain_text(r.post->blocks).size(), 10u << 19);
    // Generous bound: catches quadratic behaviour (minutes), not speed regressions.
    EXPECT_LT(seconds, 30.0);
}

TEST(ReadPost, DateFallsBackToFileNameThenEpochComment) {
    auto from_name = read_post("2019-03-04-x.md", "---\ntitle: t\n---\nbody", {});
    ASSERT_TRUE(from_name.post && from_name.post->date);
    EXPECT_EQ(format_day(*from_name.post->date, 0), "2019-03-04");
    auto from_comment = read_post("x/123_t.md", "<!--1620401160000-->\n[T](https://a.example/1)\n------\n\n<p>b</p>", {});
    ASSERT_TRUE(from_comment.post && from_comment.post->date);
    EXPECT_EQ(*from_comment.post->date, 1620401160);
    auto none = read_post("x.md", "---\ntitle: t\n---\nbody", {});
    ASSERT_TRUE(none.post);
    EXPECT_FALSE(none.post->date);
    EXPECT_TRUE(has_warning(none, "no-date"));
}

TEST(ReadPostLimits, HugeTitleIsCutOnACharacterBoundary) {
    std::string title;
    for (int i = 0; i < 2000; ++i) title += "长";
    auto r = read_post("2020-01-01-a.md", "---\ntitle: " + title + "\n---\nbody\n", {});
    ASSERT_TRUE(r.post);
    EXPECT_TRUE(has_warning(r, "long-title"));
    std::string expected;
    for (int i = 0; i < 500; ++i) expected += "长";
    EXPECT_EQ(r.post->title, expected + "…");
}

TEST(ReadPostLimits, TagFloodKeepsTheFirstValuesAndCutsLongNames) {
    std::string tags;
    for (int i = 0; i < 5000; ++i) tags += (i ? ", t" : "t") + std::to_string(i);
    const std::string author(300, 'a');
    auto r = read_post("2020-01-01-a.md", "---\ntitle: t\nauthor: " + author + "\ntags: [" + tags + "]\n---\nbody\n", {});
    ASSERT_TRUE(r.post);
    EXPECT_TRUE(has_warning(r, "too-many-values"));
    EXPECT_TRUE(has_warning(r, "long-name"));
    ASSERT_EQ(r.post->tags.size(), 100u);
    EXPECT_EQ(r.post->tags.front(), "t0");
    EXPECT_EQ(r.post->tags.back(), "t99");
    EXPECT_EQ(r.post->author, std::string(200, 'a'));
}

TEST(ReadPostLimits, OverlongUrlAndExtraAreDroppedWithWarnings) {
    const std::string url = "https://example.com/" + std::string(5000, 'x');
    const std::string big(20000, 'y');
    auto r = read_post("2020-01-01-a.md", "---\ntitle: t\nfrom: " + url + "\nnote: " + big + "\nshort: ok\n---\nbody\n", {});
    ASSERT_TRUE(r.post);
    EXPECT_TRUE(has_warning(r, "long-url"));
    EXPECT_TRUE(has_warning(r, "long-extra"));
    EXPECT_TRUE(r.post->source_url.empty());
    ASSERT_EQ(r.post->extra.size(), 1u);
    EXPECT_EQ(r.post->extra[0].first, "short");
}

TEST(ReadPostLimits, FarFutureDateIsRejectedAndQuotedShort) {
    const std::string date = "99999-01-01" + std::string(1000, '9');
    auto r = read_post("2020-01-01-a.md", "---\ntitle: t\ndate: " + date + "\n---\nbody\n", {});
    ASSERT_TRUE(r.post);
    ASSERT_TRUE(has_warning(r, "bad-date"));
    for (const auto& w : r.warnings) {
        if (w.kind == "bad-date") {
            EXPECT_LT(w.message.size(), 200u);
        }
    }
    ASSERT_TRUE(r.post->date);  // from the file name
    EXPECT_EQ(*r.post->date, 1577836800);
}

// Jekyll pastes names into HTML as it does titles, so "&amp;" shows as "&" on the page.
TEST(ReadPost, NamesAreReadAsTheHtmlTheyArePastedInto) {
    auto r = read_post("2020-01-01-a.md",
                       "---\ntitle: \"&quot;Buy&quot; and sell\"\nauthor: Paul Haenle &amp; Xie Tao\n"
                       "tags: [\"R&amp;D\", \"R&D\", \"<C++>\", \"&#38;\"]\ncategories: [\"Op&#8209;ed\"]\n---\nbody\n", {});
    ASSERT_TRUE(r.post);
    EXPECT_EQ(r.post->title, "\"Buy\" and sell");
    EXPECT_EQ(r.post->author, "Paul Haenle & Xie Tao");
    EXPECT_EQ(r.post->tags, (std::vector<std::string>{"R&D", "<C++>", "&"}));
    EXPECT_EQ(r.post->categories, (std::vector<std::string>{"Op\u2011ed"}));
}

// An .html post that is plain text reads as the paragraphs between its blank lines; one with
// block markup is read as the browser reads it.
TEST(ReadPost, AnHtmlPostOfPlainTextKeepsItsParagraphs) {
    auto plain = read_post("2020-03-11-a.html", "---\ntitle: t\n---\n<!--1583900000000-->\n第一段，\n續寫。\n\n  \n第二段 &amp; 完。\n", {});
    ASSERT_TRUE(plain.post);
    ASSERT_EQ(plain.post->blocks.size(), 2u);
    EXPECT_EQ(plain.post->blocks[0].text, "第一段，續寫。");
    EXPECT_EQ(plain.post->blocks[1].text, "第二段 & 完。");
    auto marked = read_post("2020-03-11-b.html", "---\ntitle: t\n---\n<div>一\n\n二</div>\n", {});
    ASSERT_TRUE(marked.post);
    ASSERT_EQ(marked.post->blocks.size(), 1u);
    EXPECT_EQ(marked.post->blocks[0].text, "一二");
}

// "[title](url)\n------" says the title even when cut with "..." or linking the percent-encoded URL.
TEST(ReadPost, AnOpeningHeadingThatSaysTheTitleIsShownOnce) {
    auto cut = read_post("2021-07-11-a.md",
                         "---\ntitle: \"2021-07-11 新闻联播 文字版习近平同朝鲜最高领导人\"\nfrom: https://x.example/a/\n---\n"
                         "[2021-07-11 新闻联播 文字版习近平同朝鲜...](https://x.example/a/)\n------\n\n正文\n", {});
    ASSERT_TRUE(cut.post);
    ASSERT_EQ(cut.post->blocks.size(), 1u);
    EXPECT_EQ(cut.post->blocks[0].text, "正文");
    auto encoded = read_post("2020-07-29-a.md",
                             "---\ntitle: \"“安倍”下跪？\"\nfrom: https://www.dw.com/zh/“安倍”下跪？/a-1\n---\n"
                             "[“安倍”下跪？](https://www.dw.com/zh/%E2%80%9C%E5%AE%89%E5%80%8D%E2%80%9D%E4%B8%8B%E8%B7%AA%EF%BC%9F/a-1)\n"
                             "------\n\n正文\n", {});
    ASSERT_TRUE(encoded.post);
    ASSERT_EQ(encoded.post->blocks.size(), 1u);
    auto other = read_post("2020-07-29-b.md", "---\ntitle: 标题\n---\n另一个标题\n------\n\n正文\n", {});
    ASSERT_TRUE(other.post);
    EXPECT_EQ(other.post->blocks.size(), 2u);  // a heading of other words stays
}

// A body's own first heading that starts like the title is no copy of it unless it links the source.
TEST(ReadPost, AHeadingCutShortWithoutTheSourceLinkStays) {
    auto r = read_post("2020-07-29-c.md", "---\ntitle: Introduction to the archive\n---\nIntroduction to...\n------\n\n正文\n", {});
    ASSERT_TRUE(r.post);
    ASSERT_EQ(r.post->blocks.size(), 2u);
    EXPECT_EQ(r.post->blocks[0].text, "Introduction to...");
}

// What the audit's rules must not do: lose a name's address, split marked-up HTML, keep a cut title.
TEST(ReadPost, TheReadingRulesLoseNothing) {
    auto named = read_post("2020-01-01-a.md", "---\ntitle: t\nauthor: John Doe <john@example.com>\n---\nx\n", {});
    ASSERT_TRUE(named.post);
    EXPECT_EQ(named.post->author, "John Doe <john@example.com>");
    auto inline_markup = read_post("2020-01-01-b.html", "---\ntitle: t\n---\n<img src=\"https://i.example/a.jpg\" alt=\"one\n\ntwo\">\n", {});
    ASSERT_TRUE(inline_markup.post);
    ASSERT_EQ(inline_markup.post->blocks.size(), 1u);
    EXPECT_EQ(inline_markup.post->blocks[0].text, "one two");
    auto ideographic = read_post("2020-01-01-c.html", "---\ntitle: t\n---\n第一段。\n\u3000\u3000\n第二段。\n", {});
    ASSERT_TRUE(ideographic.post);
    EXPECT_EQ(ideographic.post->blocks.size(), 2u);
    auto fuller = read_post("2020-01-01-d.md",
                            "---\ntitle: \"Introduction to the archive……\"\nfrom: https://x.example/a\n---\n"
                            "[Introduction to the archive: part two](https://x.example/a)\n------\n\nbody\n", {});
    ASSERT_TRUE(fuller.post);
    EXPECT_EQ(fuller.post->title, "Introduction to the archive: part two");
    ASSERT_EQ(fuller.post->blocks.size(), 1u);
}

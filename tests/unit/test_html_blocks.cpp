#include <gtest/gtest.h>

#include <chrono>

#include "folio/ingest.h"

using namespace folio;

namespace {
std::string texts(const std::vector<Block>& blocks) { return plain_text(blocks); }
}  // namespace

TEST(HtmlBlocks, DropsScriptsAdsTrackersAndPlaceholders) {
    auto blocks = html_to_blocks(
        "<div><p>一</p><script>alert(1)</script><style>p{}</style><iframe src=x></iframe>"
        "<noscript>n</noscript><section id=\"imu\"><div id=\"dfp-ad-imu1\">AD</div></section>"
        "<div class=\"x innity-in-post\">AD2</div><img src=\"data:image/gif;base64,R0lG\">"
        "<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"><p>二</p></div>");
    EXPECT_EQ(texts(blocks), "一\n二");
}

TEST(HtmlBlocks, CollapsesWhitespaceLikeABrowser) {
    auto blocks = html_to_blocks("<p>  a \n\t b  </p><p>中文\n中文</p><p>中文\nabc</p><p>x&nbsp;&amp;&lt;y</p>");
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(blocks[0].text, "a b");
    EXPECT_EQ(blocks[1].text, "中文中文");  // a line break between CJK characters renders as nothing
    EXPECT_EQ(blocks[2].text, "中文 abc");
    EXPECT_EQ(blocks[3].text, "x &<y");
}

TEST(HtmlBlocks, StructureKinds) {
    auto b = html_to_blocks(
        "<h2>Head</h2><ul><li>one</li><li>two<ol start=3><li>deep</li></ol></li></ul>"
        "<blockquote><p>quoted</p></blockquote><pre>  code\n  more</pre><hr>"
        "<figure><img data-src=\"https://i.example/a.jpg\" src=\"data:,\" alt=\"Alt\"><figcaption>Cap</figcaption></figure>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><a href=\"https://l.example\">2</a></td></tr></table>"
        "<p>line<br>break</p>");
    ASSERT_EQ(b.size(), 12u);
    EXPECT_EQ(b[0].kind, BlockKind::Heading);
    EXPECT_EQ(b[0].level, 2);
    EXPECT_EQ(b[1].kind, BlockKind::ListItem);
    EXPECT_EQ(b[1].level, 1);
    EXPECT_EQ(b[1].number, 0u);
    EXPECT_EQ(b[2].text, "two");
    EXPECT_EQ(b[3].text, "deep");
    EXPECT_EQ(b[3].level, 2);
    EXPECT_EQ(b[3].number, 3u);
    EXPECT_EQ(b[4].text, "quoted");
    EXPECT_EQ(b[4].quote, 1);
    EXPECT_EQ(b[5].kind, BlockKind::Code);
    EXPECT_EQ(b[5].text, "  code\n  more");
    EXPECT_EQ(b[6].kind, BlockKind::Rule);
    EXPECT_EQ(b[7].kind, BlockKind::Image);
    EXPECT_EQ(b[7].url, "https://i.example/a.jpg");
    EXPECT_EQ(b[7].text, "Alt");
    EXPECT_EQ(b[8].kind, BlockKind::Caption);
    EXPECT_EQ(b[9].kind, BlockKind::TableRow);
    EXPECT_EQ(b[9].level, 1);
    EXPECT_EQ(b[9].text, "A\tB");
    EXPECT_EQ(b[10].text, "1\t2");
    ASSERT_EQ(b[10].links.size(), 1u);
    EXPECT_EQ(b[10].links[0].begin, 2u);
    EXPECT_EQ(b[10].links[0].href, "https://l.example");
    EXPECT_EQ(b[11].text, "line\nbreak");
}

TEST(HtmlBlocks, LinksKeepOnlySafeSchemes) {
    auto b = html_to_blocks("<p><a href=\"https://a.example\">安全</a> <a href=\"javascript:alert(1)\">bad</a> "
                            "<a href=\"/relative\">rel</a> <a href=\"mailto:x@example.com\">mail</a></p>");
    ASSERT_EQ(b.size(), 1u);
    ASSERT_EQ(b[0].links.size(), 2u);
    EXPECT_EQ(b[0].text.substr(b[0].links[0].begin, b[0].links[0].end - b[0].links[0].begin), "安全");
    EXPECT_EQ(b[0].links[1].href, "mailto:x@example.com");
}

TEST(HtmlBlocks, UnknownTagsKeepTheirTextAndEmptyContainersVanish) {
    auto b = html_to_blocks("<custom-el>kept <font color=red>text</font></custom-el><div><div> </div></div><span></span>");
    EXPECT_EQ(texts(b), "kept text");
}

TEST(HtmlBlocks, DeepNestingAndUnbalancedTags) {
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "<div>";
    deep += "深处";
    bool flattened = false;
    auto b = html_to_blocks(deep, &flattened);
    EXPECT_EQ(texts(b), "深处");
    EXPECT_TRUE(flattened);
    std::string shallow;
    for (int i = 0; i < 400; ++i) shallow += "<div>";
    EXPECT_EQ(texts(html_to_blocks(shallow + "浅处<p>一</p><p>二", &flattened)), "浅处\n一\n二");
    EXPECT_FALSE(flattened);
    EXPECT_EQ(texts(html_to_blocks("<div><p>a<div>b</p></span>c")), "a\nb\nc");
}

TEST(HtmlBlocks, PathologicalFormattingNestingStaysFast) {
    std::string html;
    for (int i = 0; i < 200000; ++i) html += "<b><i id=x>";
    html += "粗体 &amp; text<p>para</p>";
    const auto start = std::chrono::steady_clock::now();
    bool flattened = false;
    auto b = html_to_blocks(html, &flattened);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(flattened);
    EXPECT_EQ(texts(b), "粗体 & text\npara");
    EXPECT_LT(seconds, 20.0);  // generous: catches quadratic blow-ups (minutes), not speed
}

// WordPress emoji and Weibo faces are pictures in the line: their alt text stays in the sentence.
TEST(HtmlBlocks, AnEmojiPictureStaysInItsSentence) {
    auto b = html_to_blocks(
        "<p>早日平息<img src=\"https://s.w.org/images/core/emoji/13.0.1/72x72/1f64f.png\" alt=\"🙏\" class=\"wp-smiley\">"
        "平平安安</p><p>哭了<img src=\"https://img.t.sinajs.cn/t4/appstyle/expression/ext/normal/6e/leimu.png\" alt=\"[泪]\"></p>"
        "<p><img src=\"https://i.example/photo.jpg\" alt=\"照片\"></p>");
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b[0].text, "早日平息🙏平平安安");
    EXPECT_EQ(b[1].text, "哭了[泪]");
    EXPECT_EQ(b[2].kind, BlockKind::Image);  // a photo stays a picture of its own
    EXPECT_EQ(b[2].text, "照片");
}

// A browser shows the picture, not its alt text: when the caption beside it says the same, it is read once.
TEST(HtmlBlocks, AltTextTheCaptionRepeatsIsReadOnce) {
    auto b = html_to_blocks(
        "<p><img src=\"https://i.example/a.jpg\" alt=\"中央流行疫情指揮中心宣布（中央社檔案照片）\"></p>"
        "<p>中央流行疫情指揮中心宣布（中央社檔案照片）</p>"
        "<figure><img src=\"https://i.example/b.jpg\" alt=\"Harbour\"><figcaption>Harbour at dawn</figcaption></figure>"
        "<p><img src=\"https://i.example/c.jpg\" alt=\"港\"></p><p>香港的港口</p>");
    ASSERT_EQ(b.size(), 6u);
    EXPECT_EQ(b[0].kind, BlockKind::Image);
    EXPECT_EQ(b[0].text, "");
    EXPECT_EQ(b[0].url, "https://i.example/a.jpg");
    EXPECT_EQ(b[2].text, "");  // the caption starts with it
    EXPECT_EQ(b[4].text, "港");  // one character found inside a paragraph is chance, not a caption
}

// kramdown keeps a raw <pre> whole inside an HTML block; CommonMark alone would end the block at
// the listing's first blank line and read "# comment" as a heading.
TEST(MarkdownHtml, ARawPreInsideAnHtmlBlockKeepsItsBlankLines) {
    auto b = html_to_blocks(markdown_to_html(
        "<p class=\"x\">\n  The script:\n  </p>\n  <pre class=\"y\"><code>#!/bin/bash\n\n# a comment\nrun\n\n\n"
        "done</code></pre>\n\nAfter.\n\n```\n<pre>\n\n</pre>\n```\n"));
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[1].kind, BlockKind::Code);
    EXPECT_EQ(b[1].text, "#!/bin/bash\n\n# a comment\nrun\n\n\ndone");
    EXPECT_EQ(b[2].text, "After.");
    EXPECT_EQ(b[3].kind, BlockKind::Code);
    EXPECT_EQ(b[3].text, "<pre>\n\n</pre>");  // a fenced sample of HTML stays as written
}

// A link starts at its first character: the space before it is not underlined.
TEST(HtmlBlocks, ALinkDoesNotTakeTheSpaceBeforeIt) {
    auto b = html_to_blocks("<p>In the <a href=\"https://l.example/a\">letter</a> and\n<a href=\"https://l.example/b\"> column</a>.</p>");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].text, "In the letter and column.");
    ASSERT_EQ(b[0].links.size(), 2u);
    EXPECT_EQ(b[0].text.substr(b[0].links[0].begin, b[0].links[0].end - b[0].links[0].begin), "letter");
    EXPECT_EQ(b[0].text.substr(b[0].links[1].begin, b[0].links[1].end - b[0].links[1].begin), "column");
}

// The kept <pre> in a list item, inside a comment, and beside a longer fence's sample of HTML.
TEST(MarkdownHtml, AKeptPreStaysInItsListItemItsCommentAndOutOfFencedCode) {
    auto item = html_to_blocks(markdown_to_html("- item\n\n  <pre>\n  code\n\n  more\n  </pre>\n"));
    ASSERT_EQ(item.size(), 2u);
    EXPECT_EQ(item[1].kind, BlockKind::Code);
    EXPECT_EQ(item[1].text, "code\n\nmore");
    EXPECT_EQ(plain_text(html_to_blocks(markdown_to_html("<!--\n<pre>\ndraft\n\nsecret notes\n</pre>\n-->\n\nshown\n"))),
              "shown");
    auto fenced = html_to_blocks(markdown_to_html("````\n```html\n<pre>\n\nx</pre>\n```\n````\n"));
    ASSERT_EQ(fenced.size(), 1u);
    EXPECT_EQ(fenced[0].text, "```html\n<pre>\n\nx</pre>\n```");
}

// Only whole class tokens name an icon, and an icon with no alt text stays a picture.
TEST(HtmlBlocks, APhotoWhoseClassMerelyContainsFaceStaysAPicture) {
    auto b = html_to_blocks("<p>a<img class=\"surface-photo\" src=\"https://i.example/s.jpg\" alt=\"Sea\">"
                            "<img class=\"W_img_face\" src=\"https://i.example/f.png\">b</p>");
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[1].kind, BlockKind::Image);
    EXPECT_EQ(b[1].text, "Sea");
    EXPECT_EQ(b[2].kind, BlockKind::Image);
}

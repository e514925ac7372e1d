// Export formats (folio/export.h): CSV quoting, JSON Lines, Markdown escaping, a post as Markdown.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "folio/export.h"

namespace folio {
namespace {

ExportRow row(std::string title, std::vector<std::string> tags = {}) {
    ExportRow r;
    r.title = std::move(title);
    r.date = "2024-03-05T09:38:21+08:00";
    r.source = "bbc.com";
    r.source_url = "https://www.bbc.com/news/a?b=1,2";
    r.tags = std::move(tags);
    r.viewer_url = "http://127.0.0.1/archive/#post=0a1b2c3d4e5f";
    return r;
}

// RFC 4180 as Python's csv module reads it: fields split on commas outside quotes, "" is a quote.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

TEST(ExportCsv, QuotesCommasQuotesAndLineBreaks) {
    const std::vector<ExportRow> rows = {row("Plain"), row("a, b"), row("He said \"no\""), row("two\nlines"), row("cr\r\nlf"),
                                         row("台风「山竹」，香港", {"香港", "a;b", "x,y"})};
    const std::string text = export_rows(rows, ExportFormat::Csv, "");
    ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");  // the byte order mark spreadsheets need for UTF-8
    const auto parsed = parse_csv(std::string_view(text).substr(3));
    ASSERT_EQ(parsed.size(), rows.size() + 1);
    EXPECT_EQ(parsed[0], (std::vector<std::string>{"title", "date", "source", "source_url", "tags", "viewer_url"}));
    for (std::size_t k = 0; k < rows.size(); ++k) {
        ASSERT_EQ(parsed[k + 1].size(), 6u) << k;
        EXPECT_EQ(parsed[k + 1][0], rows[k].title);
        EXPECT_EQ(parsed[k + 1][1], rows[k].date);
        EXPECT_EQ(parsed[k + 1][3], rows[k].source_url);
        EXPECT_EQ(parsed[k + 1][5], rows[k].viewer_url);
    }
    EXPECT_EQ(parsed[6][4], "香港; a;b; x,y");
    EXPECT_NE(text.find("\"He said \"\"no\"\"\""), std::string::npos);
    EXPECT_NE(text.find("\r\nPlain,"), std::string::npos);  // a plain field is not quoted
}

TEST(ExportCsv, FormulasAreDefused) {
    for (const char* t : {"=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)"}) {
        const auto parsed = parse_csv(std::string_view(export_rows({row(t)}, ExportFormat::Csv, "")).substr(3));
        ASSERT_EQ(parsed.size(), 2u);
        EXPECT_EQ(parsed[1][0], std::string("'") + t);
    }
    EXPECT_EQ(parse_csv(std::string_view(export_rows({}, ExportFormat::Csv, "")).substr(3)).size(), 1u);  // the header alone
}

TEST(ExportJsonLines, OneObjectPerPost) {
    ExportRow undated = row("two\nlines \"q\" 台风", {"香港"});
    undated.date.clear();
    const std::string text = export_rows({row("a, b"), undated}, ExportFormat::JsonLines, "");
    std::vector<nlohmann::json> lines;
    std::size_t from = 0;
    for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) lines.push_back(nlohmann::json::parse(text.substr(from, nl - from)));
    EXPECT_EQ(from, text.size());  // every line ends with a newline
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["title"], "a, b");
    EXPECT_EQ(lines[0]["date"], "2024-03-05T09:38:21+08:00");
    EXPECT_EQ(lines[0]["source"], "bbc.com");
    EXPECT_EQ(lines[1]["title"], "two\nlines \"q\" 台风");
    EXPECT_TRUE(lines[1]["date"].is_null());
    EXPECT_EQ(lines[1]["tags"], nlohmann::json::array({"香港"}));
    EXPECT_EQ(lines[1]["viewer_url"], "http://127.0.0.1/archive/#post=0a1b2c3d4e5f");
}

TEST(ExportMarkdown, AListItemPerPostWithMarkupEscaped) {
    const std::string text = export_rows({row("[x](javascript:1) *bold* 台风\nnext", {"a_b"}), row("# not a heading")}, ExportFormat::Markdown,
                                         "Folio: 2 posts");
    EXPECT_EQ(text.substr(0, text.find('\n')), "# Folio: 2 posts");
    EXPECT_NE(text.find("- [\\[x\\](javascript:1) \\*bold\\* 台风 next](http://127.0.0.1/archive/#post=0a1b2c3d4e5f) · 2024-03-05 · "
                        "[bbc.com](https://www.bbc.com/news/a?b=1,2) · #a\\_b\n"),
              std::string::npos) << text;
    EXPECT_NE(text.find("- [\\# not a heading]("), std::string::npos) << text;
    EXPECT_EQ(markdown_escape("a|b<c>"), "a\\|b\\<c\\>");
}

TEST(ExportPost, BlocksAsMarkdown) {
    ExportRow meta = row("Title *1*", {"香港", "news"});
    meta.author = "Ann";
    meta.source_url = "https://example.com/a (1)";
    std::vector<Block> blocks(10);
    blocks[0] = {BlockKind::Paragraph, 0, 0, 0, "See the site now\nsecond line", "", {{8, 12, "https://example.com"}}};
    blocks[1] = {BlockKind::Heading, 2, 0, 0, "Part", "", {}};
    blocks[2] = {BlockKind::ListItem, 1, 0, 0, "one", "", {}};
    blocks[3] = {BlockKind::ListItem, 2, 0, 2, "two", "", {}};
    blocks[4] = {BlockKind::Code, 0, 0, 0, "a ``` b\nline", "", {}};
    blocks[5] = {BlockKind::Image, 0, 0, 0, "a cat", "https://example.com/cat.png", {}};
    blocks[6] = {BlockKind::TableRow, 1, 0, 0, "h1\th2", "", {}};
    blocks[7] = {BlockKind::TableRow, 0, 0, 0, "a|b\tc", "", {}};
    blocks[8] = {BlockKind::Paragraph, 0, 1, 0, "quoted\nmore", "", {{0, 6, "javascript:alert(1)"}}};
    blocks[9] = {BlockKind::Rule, 0, 0, 0, "", "", {}};
    const std::string md = post_markdown(meta, blocks);
    const std::string want =
        "# Title \\*1\\*\n\n"
        "2024-03-05T09:38:21+08:00 · Ann · [bbc.com](https://example.com/a%20%281%29)\n\n"
        "#香港 #news\n\n"
        "<http://127.0.0.1/archive/#post=0a1b2c3d4e5f>\n\n"
        "See the [site](https://example.com) now  \nsecond line\n\n"
        "## Part\n\n"
        "- one\n"
        "   2. two\n\n"
        "````\na ``` b\nline\n````\n\n"
        "![a cat](https://example.com/cat.png)\n\n"
        "| h1 | h2 |\n| --- | --- |\n"
        "| a\\|b | c |\n\n"
        "> quoted  \n> more\n\n"
        "---\n";
    EXPECT_EQ(md, want);
}

TEST(ExportFormats, NamesAndTypes) {
    EXPECT_STREQ(export_extension(ExportFormat::Csv), "csv");
    EXPECT_STREQ(export_extension(ExportFormat::JsonLines), "jsonl");
    EXPECT_STREQ(export_extension(ExportFormat::Markdown), "md");
    EXPECT_EQ(std::string(export_mime(ExportFormat::Csv)).substr(0, 8), "text/csv");
}

TEST(ExportRowOf, CatalogPost) {
    Manifest m;
    m.sites = {"bbc.com"};
    m.tags = {"香港", "x"};
    m.authors = {"Ann"};
    Catalog c;
    c.ids = {"0a1b2c3d4e5f"};
    c.paths = {"a.md"};
    c.titles = {"台风"};
    c.source_urls = {"https://www.bbc.com/a"};
    c.dates = {1709602701};  // 2024-03-05T01:38:21Z
    c.has_date = {1};
    c.utc_offsets = {480};
    c.authors = {0};
    c.sites = {0};
    c.faces = {0};
    c.tags = {{1, 0}};
    c.categories = {{}};
    c.extra_json = {"{}"};
    const ExportRow r = export_row(c, m, 0, "http://h/x/");
    EXPECT_EQ(r.title, "台风");
    EXPECT_EQ(r.date, "2024-03-05T09:38:21+08:00");
    EXPECT_EQ(r.source, "bbc.com");
    EXPECT_EQ(r.author, "Ann");
    EXPECT_EQ(r.tags, (std::vector<std::string>{"x", "香港"}));
    EXPECT_EQ(r.viewer_url, "http://h/x/#post=0a1b2c3d4e5f");
    EXPECT_EQ(export_row(c, m, 5, "").title, "");  // out of range: empty
}

}  // namespace
}  // namespace folio

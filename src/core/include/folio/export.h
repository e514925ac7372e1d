#pragma once
// Export: a list of posts (the viewer's current results) as CSV, JSON Lines or Markdown, and one post
// as Markdown. Pure text in, UTF-8 text out; the page turns it into a download.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "folio/bundle.h"
#include "folio/model.h"

namespace folio {

enum class ExportFormat : std::uint8_t { Csv, JsonLines, Markdown };

// One post of an export: what a reader needs to find it again, in the archive and outside it.
struct ExportRow {
    std::string title;
    std::string date;        // ISO 8601 with the post's own offset, "" when undated
    std::string source;      // the site of the source URL ("bbc.com"), "" when none
    std::string source_url;
    std::vector<std::string> tags;
    std::string viewer_url;  // the post's address in the viewer (base + "#post=<id>")
    std::string author;      // only the single-post Markdown shows it
};

// The row of catalog post i; viewer_base is the viewer's address without its hash.
ExportRow export_row(const Catalog& catalog, const Manifest& manifest, std::size_t post, std::string_view viewer_base);

// The rows as a file. CSV: RFC 4180 (a header row, CRLF, fields with a comma, quote or line break
// quoted, quotes doubled), UTF-8 with a byte order mark (so spreadsheets read CJK right), tags
// joined with "; ", and a field that a spreadsheet would run as a formula (=, +, -, @ first) led by
// an apostrophe. JSON Lines: one object per post (title, date, source, source_url, tags, viewer_url).
// Markdown: the heading, then one list item per post.
std::string export_rows(const std::vector<ExportRow>& rows, ExportFormat format, std::string_view heading);

// The open post as Markdown: title, a line of date, author and source, tags, the viewer address,
// then the blocks (headings, lists, quotes, code fences, tables, images as links, captions).
std::string post_markdown(const ExportRow& meta, const std::vector<Block>& blocks);

// Text as Markdown shows it literally: punctuation that would start markup escaped, line breaks as spaces.
std::string markdown_escape(std::string_view text);

const char* export_extension(ExportFormat format);  // "csv", "jsonl", "md"
const char* export_mime(ExportFormat format);       // "text/csv", ...

}  // namespace folio

#pragma once
// The post and block model shared by the build tool, the bundle, the reader, search and `folio dump`.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace folio {

enum class BlockKind : std::uint8_t {
    Paragraph,
    Heading,   // level 1..6
    ListItem,  // level = nesting depth (1..), number = ordinal or 0 for a bullet
    Code,      // preformatted text, kept verbatim
    Image,     // url = src, text = alt
    Caption,   // figure caption
    TableRow,  // cells separated by '\t'; level 1 = header row
    Rule,      // thematic break, no text
};

// A link over text[begin, end) in bytes.
struct LinkSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::string href;
    bool operator==(const LinkSpan&) const = default;
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::uint8_t level = 0;
    std::uint8_t quote = 0;    // blockquote nesting depth, 0 outside quotes
    std::uint32_t number = 0;  // ordered list ordinal
    std::string text;          // UTF-8, whitespace already collapsed; '\n' is a hard line break
    std::string url;           // Image src
    std::vector<LinkSpan> links;
    bool operator==(const Block&) const = default;
};

struct Post {
    std::string id;    // stable: derived from path, see make_post_id()
    std::string path;  // source file relative to its input folder, '/' separated
    std::string title;
    std::optional<std::int64_t> date;  // seconds since the Unix epoch, UTC
    std::int32_t utc_offset_minutes = 0;  // the offset the source wrote the date with
    std::string author;
    std::string source_url;
    std::vector<std::string> tags;
    std::vector<std::string> categories;
    std::vector<std::pair<std::string, std::string>> extra;  // other front matter: key, JSON text
    std::vector<Block> blocks;
    std::uint8_t font_face = 0;  // which of the site's font faces draws it (script: simplified, traditional, Japanese)
};

// Stable id for a post: 12 hex digits of a 64-bit FNV-1a hash of its path.
std::string make_post_id(const std::string& path);

// "https://www.example.com/a/b" -> "example.com"; "" when the URL has no host.
std::string site_of_url(const std::string& url);

// The plain text a reader shows for the blocks: one line per block, images by their alt text.
std::string plain_text(const std::vector<Block>& blocks);

const char* block_kind_name(BlockKind kind);
std::optional<BlockKind> block_kind_from_name(const std::string& name);

}  // namespace folio

#pragma once
// Reading Jekyll-style post files into Posts. Native only (yaml-cpp, md4c, gumbo).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "folio/model.h"

namespace folio {

// A problem that did not stop a file from being bundled. kind is a short stable tag.
struct Warning {
    std::string path;
    std::string kind;  // e.g. "invalid-utf8", "yaml-fallback", "no-date"
    std::string message;
};

struct SkippedFile {
    std::string path;
    std::string reason;  // a short stable tag: "hidden", "not-a-post", "binary", "too-large", "duplicate", ...
    std::string detail;
};

struct FileResult;
// Bounds on one post's metadata, so a hostile file cannot make the list, facets or bundle huge.
// Longer values are cut (and warned), extra values dropped (and warned).
struct PostLimits {
    std::size_t title_chars = 500;       // code points; cut with an ellipsis
    std::size_t name_chars = 200;        // author, each tag and category
    std::size_t list_values = 100;       // tags, and categories, per post
    std::size_t url_bytes = 4096;        // longer source URLs are dropped
    std::size_t extra_bytes = 16384;     // one extra front matter value, as JSON
};

// What a build knew of an input file: its path, the fnv1a64 of its bytes, its size and
// modification time (nanoseconds, Unix time).
struct FileStamp {
    std::string path;
    std::uint64_t hash = 0, size = 0;
    std::int64_t mtime_ns = 0;     // Unix time
    std::uint64_t content_hash = 0;  // FileResult::content_hash of what it read as
};

struct IngestOptions {
    std::vector<std::string> extensions = {".md", ".markdown", ".html", ".htm"};
    std::uint64_t max_file_bytes = 8u << 20;
    bool keep_duplicates = false;
    // Incremental builds: given a file's path and the fnv1a64 of its bytes, the result of an earlier
    // read of the same bytes (or null), so the file is not parsed again. The ingest moves from it
    // before it returns; the caller owns it. Called from several threads at once.
    std::function<FileResult*(const std::string& rel_path, std::uint64_t hash)> reuse;
    // Asked first, with the file's size and modification time before it is read: when an earlier
    // build saw the same (as git and make trust), fills in the stamp's hash and gives its result as
    // reuse does, and the file is not even read. Called from several threads at once.
    std::function<FileResult*(FileStamp& stamp)> reuse_unread;
    // Given each post just read (not those the reuse hooks gave), may take its blocks elsewhere
    // (a build holds only what it works on in memory). Called from several threads at once.
    std::function<void(Post& post)> store_blocks;
    PostLimits limits;
    unsigned threads = 0;  // files read and parsed in parallel; 0: two per core (at most 16). Output is the same.
};

// ---- single pieces, exposed for tests and fuzzers ----

// Bytes -> valid UTF-8 with LF line ends: BOM dropped, CRLF/CR -> LF, U+2028/2029 -> LF,
// C0 controls other than tab and LF dropped, invalid sequences -> U+FFFD (first offsets reported).
struct CleanText {
    std::string text;
    std::vector<std::size_t> invalid_offsets;  // byte offsets in the input, at most 16 kept
    std::size_t invalid_count = 0;
    std::size_t controls_dropped = 0;
};
CleanText clean_text(std::string_view bytes);

struct ParsedDate {
    std::int64_t seconds = 0;      // UTC
    std::int32_t offset_minutes = 0;
};
// Accepts 2021-05-07T01:38:21.612Z, 2020-07-28 09:11:07.000000000 +08:00, 2019-10-31T07:58:40+00:00,
// 2015-12-26 and close variants ('/' separators, no seconds, +0800), and RFC 2822 dates as RSS writes
// them (Thu, 18 Jun 2020 00:51:28 +0000). Years 1000..9999.
std::optional<ParsedDate> parse_date(std::string_view text);
// "2021-05-07-slug.md" -> 2021-05-07 00:00 UTC
std::optional<ParsedDate> date_from_filename(std::string_view filename);

struct FrontMatter {
    bool present = false;
    bool lenient = false;  // strict YAML failed; fields came from the line-by-line fallback
    std::string error;     // YAML's message when lenient
    std::string title, date, author, source_url;
    std::vector<std::string> tags, categories;
    std::vector<std::pair<std::string, std::string>> extra;  // key, JSON text
    std::vector<std::string> duplicate_keys;  // the last value of each was kept, as Jekyll does
    std::size_t body_offset = 0;  // where the body starts in the text
};
// Splits a leading "---" block off text (already cleaned) and reads it.
FrontMatter read_front_matter(std::string_view text);

// A tag/category value written as one string: "a, b" -> {a, b}; "a b" -> {a, b}.
std::vector<std::string> split_list_string(std::string_view value);

// Markdown (CommonMark + tables, strikethrough, autolinks) -> HTML, raw HTML passed through.
std::string markdown_to_html(std::string_view markdown);

// HTML (fragment or document) -> blocks, dropping scripts, ads, trackers and empty containers.
// Markup nested deeper than 512 levels keeps only its text, one paragraph per line (*flattened set).
std::vector<Block> html_to_blocks(std::string_view html, bool* flattened = nullptr);

// ---- a whole file ----

struct FileResult {
    std::optional<Post> post;  // empty when skipped
    std::string skip_reason, skip_detail;
    std::vector<Warning> warnings;
    std::uint64_t content_hash = 0;  // of the post's title and text, for finding duplicates; 0: no text
};
// What read_post makes of a file: build caches are keyed on it, so a cached read of an older rule is
// never reused (2: authors, tags and categories read as HTML text, like titles; plain-text .html
// bodies in paragraphs; emoji pictures kept in their sentence; alt text a caption repeats dropped;
// an opening heading that says the title cut short or links its percent-encoded URL dropped; a raw
// <pre> in Markdown kept whole across its blank lines; a link starts after the space before it).
inline constexpr int kIngestVersion = 2;
// rel_path: '/' separated, relative to the input folder. bytes: the file's contents.
FileResult read_post(const std::string& rel_path, std::string_view bytes, const IngestOptions& options);

// ---- folders ----

struct IngestReport {
    std::size_t files_seen = 0;
    std::vector<SkippedFile> skipped;
    std::vector<Warning> warnings;
};
struct IngestResult {
    std::vector<Post> posts;
    IngestReport report;
    std::vector<FileStamp> files;  // every file read (or reused unread), in path order
};
// Called after each file with (files done, files total).
using Progress = std::function<void(std::size_t, std::size_t)>;

// Every entry under the build's inputs, walked once: the ingest reads from it, and a build's stamps
// (the tool's nothing-changed check) are made from it, so an incremental build stats each file once
// (a stat is most of a no-change build's time).
struct ListedEntry {
    std::string rel;  // below its input, '/' separated; for a walk error, the path the walk failed at
    std::string error;  // the walk (walk_error) or the stat failed here
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;  // Unix time
    bool is_dir = false, is_regular = false, stated = false, walk_error = false;
};
struct ListedInput {
    std::filesystem::path root;  // as given
    bool is_file = false;        // a file given as an input, not a folder
    std::string error;           // the folder could not be walked at all
    std::vector<ListedEntry> entries;  // in walk order; a file input is its one entry
};
using InputListing = std::vector<ListedInput>;
// stat_files: stat every file now (else the ingest stats those it reads). Hidden folders are not entered.
InputListing list_inputs(const std::vector<std::filesystem::path>& inputs, bool stat_files);

// Reads every file under the folders (recursively, in path order) and drops duplicates
// (same source URL, or identical body) unless options.keep_duplicates.
IngestResult ingest_folders(const std::vector<std::filesystem::path>& inputs, const IngestOptions& options,
                            const Progress& progress = {});
// The same over a listing made before (list_inputs).
IngestResult ingest_listed(const InputListing& listing, const IngestOptions& options, const Progress& progress = {});

}  // namespace folio

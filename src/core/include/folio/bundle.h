#pragma once
// The site bundle: a small manifest, columnar metadata shards and body files, all compact JSON.
//
// data/manifest.json      format, version, post count, dictionaries, and the list of shard files
// data/index-<hash>.json.gz  the search index's files (fetched when search is first needed)
// data/meta-<hash>.json.gz   columns for posts [first, first+count): ids, titles, dates, ..., and the
//                            body files that hold those posts' blocks
// data/body-<hash>.json.gz   the blocks of a few consecutive posts of one shard's run (body_packs),
//   or .json.gzd              or, when the manifest names a dictionary, gzip written with it as a
//                            preset dictionary (with_dictionary_block says how a reader decodes it)
// data/dict-<hash>.bin.gz    that dictionary: text the archive's posts share, up to 32 KB
//
// Every data file but the manifest is stored gzip-compressed (the tool's FileEncoding) and
// named so; the manifest stays plain so any version can read its version number. Sizes in the
// manifest are stored (compressed) bytes.
// Posts are ordered newest first (undated last), so index i means the same post in every file.
// Shards are cut where the posts themselves say (shard_ranges: a hash of each post's path), about
// every posts_per_shard posts, dictionaries list values in order of first use from the oldest dated
// post (undated posts last),
// and files do not name their position: adding, changing or removing posts anywhere in the archive
// leaves every shard's file as it was but the ones holding those posts.
// Shard and chunk names carry a hash of their bytes, so caches never serve stale data.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "folio/model.h"
#include "folio/result.h"

namespace folio {

inline constexpr const char* kBundleFormat = "folio-bundle";
inline constexpr int kBundleVersion = 5;
inline constexpr const char* kManifestPath = "data/manifest.json";

// A file holding posts [first, first + count).
struct ShardRef {
    std::string file;  // relative to the site root
    std::uint64_t bytes = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

// A body file of a run: the next `count` posts of the run (body_packs), stored in `bytes` bytes.
struct BodyPack {
    std::string file;  // relative to the site root
    std::uint64_t bytes = 0;
    std::uint32_t count = 0;
    bool operator==(const BodyPack&) const = default;
};

struct CodepointRange {
    std::uint32_t first = 0;
    std::uint32_t last = 0;  // inclusive
    bool operator==(const CodepointRange&) const = default;
};

// One file of a font cut in slices: the next `count` code points of the font's residency order.
struct FontSlice {
    std::string file;  // relative to the site root
    std::uint64_t bytes = 0;
    std::uint32_t count = 0;
};

struct FontRef {
    std::string name;  // what the face is for: "sc", "tc", "jp", "fallback" or the font's file name
    std::string file;  // the first slice's file, relative to the site root; empty when the site has no font
    std::uint64_t bytes = 0;  // the first slice's
    std::vector<CodepointRange> codepoints;  // what the font covers, for the glyph atlas
    // The covered code points in residency order: the UI's and the first screen's first, then the
    // posts' by falling frequency; a viewer that cannot bake them all keeps a prefix. Empty: range order.
    std::vector<char32_t> by_frequency;
    // The font's files, each a run of the residency order (folio build cuts a face into slices of
    // falling frequency so the first screen waits only for the first). Empty: one file, `file`.
    std::vector<FontSlice> slices;
};
// The font's slices (one holding every code point when the reference lists none).
std::vector<FontSlice> font_slices(const FontRef& font);
// The code points of each slice: runs of the residency order (range order without one); covered
// code points the order leaves out go to the last slice.
std::vector<std::vector<char32_t>> slice_codepoints(const FontRef& font);

// A file of the site with its size (sizes let the viewer show real progress).
struct FileRef {
    std::string file;  // relative to the site root
    std::uint64_t bytes = 0;
};

// One segment of the search index (see folio/search.h): posts [first, first+count), its docs
// buffer and its shards, fetched per query.
struct SearchSegment {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    FileRef docs;
    std::vector<FileRef> shards;
};

// The search index: the fold table and the segments, newest posts first. The manifest names only
// the list file (data/index-<hash>.json.gz) holding the rest, so the first screen does not wait for
// the index's file list (about 4 bytes a post); parse_search_list() fills in fold and segments.
struct SearchRef {
    FileRef list;
    FileRef fold;
    std::vector<SearchSegment> segments;
    bool present() const { return !list.file.empty() || !fold.file.empty(); }
    bool listed() const { return !fold.file.empty(); }  // fold and segments are known
};

struct Manifest {
    int version = kBundleVersion;
    std::string generator;
    std::uint32_t post_count = 0;
    std::vector<std::string> authors, sites, tags, categories;  // dictionaries
    std::vector<ShardRef> meta;
    std::vector<FontRef> fonts;  // faces; post i is drawn with fonts[catalog.faces[i]], the UI with fonts[0]
    FontRef fallback;            // merged into every face for the code points it lacks; may be absent
    SearchRef search;            // absent in sites built without an index
    FileRef related;             // each post's copies (folio/related.h); absent: none found, or an older site
    FileRef dictionary;          // the body files' preset dictionary; absent: they are plain gzip
};

// Columnar metadata of every post loaded so far; the list, facets and timeline work from this.
struct Catalog {
    std::vector<std::string> ids, paths, titles, source_urls;
    std::vector<std::int64_t> dates;      // valid where has_date
    std::vector<std::uint8_t> has_date;
    std::vector<std::int32_t> utc_offsets;
    std::vector<std::int32_t> authors, sites;  // dictionary index, -1 for none
    std::vector<std::uint8_t> faces;           // index into Manifest::fonts
    std::vector<std::vector<std::uint32_t>> tags, categories;
    std::vector<std::string> extra_json;  // "{}" when a post has no extra front matter
    // The body files of these posts, in order, each [first, first + count) (bytes 0: the metadata
    // files name them and their post counts only).
    std::vector<ShardRef> bodies;
    std::size_t size() const { return ids.size(); }
};

struct BundleFile {
    std::string path;  // relative to the site root
    std::string bytes;
};

// How data files are stored: the tool gzips them (".gz"); tests may keep them plain.
struct FileEncoding {
    std::string suffix;                                        // appended to the file name
    // (file name, raw bytes) -> stored bytes; null: stored as is
    std::function<std::string(const std::string& path, const std::string& raw)> encode;
    std::uint64_t name_salt = 0;  // mixed into the name's hash when the stored bytes depend on more than the raw ones
};

// data/<prefix>-<12 hex digits of the raw bytes' hash><ext><suffix>, with the encoded bytes.
BundleFile make_data_file(const std::string& prefix, const std::string& raw, const std::string& ext,
                          const FileEncoding& encoding);

// Runs body(0), ..., body(count - 1), in any order, perhaps at once. The core starts no threads;
// the tool lends its own (a default-constructed one runs them one after another).
using ParallelFor = std::function<void(std::size_t count, const std::function<void(std::size_t)>& body)>;

struct BundleOptions {
    std::string generator;
    FileEncoding encoding;  // called from several threads at once when parallel is set
    ParallelFor parallel;
    std::uint32_t posts_per_shard = 2000;
    // Each run's bodies are cut into small files (body_packs()) of about body_bytes of JSON and at
    // most posts_per_body posts, so opening a post or a result's snippet loads a few kilobytes; an
    // unchanged run keeps its files.
    std::uint32_t body_bytes = 32 * 1024;
    std::uint32_t posts_per_body = 250;
    std::vector<FontRef> fonts;  // files already written by the caller; listed in the manifest
    FontRef fallback;            // likewise
    FileRef related;             // likewise: the related posts file, when any post has copies
    FileRef dictionary;          // likewise: the body files' preset dictionary, when body_encoding uses one
    FileEncoding body_encoding;  // the body files' (empty: encoding)
    SearchRef search;            // likewise
    // Body files already stored (incremental builds), by shard_ranges() index: the run's files in
    // order, as an earlier write_bundle with the same options cut them, or none to encode them.
    std::vector<std::vector<BodyPack>> ready_bodies;
    // Metadata files already stored, by shard_ranges() index (an empty name: encode it), and the
    // dictionaries they were written with (authors, sites, tags, categories). They are used only
    // when each of those is a prefix of this build's, so that every value keeps its index.
    std::vector<FileRef> ready_meta;
    std::vector<std::vector<std::string>> ready_meta_dictionaries;
};

// The order of posts in every bundle file: newest first, undated last, then by path.
void sort_newest_first(std::vector<Post>& posts);

// (first, count) ranges cutting posts (newest first) into runs of about `per` posts (per/2 to
// 2*per). Cut points are content-defined: walking from the oldest post, a run ends at a post whose
// path hashes to 1 in per/2 once the run holds per/2 posts. So a post added, changed or removed
// anywhere (a new day's posts, one older than all, an undated one) moves only the cuts next to it.
// The newest of those runs (still open to new posts) is cut again, in the same way, into runs of
// about kNewestRunPosts (the newest of them at least half that, a first screen), so that the first
// screen's metadata file is small whatever the luck of the cuts.
inline constexpr std::uint32_t kNewestRunPosts = 128;
std::vector<std::pair<std::uint32_t, std::uint32_t>> shard_ranges(const std::vector<Post>& posts, std::uint32_t per);

// A run's posts cut into body files, given each post's body size (bytes of JSON): walking in order, a
// file closes before the post that would take it over `target` bytes, and at `max_posts` posts; a
// post larger than target has a file of its own. Returns the posts per file; depends on the sizes only.
std::vector<std::uint32_t> body_packs(const std::vector<std::size_t>& sizes, std::size_t target, std::uint32_t max_posts);

// A post's blocks as its body files hold them (a JSON array).
std::string post_body_json(const std::vector<Block>& blocks);

// The body files of posts [first, first + count): body_packs() of the run, each {"b": [its posts'
// blocks], "c": posts}; `packs` receives their names, sizes and post counts. write_bundle makes
// those of the runs options.ready_bodies does not give.
std::vector<BundleFile> body_files(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count,
                                   const BundleOptions& options, std::vector<BodyPack>& packs);

// The search index's segments as runs of whole chunks (`chunks`: shard_ranges(posts, per)), cut where a
// chunk's oldest post's path hashes so, which new posts at the newest end never move. Walking from
// the oldest chunk, a segment closes after the oldest chunk (undated posts land there), after a
// chunk hashing to 1 in 16, or at 10 chunks (a segment's build memory); the chunks after the last
// close are grouped the same way at 1 in 4; the chunks after the last group are a segment each;
// the newest chunk (still growing) never closes one. So a day's new posts rebuild a chunk-sized
// segment, about once in four chunks a few merge, and once in sixteen up to ten do, while a query
// reads few segments: 8 at 100,000 generated posts (16 with cuts at 1 in 5). The newest run's fine
// chunks count as at most two chunks, neither closing a group: the newest few (up to the newest fine
// chunk whose oldest post hashes to 1 in 4), the newest segment, and the rest of the run.
std::vector<std::pair<std::uint32_t, std::uint32_t>> segment_ranges(
    const std::vector<Post>& posts, std::vector<std::pair<std::uint32_t, std::uint32_t>> chunks, std::uint32_t per);

// Orders posts newest first and encodes them; the manifest is the last file returned. `kept`, when
// given, receives the stored files (ready_bodies, ready_meta) the bundle lists instead; `packs` each
// run's body files (for ready_bodies next time).
std::vector<BundleFile> write_bundle(std::vector<Post> posts, const BundleOptions& options,
                                     std::vector<std::string>* kept = nullptr,
                                     std::vector<std::vector<BodyPack>>* packs = nullptr);

// Readers reject anything that is not a well-formed bundle of this version with a message.
Result<Manifest> parse_manifest(std::string_view json);

// How many of the newest metadata shards the first screen waits for: enough for half a newest run
// of posts (kNewestRunPosts / 2), when the newest shard alone holds fewer.
std::size_t first_screen_shards(const Manifest& manifest);

// Reads the search list file (SearchRef::list) into manifest.search.fold and segments.
Status parse_search_list(std::string_view json, Manifest& manifest);
// The manifest and, when the site has a search index, its list file (tools and tests).
using ReadFile = std::function<Result<std::string>(const std::string& path)>;
Result<Manifest> read_manifest(const ReadFile& read_file);
// Appends the shard's posts and body files to the catalog (shards are taken in order).
Status parse_meta_shard(std::string_view json, const Manifest& manifest, const ShardRef& ref,
                        Catalog& catalog);
// A body file written with a preset dictionary (".gzd": a gzip stream with no optional header
// fields, whose deflate data may refer back into the dictionary), made readable by any gzip decoder
// (DecompressionStream has no preset dictionaries): the dictionary goes in as a stored block after
// the 10-byte header, so the decoded bytes are the dictionary and then the file's; the caller drops
// the first dictionary.size(). The trailer's CRC and length cover both. Empty when gzd is too short
// or the dictionary longer than kDictionaryWindowBytes.
constexpr std::size_t kDictionaryWindowBytes = 32 * 1024;  // deflate's window: a byte further back is out of reach
std::string with_dictionary_block(std::string_view gzd, std::string_view dictionary);

Result<std::vector<std::vector<Block>>> parse_body_chunk(std::string_view json, const ShardRef& ref);

// A whole site read at once (tools and tests); read_file gets a path relative to the site root.
struct LoadedSite {
    Manifest manifest;
    Catalog catalog;
    std::vector<std::vector<Block>> bodies;  // by post index
};
Result<LoadedSite> load_site(const ReadFile& read_file);

// Rebuilds the post at index i of a loaded site (for dump and search).
Post post_from_site(const LoadedSite& site, std::size_t i);

}  // namespace folio

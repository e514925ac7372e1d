#pragma once
// Full-text search: a positional index split into shards fetched on demand, the query
// language, ranking, and match highlighting. Everything is folded with one FoldTable
// (search_fold.h), so the index and every query must use the same table.
//
// Matching. Text is tokenized into CJK characters and Latin/number words; each token takes one
// position (title first, then a one-position gap, then body). A CJK run of the query matches
// exactly where it is a substring of one CJK run of the text: one character through unigram
// postings, n characters through n-1 bigram postings at consecutive positions (exact, with no
// false hits and no misses). A Latin word matches words it is a prefix of ("vacc" finds
// "vaccine"), except inside "quotes", where words must be equal. A chunk of the query with no
// spaces that holds several runs ("covid-19", "foo:bar", "abc疫苗") is matched as a phrase:
// its runs at consecutive positions, separators ignored.
//
// Query language: terms are ANDed; "quoted phrase"; -term, -"phrase", -tag:x exclude;
// tag:, category:, author: (case-insensitive, folded, whole value; quoted values allowed),
// source: (host suffix: source:example.com matches news.example.com), after:YYYY-MM-DD and
// before:YYYY-MM-DD (inclusive UTC days). Nothing is a syntax error: an unknown field, an empty
// value, a bad date or a lone "-" is searched as the literal text; an unbalanced quote runs to
// the end of the query.
//
// Files. The index is a list of segments, each covering a run of posts (the site cuts them where
// posts' paths hash so, walking from the oldest post, so new posts touch only the newest ones).
// build_search_index() writes one segment: a "docs" buffer (doc count, per-doc lengths and dates,
// the sorted Latin word dictionary with document frequencies for prefix expansion, the first key of
// every count shard, the size of the position stream, and where each big term's positions are) and
// shard buffers: N count shards holding sorted key ranges of about shard_bytes each, a big term's
// alone (per term, its docs with their title and body hit counts, and the length of its positions),
// then the position stream (every term's positions in key order) cut into pieces of piece_bytes, a
// big term's pieces one file. A query term is read from one count shard per segment, plus, only
// when the term chains runs or bigrams (a CJK run of three or more characters, a phrase), the
// pieces holding its positions, which its count shard names: so shards_needed() names the pieces
// only once the count shards are loaded, except a big term's, which the docs buffer names, so both
// go out at once. A one- or two-character CJK run or a word is matched and ranked by the counts
// alone. Unigram positions are only those at the edges of a CJK run (where a chain with a word can
// meet them); bigrams and words keep every position. Prefix expansion is capped at
// kMaxPrefixExpansion words (the most frequent ones, plus the exact word).
#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"
#include "folio/search_fold.h"

namespace folio {

inline constexpr std::size_t kMaxPrefixExpansion = 256;
inline constexpr std::uint32_t kShardBytes = 8u << 10;    // a count shard's target size before compression (a 2-character query reads one per segment)
inline constexpr std::uint32_t kPieceBytes = 8u << 10;    // a position piece's size before compression (a chained term reads those its positions span)
inline constexpr std::uint32_t kSearchIndexVersion = 9;   // of the files below (build caches keyed on it; 8: big terms' pieces named early; 9: one file)

// ---- index --------------------------------------------------------------------

struct SearchDoc {
    std::string title;
    std::string text;  // plain_text() of the post's blocks
    std::int64_t date = 0;
    bool has_date = false;
};

struct SearchIndexFiles {
    std::string docs;
    std::vector<std::string> shards;
};

// One segment; its doc i is docs[i] (for the site: the segment's posts, newest first).
SearchIndexFiles build_search_index(std::vector<SearchDoc> docs, const FoldTable& table,
                                    std::uint32_t shard_bytes = kShardBytes, std::uint32_t piece_bytes = kPieceBytes);
// The same segment from its docs given a batch at a time (next() gives the next batch, empty at the
// end; its error ends the build), so a build holds one batch's text, not a whole segment's.
using NextSearchDocs = std::function<Result<std::vector<SearchDoc>>()>;
Result<SearchIndexFiles> build_search_index_in_batches(const NextSearchDocs& next, const FoldTable& table,
                                                       std::uint32_t shard_bytes = kShardBytes,
                                                       std::uint32_t piece_bytes = kPieceBytes);
// The segment build_search_index(docs, then older's docs) makes, from older's files (one segment as
// build_search_index made them, with the same fold table and sizes) instead of their docs' text: new
// posts added to the newest segment re-read its files, not its posts.
Result<SearchIndexFiles> extend_search_index(const std::vector<SearchDoc>& docs, const FoldTable& table,
                                             const SearchIndexFiles& older, std::uint32_t shard_bytes = kShardBytes,
                                             std::uint32_t piece_bytes = kPieceBytes);

struct ShardId {
    std::uint32_t segment = 0, shard = 0;
    auto operator<=>(const ShardId&) const = default;
};

class SearchIndex {
public:
    SearchIndex();
    ~SearchIndex();
    SearchIndex(SearchIndex&&) noexcept;
    SearchIndex& operator=(SearchIndex&&) noexcept;

    // Every buffer is checked (magic, version, checksum, every length against the bytes left);
    // a shard must come from the same build as its segment's docs buffer, loaded first.
    // load_docs adds a segment whose docs follow those of the segments loaded before.
    Status load_docs(std::string_view bytes);
    Status load_shard(ShardId id, std::string_view bytes);
    Status load_shard(std::uint32_t shard, std::string_view bytes) { return load_shard(ShardId{0, shard}, bytes); }
    bool has_docs() const;
    bool has_shard(ShardId id) const;
    bool has_shard(std::uint32_t shard) const { return has_shard(ShardId{0, shard}); }
    std::uint32_t segment_count() const;
    std::uint32_t shard_count(std::uint32_t segment = 0) const;  // 0 before that segment's load_docs
    std::uint32_t count_shard_count(std::uint32_t segment = 0) const;  // the first shards; the rest are position pieces
    std::uint32_t doc_count() const;

    struct Impl;
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// ---- queries ------------------------------------------------------------------

// One run of a term: a CJK run (matched as a substring) or a word (prefix or exact).
struct QueryRun {
    TokenKind kind = TokenKind::Cjk;
    std::u32string text;  // folded
    bool prefix = false;  // words only
};

// Runs that must occur at consecutive positions (a single run is the common case).
struct QueryTerm {
    std::vector<QueryRun> runs;
    bool negated = false;
    bool quoted = false;
};

enum class QueryField : std::uint8_t { Tag, Category, Author, Source, After, Before };

struct QueryFilter {
    QueryField field = QueryField::Tag;
    std::string value;    // folded UTF-8 (Tag, Category, Author, Source)
    std::int64_t time = 0;  // After: first second of the day; Before: first second after the day
    bool negated = false;
};

struct Query {
    std::vector<QueryTerm> terms;
    std::vector<QueryFilter> filters;
    bool empty() const { return terms.empty() && filters.empty(); }
};

Query parse_query(std::string_view text, const FoldTable& table);

// The shards whose postings the query reads (needs the docs buffer for prefix expansion),
// sorted; fetch and load them, then ask again until every one named is loaded (the position
// pieces a term needs are named once its count shards are in), before search().
std::vector<ShardId> shards_needed(const Query& query, const SearchIndex& index);

// Post metadata for tag:/category:/author:/source: filters; doc i == post i. Dates come from
// the index itself. Posts not (yet) in the catalog fail those filters.
struct SearchFilterData {
    const Catalog* catalog = nullptr;
    const Manifest* manifest = nullptr;
    const FoldTable* fold_table = nullptr;  // the query's table, to fold dictionary values alike
};

enum class SortOrder : std::uint8_t { Relevance, Newest };

struct Hit {
    std::uint32_t doc = 0;
    double score = 0;
};
struct SearchResults {
    std::vector<Hit> hits;   // at most limit, best (or newest) first
    std::size_t total = 0;   // every matching doc
};

// Relevance: BM25 over all positive terms with title hits weighted up, newer first on ties.
// A query of only filters and exclusions lists the passing docs newest first; an empty query
// finds nothing. Fails (without searching) if a needed shard or metadata is missing or damaged.
Result<SearchResults> search(const SearchIndex& index, const Query& query, const SearchFilterData& filters,
                             SortOrder order, std::size_t limit);

// ---- highlights and snippets ----------------------------------------------------

// Byte ranges [begin, end) in text of every occurrence of every positive term, sorted and
// merged where they overlap.
std::vector<std::pair<std::uint32_t, std::uint32_t>> find_matches(std::string_view text, const Query& query,
                                                                  const FoldTable& table);

struct Snippet {
    std::string text;  // with "…" at a cut end
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;  // byte ranges in text
};
// About max_codepoints of text around the first match (the start of the text if none).
Snippet make_snippet(std::string_view text, const Query& query, const FoldTable& table,
                     std::size_t max_codepoints);
// The snippet's first `bytes` (a code point boundary) with "…" after them, its highlights cut to
// match; the snippet as it is when it is no longer than that.
Snippet cut_snippet(const Snippet& snippet, std::size_t bytes);

}  // namespace folio

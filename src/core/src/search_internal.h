#pragma once
// Private: the loaded index and posting lists, shared by the index reader and the query engine.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "folio/search.h"

namespace folio {

// Term kinds: the first byte of a term key, followed by the term's folded UTF-8.
inline constexpr char kUnigram = 'u', kBigram = 'b', kWord = 'w';

std::string term_key(char kind, std::u32string_view folded);
// A word's key text: its first kMaxWordLength code points.
std::u32string_view word_key_text(std::u32string_view word);

// Docs with, for each, its (title, body) hits and, when read with positions, the sorted
// positions where a term (or a chain of terms) starts.
struct Postings {
    std::vector<std::uint32_t> docs;
    std::vector<std::uint32_t> starts{0};  // positions of docs[i] are [starts[i], starts[i+1])
    std::vector<std::uint32_t> positions;
    // Hit counts per doc, for a term read from the index (empty for a chain, ranked by its
    // positions). Unigram positions list only those at the edge of a CJK run (all a chain with
    // another run can use), so their count is not the hits'.
    std::vector<std::uint32_t> title_hits, body_hits;
    std::size_t size() const { return docs.size(); }
    void add_doc(std::uint32_t doc) { docs.push_back(doc); }
    void end_doc() { starts.push_back(static_cast<std::uint32_t>(positions.size())); }
};

struct SearchIndex::Impl {
    struct Shard {
        bool loaded = false;
        std::string bytes;                        // owned copy; postings point into it, it never moves (a piece: its bytes)
        std::vector<std::string> keys;            // sorted
        std::vector<std::string_view> postings;   // encoded, by key
        std::vector<std::pair<std::uint64_t, std::uint64_t>> places;  // term t's positions: stream bytes [first, second)
    };
    struct Segment {
        std::uint64_t build_id = 0;  // fnv1a64 of the docs buffer; its shards carry it
        std::uint32_t first = 0, count = 0;  // global docs [first, first + count)
        std::vector<std::string> splits;     // shard s holds keys in [splits[s-1], splits[s])
        std::vector<std::string> words;      // sorted folded UTF-8 of this segment's words
        std::vector<Shard> shards;
        std::uint64_t positions_length = 0;  // the position stream's bytes
        std::uint32_t piece_bytes = 1;       // each piece's but the last
        struct OwnPieces {
            std::uint32_t shard = 0, first = 0, count = 0;  // a count shard of one term, its pieces
            bool grouped = false;                           // they are one file
        };
        std::vector<OwnPieces> own_pieces;   // by shard
        std::vector<std::uint32_t> file_starts;  // position file f holds pieces [file_starts[f], file_starts[f + 1])
        std::uint32_t file_of(std::uint64_t piece) const;  // the position file holding a piece
        std::uint32_t count_shards() const { return static_cast<std::uint32_t>(splits.size() + 1); }
        std::uint32_t shard_of(std::string_view key) const;  // a count shard
        bool may_hold(std::string_view key) const;  // false for a word the segment lacks
        // The shard numbers of the position files holding stream bytes [begin, end).
        std::pair<std::uint32_t, std::uint32_t> pieces_of(std::uint64_t begin, std::uint64_t end) const;
        // Stream bytes [begin, end), from loaded pieces; false if one is missing.
        bool read_stream(std::uint64_t begin, std::uint64_t end, std::string& out) const;
    };
    bool has_docs = false;
    std::uint32_t doc_count = 0;
    std::vector<std::uint32_t> lengths, title_lengths;
    std::vector<std::int64_t> dates;
    std::vector<std::uint8_t> has_date;
    double total_length = 0, average_length = 1;
    std::vector<std::string> words;  // sorted folded UTF-8 of every indexed word, all segments
    std::vector<std::uint32_t> word_doc_counts;
    std::vector<Segment> segments;

    // The count shards that may hold key, at most one per segment.
    std::vector<ShardId> shards_for(std::string_view key) const;
    // The position pieces holding key's positions, in segments whose count shard for it is loaded
    // or holds it alone (own_pieces).
    std::vector<ShardId> pieces_for(std::string_view key) const;
    // Decodes a term's postings over every segment, with positions or hit counts only; an absent
    // term gives empty postings, a damaged or missing shard an Error.
    Result<Postings> postings(const std::string& key, bool with_positions) const;
    // Words starting with prefix, at most kMaxPrefixExpansion (most frequent first kept).
    std::vector<std::string> expand_prefix(std::string_view prefix) const;
};

}  // namespace folio

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
std::uint32_t shard_of(std::string_view key, std::uint32_t shard_count);

// Docs with, for each, the sorted positions where a term (or a chain of terms) starts.
struct Postings {
    std::vector<std::uint32_t> docs;
    std::vector<std::uint32_t> starts{0};  // positions of docs[i] are [starts[i], starts[i+1])
    std::vector<std::uint32_t> positions;
    std::size_t size() const { return docs.size(); }
    void add_doc(std::uint32_t doc) { docs.push_back(doc); }
    void end_doc() { starts.push_back(static_cast<std::uint32_t>(positions.size())); }
};

struct SearchIndex::Impl {
    struct Shard {
        bool loaded = false;
        std::string bytes;  // owned copy; the term map points into it and it never moves
        std::unordered_map<std::string_view, std::string_view> terms;  // key -> encoded postings
    };
    bool has_docs = false;
    std::uint64_t build_id = 0;  // fnv1a64 of the docs buffer; shards carry it
    std::uint32_t shard_count = 0;
    std::uint32_t doc_count = 0;
    std::vector<std::uint32_t> lengths, title_lengths;
    std::vector<std::int64_t> dates;
    std::vector<std::uint8_t> has_date;
    double average_length = 1;
    std::vector<std::string> words;  // sorted folded UTF-8 of every indexed word
    std::vector<std::uint32_t> word_doc_counts;
    std::vector<Shard> shards;

    // Decodes a term's postings; an absent term gives empty postings, a damaged one an Error.
    Result<Postings> postings(const std::string& key) const;
    // Words starting with prefix, at most kMaxPrefixExpansion (most frequent first kept).
    std::vector<std::string> expand_prefix(std::string_view prefix) const;
};

}  // namespace folio

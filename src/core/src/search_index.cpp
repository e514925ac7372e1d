// Building, encoding and loading one segment of the search index.
//
// docs buffer  "FSDC" v doc_count {length title_length has_date [zigzag(previous date - date)]}*
//              word_count {shared_prefix suffix_length suffix doc_count}*
//              shard_count {shared_prefix suffix_length suffix}*(shard_count-1)
//              positions_length piece_bytes
//              own_count {shard_step first_piece_step piece_count*2+grouped}*   fnv1a64
//              (the first key of shards 1.., front-coded: shard s holds [split s-1, split s);
//              dates are deltas from the previous dated doc, small since docs are newest first;
//              own: each count shard after the first whose only term, its first key, has positions,
//              and the pieces those are in, so a query names them with the count shard and fetches
//              both at once (v8); shard_step from the entry before, first_piece_step from its last
//              piece; a grouped term's pieces (a big term's) are one file, one request (v9))
// The segment's files are shard_count count shards, then the files of its position stream (one
// piece each, or a grouped term's pieces): every term's positions, in key order, cut every
// piece_bytes bytes (the last piece is shorter), so a query that needs no positions (one CJK
// character or pair, a word) never fetches them, and one that does fetches the pieces its terms'
// own bytes fall in (a count shard says where).
// count shard  "FSSH" v build_id shard shard_count+file_count term_count positions_offset
//              {shared_prefix suffix_length suffix postings_length postings positions_length*2+aligned}*   fnv1a64
//              key = kind byte ('u','b','w') + folded UTF-8, sorted, front-coded; positions_offset is
//              where the first term's positions start in the stream, each next term's follow; an
//              aligned term's positions start at the next piece boundary instead (the stream holds
//              zeros up to it): a big term's (a quarter piece or more) and the next term's, so a query
//              reads a big term's own pieces and nothing else (the zeros cost nothing once gzipped);
//              a term whose postings are a quarter shard or more is a shard's only term (v7)
// postings     doc_count, then bits (low bit first, the last byte padded with zeros): for each doc,
//              its delta (the first from 0, the rest less one) in Rice code with k from the segment's
//              doc count and the term's (rice_parameter), then its hits: a bit for title hits, then
//              golomb0 of (title - 1, body) or of body - 1
// position file "FSSH" v build_id shard shard_count+file_count bytes   fnv1a64
// positions    bits, each term's from a whole byte: for each doc of the term's postings, in order:
//              'b', 'w' every position (title hits + body hits of them), 'u' golomb0 of edge_count
//              and the positions at a CJK run's edge; the first in Rice code from 0, each next as its
//              gap less one, k from the doc's length and the number of positions
// Integers outside the bits are LEB128 varints; build_id is the fnv1a64 of the segment's docs buffer.
#include <algorithm>
#include <map>
#include <utility>

#include "folio/hash.h"
#include "folio/utf8.h"
#include "search_binary.h"
#include "search_internal.h"

namespace folio {
namespace {

// Where a term whose positions start a piece of their own begins (v6): the next piece boundary.
std::uint64_t piece_start(std::uint64_t offset, std::uint64_t piece_bytes) {
    return (offset + piece_bytes - 1) / piece_bytes * piece_bytes;
}

// A big term (positions a quarter piece or more) starts pieces of its own, and the next term after them.
bool big_term(std::uint64_t positions_length, std::uint64_t piece_bytes) { return positions_length >= piece_bytes / 4; }

using namespace search_binary;
using OwnPieces = SearchIndex::Impl::Segment::OwnPieces;

// Where each file of the position stream starts, in pieces, and where the last ends: a grouped
// term's pieces are one file, every other piece a file of its own.
std::vector<std::uint32_t> position_files(std::uint64_t pieces, const std::vector<OwnPieces>& own) {
    std::vector<std::uint32_t> starts;
    auto group = own.begin();
    for (std::uint64_t p = 0; p < pieces;) {
        while (group != own.end() && (!group->grouped || group->first < p)) ++group;
        starts.push_back(static_cast<std::uint32_t>(p));
        p += group != own.end() && group->first == p ? group->count : 1;
    }
    starts.push_back(static_cast<std::uint32_t>(pieces));
    return starts;
}

constexpr std::string_view kDocsMagic = "FSDC", kShardMagic = "FSSH";
constexpr std::uint64_t kIndexVersion = kSearchIndexVersion;
constexpr std::uint32_t kMaxShards = 1u << 20;

struct TermPostings {
    std::string bytes;      // while building: per doc, put_counts (the doc's delta and hits)
    BitWriter positions;    // the position stream's bits (their parameter is known per doc)
    std::uint32_t doc_count = 0;
    std::uint32_t last_doc = 0;
};

// While building, a term is a number: kind in the top bits, then its code point(s) or word id;
// hashing integers instead of strings makes building several times faster.
constexpr std::uint64_t kUnigramCode = 1ull << 60, kBigramCode = 2ull << 60, kWordCode = 3ull << 60;

struct Hit {
    std::uint64_t code;
    std::uint32_t position;
    bool edge;  // a unigram at the first or last character of its CJK run
};

// Term code -> index in the builder's term list: open addressing with linear probing. Looking
// terms up was the builder's hottest loop, and std::unordered_map's node chains miss the cache.
class TermTable {
public:
    // The value stored for code, or `value` after storing it (added is then true).
    std::uint32_t find_or_add(std::uint64_t code, std::uint32_t value, bool& added) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        for (std::size_t i = mix64(code) & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.code == code) {
                added = false;
                return slot.value;
            }
            if (slot.code == 0) {  // codes are never 0: they carry their kind in the top bits
                slot = {code, value};
                ++size_;
                added = true;
                return value;
            }
        }
    }

    // Room for n codes without growing (each growth rehashes every code).
    void reserve(std::size_t n) {
        while ((n + 1) * 2 > slots_.size()) grow();
    }

    // Asks the cache for code's first slot ahead of find_or_add (only a hint: it reads nothing).
    void prefetch(std::uint64_t code) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[mix64(code) & mask_]);
    }

private:
    struct Slot {
        std::uint64_t code = 0;
        std::uint32_t value = 0;
    };
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.code == 0) continue;
            std::size_t i = mix64(slot.code) & mask_;
            while (slots_[i].code != 0) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }
    std::vector<Slot> slots_;
    std::size_t size_ = 0, mask_ = 0;
};

// a - b wrapping (two's complement), so any dates delta-code and decode without overflow; its own inverse.
std::int64_t date_step(std::int64_t a, std::int64_t b) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

// A doc's entry in a count shard's postings: its delta and its (title, body) hits.
void put_counts(std::string& out, std::uint64_t delta, std::uint32_t title, std::uint32_t body) {
    const std::uint64_t c = title > 0 ? 3 : body == 1 ? 0 : body == 2 ? 1 : 2;
    put_varint(out, delta * 4 + c);
    if (c == 2) put_varint(out, body - 3);
    if (c == 3) put_varint(out, title), put_varint(out, body);
}

// One doc's entry in a term's postings and positions: its delta and hit counts, then the positions
// listed (a unigram's at a CJK run's edge, after their count; every other term's all of them).
void put_doc(TermPostings& tp, bool unigram, std::uint32_t doc, std::uint32_t title, std::uint32_t body,
             std::uint32_t length, const std::vector<std::uint32_t>& listed) {
    put_counts(tp.bytes, tp.doc_count == 0 ? doc : doc - tp.last_doc, title, body);
    if (unigram) tp.positions.golomb0(listed.size());
    const unsigned k = rice_parameter(length, listed.size());
    for (std::size_t i = 0; i < listed.size(); ++i) tp.positions.rice(i == 0 ? listed[0] : listed[i] - listed[i - 1] - 1, k);
    tp.last_doc = doc;
    ++tp.doc_count;
}

class IndexBuilder {
public:
    // Adds the terms of one folded field at positions from `position` on.
    void add_field(const std::u32string& folded, std::uint32_t& position) {
        const auto tokens = tokenize_folded(folded);
        auto same_run = [&](std::size_t a, std::size_t b) {
            return tokens[b].kind == TokenKind::Cjk && tokens[a].run == tokens[b].run;
        };
        for (std::size_t i = 0; i < tokens.size(); ++i, ++position) {
            const SearchToken& t = tokens[i];
            if (t.kind == TokenKind::Word) {
                const std::u32string_view word = word_key_text({folded.data() + t.begin, t.end - t.begin});
                auto [it, added] = word_ids_.try_emplace(std::u32string(word), static_cast<std::uint32_t>(words_.size()));
                if (added) words_.emplace_back(word);
                doc_hits_.push_back({kWordCode | it->second, position, false});
                continue;
            }
            const bool joins_next = i + 1 < tokens.size() && same_run(i, i + 1);
            const bool joins_previous = i > 0 && same_run(i, i - 1);
            doc_hits_.push_back({kUnigramCode | folded[t.begin], position, !joins_next || !joins_previous});
            if (joins_next)
                doc_hits_.push_back({kBigramCode | (std::uint64_t{folded[t.begin]} << 21) | folded[t.begin + 1], position, false});
        }
    }

    // Appends the doc's hits to each of its terms' postings. A term's slot and postings are far
    // apart in a large table: each is asked for a few terms ahead (two thirds of this function's
    // time was spent waiting for them).
    void end_doc(std::uint32_t doc, std::uint32_t title_length, std::uint32_t length) {
        group_hits();
        constexpr std::size_t kAhead = 8;
        term_of_.resize(groups_.size());
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            if (i + kAhead < groups_.size()) term_index_.prefetch(groups_[i + kAhead].code);
            bool added = false;
            term_of_[i] = term_index_.find_or_add(groups_[i].code, static_cast<std::uint32_t>(terms_.size()), added);
            if (added) terms_.push_back({groups_[i].code, {}});
        }
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            if (i + kAhead < groups_.size()) __builtin_prefetch(&terms_[term_of_[i + kAhead]].second.doc_count);
            if (i + kAhead / 2 < groups_.size()) {
                const TermPostings& next = terms_[term_of_[i + kAhead / 2]].second;
                __builtin_prefetch(next.bytes.data() + next.bytes.size(), 1);
            }
            const HitGroup& g = groups_[i];
            const bool unigram = (g.code >> 60) == 1;
            std::uint32_t title = 0, hits = 0;
            listed_.clear();
            for (std::uint32_t k = g.first; k != kNoHit; k = next_hit_[k]) {
                const Hit& h = doc_hits_[k];
                title += h.position < title_length;
                ++hits;
                if (!unigram || h.edge) listed_.push_back(h.position);
            }
            put_doc(terms_[term_of_[i]].second, unigram, doc, title, hits - title, length, listed_);
        }
        doc_hits_.clear();
    }

    // Appends the terms of a segment read back (`older`, its files all loaded) as docs from `first`
    // on, each doc as end_doc wrote it: the builder then holds what it would from older's docs.
    Status absorb(const SearchIndex::Impl& older, std::uint32_t first);

    // Every term as (key, postings), sorted by key; finish_index releases each one's postings once encoded.
    std::vector<std::pair<std::string, TermPostings*>> sorted_terms() {
        std::vector<std::pair<std::string, TermPostings*>> out;
        out.reserve(terms_.size());
        for (auto& [code, tp] : terms_) {
            const char32_t low = static_cast<char32_t>(code & 0x1FFFFF), high = static_cast<char32_t>((code >> 21) & 0x1FFFFF);
            switch (code >> 60) {
                case 1: out.emplace_back(term_key(kUnigram, std::u32string(1, low)), &tp); break;
                case 2: out.emplace_back(term_key(kBigram, std::u32string{high, low}), &tp); break;
                default: out.emplace_back(term_key(kWord, words_[code & 0xFFFFFFFF]), &tp); break;
            }
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return out;
    }

private:
    // The postings of the term whose key (as sorted_terms makes it) is key, new ones made empty.
    TermPostings& term(const std::string& key) {
        std::size_t i = 1;
        std::uint64_t code = 0;
        if (key[0] == kUnigram) {
            code = kUnigramCode | utf8_next(key, i);
        } else if (key[0] == kBigram) {
            const std::uint64_t high = utf8_next(key, i);
            code = kBigramCode | (high << 21) | utf8_next(key, i);
        } else {
            std::u32string word;
            while (i < key.size()) word += utf8_next(key, i);
            auto [it, added] = word_ids_.try_emplace(word, static_cast<std::uint32_t>(words_.size()));
            if (added) words_.push_back(std::move(word));
            code = kWordCode | it->second;
        }
        bool added = false;
        const std::uint32_t at = term_index_.find_or_add(code, static_cast<std::uint32_t>(terms_.size()), added);
        if (added) terms_.push_back({code, {}});
        return terms_[at].second;
    }

    static constexpr std::uint32_t kNoHit = 0xFFFFFFFF;
    struct HitGroup {
        std::uint64_t code;
        std::uint32_t first, last;  // a chain through next_hit_
    };

    // Chains the doc's hits by term, each chain in arrival order (so by position: hits arrive in
    // position order). Replaces a sort of every hit, which was a tenth of the build.
    void group_hits() {
        groups_.clear();
        next_hit_.assign(doc_hits_.size(), kNoHit);
        std::size_t capacity = 64;
        while (capacity < doc_hits_.size() * 2) capacity *= 2;
        slots_.assign(capacity, kNoHit);
        const std::size_t mask = capacity - 1;
        for (std::uint32_t k = 0; k < doc_hits_.size(); ++k) {
            const std::uint64_t code = doc_hits_[k].code;
            for (std::size_t i = mix64(code) & mask;; i = (i + 1) & mask) {
                if (slots_[i] == kNoHit) {
                    slots_[i] = static_cast<std::uint32_t>(groups_.size());
                    groups_.push_back({code, k, k});
                    break;
                }
                HitGroup& g = groups_[slots_[i]];
                if (g.code == code) {
                    next_hit_[g.last] = k;
                    g.last = k;
                    break;
                }
            }
        }
    }

    std::vector<Hit> doc_hits_;
    std::vector<HitGroup> groups_;           // per doc
    std::vector<std::uint32_t> next_hit_;    // per doc: the next hit of the same term
    std::vector<std::uint32_t> slots_;       // per doc: code -> group, open addressing
    std::vector<std::uint32_t> listed_;      // one term's positions in one doc, as put_doc lists them
    std::vector<std::uint32_t> term_of_;     // per doc: each group's term
    TermTable term_index_;
    std::vector<std::pair<std::uint64_t, TermPostings>> terms_;
    std::unordered_map<std::u32string, std::uint32_t> word_ids_;
    std::vector<std::u32string> words_;
};

std::size_t shared_prefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

void put_front_coded(std::string& out, std::string_view previous, std::string_view key) {
    const std::size_t shared = shared_prefix(previous, key);
    put_varint(out, shared);
    put_varint(out, key.size() - shared);
    out.append(key.substr(shared));
}

// Reads a key written by put_front_coded; it must sort after previous (when there is one).
bool read_front_coded(Reader& r, std::string& key, bool first) {
    const std::uint64_t shared = r.bounded(key.size());
    const std::string_view suffix = r.bytes(r.varint());
    if (!r.ok()) return false;
    std::string next = key.substr(0, static_cast<std::size_t>(shared));
    next += suffix;
    if (next.empty() || (!first && next <= key)) return false;
    key = std::move(next);
    return true;
}

Error damaged(const std::string& what) {
    return Error{"the search index " + what + " is damaged or from another version; rebuild the site"};
}

}  // namespace

std::string term_key(char kind, std::u32string_view folded) {
    std::string key(1, kind);
    for (char32_t c : folded) utf8_append(key, c);
    return key;
}

std::u32string_view word_key_text(std::u32string_view word) { return word.substr(0, kMaxWordLength); }

namespace {

// The terms cut into consecutive key ranges of about shard_bytes of count postings each (a term
// with a quarter of that or more has one alone): each range's count shard content (after its term
// count) and term count, and the segment's position stream.
struct ShardBodies {
    std::vector<std::string> counts{1};
    std::vector<std::uint32_t> term_counts{0};
    std::vector<std::string_view> splits;  // the first key of every range but the first
    std::string positions;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> first_places;  // per shard: its first term's positions
};

// A term's postings as stored ("postings" above), re-coded from put_counts once its doc count is known.
std::string encode_postings(const TermPostings& tp, std::uint32_t segment_docs) {
    std::string out;
    put_varint(out, tp.doc_count);
    BitWriter bits;
    const unsigned k = rice_parameter(segment_docs, tp.doc_count);
    Reader r(tp.bytes);
    for (std::uint32_t i = 0; i < tp.doc_count; ++i) {
        const std::uint64_t head = r.varint(), delta = head >> 2, c = head & 3;
        const std::uint64_t title = c == 3 ? r.varint() : 0;
        const std::uint64_t body = c == 0 ? 1 : c == 1 ? 2 : c == 2 ? r.varint() + 3 : r.varint();
        bits.rice(i == 0 ? delta : delta - 1, k);
        bits.bits(title > 0, 1);
        if (title > 0) {
            bits.golomb0(title - 1);
            bits.golomb0(body);
        } else {
            bits.golomb0(body - 1);
        }
    }
    bits.append_padded(out);
    return out;
}

ShardBodies cut_shards(const std::vector<std::pair<std::string, TermPostings*>>& sorted, std::uint32_t shard_bytes,
                       std::uint32_t piece_bytes, std::uint32_t segment_docs) {
    ShardBodies out;
    std::string_view previous_key;
    bool previous_big = false, previous_own_shard = false;
    put_varint(out.counts.back(), 0);
    out.first_places.emplace_back();
    std::size_t positions = 0;  // at most: every term's, and a piece's padding before each aligned one
    for (const auto& entry : sorted) {
        const std::size_t length = entry.second->positions.padded_size();
        positions += length + (big_term(length, piece_bytes) ? 2 * std::size_t{piece_bytes} : 0);
    }
    out.positions.reserve(positions);  // no doubling of a segment's largest buffer
    for (const auto& [key, tp] : sorted) {
        const std::string postings = encode_postings(*tp, segment_docs);
        // A big term's postings (a quarter shard or more) get a shard of their own, so a query for
        // it reads its own postings and not a neighbour's (新冠疫情 read 3x its postings before).
        const bool own_shard = postings.size() >= shard_bytes / 4;
        const bool full = out.counts.back().size() >= std::max<std::uint32_t>(1, shard_bytes);
        if ((full || own_shard || previous_own_shard) && out.term_counts.back() > 0 && out.counts.size() < kMaxShards / 2) {
            out.counts.emplace_back();
            put_varint(out.counts.back(), out.positions.size());
            out.term_counts.push_back(0);
            out.first_places.emplace_back();
            out.splits.push_back(key);
            previous_key = {};
        }
        put_front_coded(out.counts.back(), previous_key, key);
        put_varint(out.counts.back(), postings.size());
        out.counts.back() += postings;
        const std::size_t length = tp->positions.padded_size();
        const bool big = big_term(length, piece_bytes), aligned = big || previous_big;
        if (aligned) out.positions.resize(static_cast<std::size_t>(piece_start(out.positions.size(), piece_bytes)), '\0');
        put_varint(out.counts.back(), length * 2 + (aligned ? 1 : 0));
        if (out.term_counts.back() == 0) out.first_places.back() = {out.positions.size(), out.positions.size() + length};
        tp->positions.append_padded(out.positions);
        std::exchange(*tp, {});  // encoded: the builder's copy goes (assigning {} would keep the buffers)
        previous_big = big;
        previous_own_shard = own_shard;
        ++out.term_counts.back();
        previous_key = key;
    }
    return out;
}

}  // namespace

namespace {

// The docs buffer's per-doc part: each doc's length, title length and date.
struct DocTable {
    std::string entries;
    std::uint32_t count = 0;
    std::int64_t previous_date = 0;
    void add(std::uint32_t length, std::uint32_t title_length, bool has_date, std::int64_t date) {
        put_varint(entries, length);
        put_varint(entries, title_length);
        entries += static_cast<char>(has_date ? 1 : 0);
        if (has_date) put_varint(entries, zigzag(date_step(previous_date, date)));
        if (has_date) previous_date = date;
        ++count;
    }
};

// Adds docs to the builder and the table, numbered from the table's count on.
void add_docs(const std::vector<SearchDoc>& docs, const FoldTable& table, IndexBuilder& builder, DocTable& doc_table) {
    for (const SearchDoc& d : docs) {
        std::uint32_t position = 0;
        builder.add_field(fold_text(d.title, table).text, position);
        const std::uint32_t title_length = position;
        ++position;  // a gap, so no phrase runs from the title into the body
        builder.add_field(fold_text(d.text, table).text, position);
        builder.end_doc(doc_table.count, title_length, position);
        doc_table.add(position, title_length, d.has_date, d.date);
    }
}

SearchIndexFiles finish_index(IndexBuilder& builder, const DocTable& doc_table, std::uint32_t shard_bytes,
                              std::uint32_t piece_bytes);

}  // namespace

SearchIndexFiles build_search_index(std::vector<SearchDoc> docs, const FoldTable& table, std::uint32_t shard_bytes,
                                    std::uint32_t piece_bytes) {
    IndexBuilder builder;
    DocTable doc_table;
    add_docs(docs, table, builder, doc_table);
    docs = {};  // indexed: the text goes before the files are made
    return finish_index(builder, doc_table, shard_bytes, piece_bytes);
}

Result<SearchIndexFiles> build_search_index_in_batches(const NextSearchDocs& next, const FoldTable& table,
                                                       std::uint32_t shard_bytes, std::uint32_t piece_bytes) {
    IndexBuilder builder;
    DocTable doc_table;
    for (;;) {
        auto batch = next();
        if (!batch) return batch.error();
        if (batch->empty()) break;
        add_docs(*batch, table, builder, doc_table);
    }
    return finish_index(builder, doc_table, shard_bytes, piece_bytes);
}

Result<SearchIndexFiles> extend_search_index(const std::vector<SearchDoc>& docs, const FoldTable& table,
                                             const SearchIndexFiles& older, std::uint32_t shard_bytes,
                                             std::uint32_t piece_bytes) {
    SearchIndex read;
    if (auto st = read.load_docs(older.docs); !st) return st.error();
    if (read.shard_count(0) != older.shards.size()) return Error{"the search segment to extend lacks files"};
    for (std::uint32_t s = 0; s < older.shards.size(); ++s)
        if (auto st = read.load_shard({0, s}, older.shards[s]); !st) return st.error();
    IndexBuilder builder;
    DocTable doc_table;
    add_docs(docs, table, builder, doc_table);
    const SearchIndex::Impl& impl = read.impl();
    if (auto st = builder.absorb(impl, doc_table.count); !st) return st.error();
    for (std::uint32_t d = 0; d < impl.doc_count; ++d)
        doc_table.add(impl.lengths[d], impl.title_lengths[d], impl.has_date[d] != 0, impl.dates[d]);
    return finish_index(builder, doc_table, shard_bytes, piece_bytes);
}

namespace {

SearchIndexFiles finish_index(IndexBuilder& builder, const DocTable& doc_table, std::uint32_t shard_bytes,
                              std::uint32_t piece_bytes) {
    std::string docs_out(kDocsMagic);
    put_varint(docs_out, kIndexVersion);
    put_varint(docs_out, doc_table.count);
    docs_out += doc_table.entries;
    const auto sorted = builder.sorted_terms();
    std::size_t word_count = 0;
    for (const auto& entry : sorted) word_count += entry.first[0] == kWord;
    put_varint(docs_out, word_count);
    std::string_view previous_word;
    for (const auto& entry : sorted) {
        if (entry.first[0] != kWord) continue;
        const std::string_view word = std::string_view(entry.first).substr(1);
        put_front_coded(docs_out, previous_word, word);
        put_varint(docs_out, entry.second->doc_count);
        previous_word = word;
    }

    piece_bytes = std::max<std::uint32_t>(1, piece_bytes);
    ShardBodies shards = cut_shards(sorted, shard_bytes, piece_bytes, doc_table.count);
    put_varint(docs_out, shards.counts.size());
    std::string_view previous_split;
    for (const auto split : shards.splits) {
        put_front_coded(docs_out, previous_split, split);
        previous_split = split;
    }
    put_varint(docs_out, shards.positions.size());
    put_varint(docs_out, piece_bytes);
    std::vector<OwnPieces> own;
    for (std::size_t s = 1; s < shards.counts.size(); ++s) {
        const auto [begin, end] = shards.first_places[s];
        if (shards.term_counts[s] != 1 || begin == end) continue;
        const auto first = static_cast<std::uint32_t>(begin / piece_bytes);
        const auto count = static_cast<std::uint32_t>((end - 1) / piece_bytes + 1 - first);
        own.push_back({static_cast<std::uint32_t>(s), first, count, big_term(end - begin, piece_bytes) && count > 1});
    }
    put_varint(docs_out, own.size());
    std::uint64_t shard = 0, piece = 0;
    for (const OwnPieces& o : own) {
        put_varint(docs_out, o.shard - shard);
        put_varint(docs_out, o.first - piece);
        put_varint(docs_out, std::uint64_t{o.count} * 2 + (o.grouped ? 1 : 0));
        shard = o.shard;
        piece = o.first + o.count - 1;  // a term's last piece may be the next one's first
    }

    SearchIndexFiles files;
    files.docs = seal(std::move(docs_out));
    const std::uint64_t build_id = fnv1a64(files.docs);
    const std::vector<std::uint32_t> starts =
        position_files((shards.positions.size() + piece_bytes - 1) / piece_bytes, own);
    const std::size_t n = shards.counts.size(), position_file_count = starts.size() - 1;
    for (std::size_t s = 0; s < n + position_file_count; ++s) {
        const std::size_t at = s < n ? 0 : std::size_t{starts[s - n]} * piece_bytes;
        const std::string_view content = s < n ? std::string_view(shards.counts[s])
                                               : std::string_view(shards.positions).substr(at, std::size_t{starts[s - n + 1]} * piece_bytes - at);
        std::string out(kShardMagic);
        out.reserve(out.size() + 5 * 10 + content.size() + 8);  // five varints, content, checksum: no doubling
        put_varint(out, kIndexVersion);
        put_varint(out, build_id);
        put_varint(out, s);
        put_varint(out, n + position_file_count);
        if (s < n) put_varint(out, shards.term_counts[s]);
        out += content;
        files.shards.push_back(seal(std::move(out)));
        if (s < n) std::string().swap(shards.counts[s]);  // copied into its file
    }
    return files;
}

}  // namespace

// ---- reading --------------------------------------------------------------------

namespace {

// The docs buffer's own_count {shard_step first_piece_step piece_count*2+grouped}* (see the top).
void read_own_pieces(Reader& r, std::uint64_t shard_count, std::uint64_t pieces, std::vector<OwnPieces>& out) {
    const std::uint64_t own_count = r.bounded(shard_count);
    for (std::uint64_t e = 0, shard = 0, piece = 0; e < own_count && r.ok(); ++e) {
        shard += r.bounded(shard_count);
        const std::uint64_t step = r.bounded(pieces), count_grouped = r.bounded(pieces * 2 + 1);
        const std::uint64_t count = count_grouped >> 1;
        const bool grouped = count_grouped & 1;
        // Pieces only move forward, and a group shares none with the term before or after it.
        const bool shares = e > 0 && step == 0;
        if (shard == 0 || shard >= shard_count || count == 0 || piece + step + count > pieces ||
            (!out.empty() && shard <= out.back().shard) || (shares && (grouped || out.back().grouped)))
            r.fail();
        piece += step;
        out.push_back({static_cast<std::uint32_t>(shard), static_cast<std::uint32_t>(piece), static_cast<std::uint32_t>(count),
                       grouped});
        piece += count - 1;
    }
}

}  // namespace

SearchIndex::SearchIndex() : impl_(std::make_unique<Impl>()) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

bool SearchIndex::has_docs() const { return impl_->has_docs; }
bool SearchIndex::has_shard(ShardId id) const {
    return id.segment < impl_->segments.size() && id.shard < impl_->segments[id.segment].shards.size() &&
           impl_->segments[id.segment].shards[id.shard].loaded;
}
std::uint32_t SearchIndex::segment_count() const { return static_cast<std::uint32_t>(impl_->segments.size()); }
std::uint32_t SearchIndex::shard_count(std::uint32_t segment) const {
    return segment < impl_->segments.size() ? static_cast<std::uint32_t>(impl_->segments[segment].shards.size()) : 0;
}
std::uint32_t SearchIndex::count_shard_count(std::uint32_t segment) const {
    return segment < impl_->segments.size() ? impl_->segments[segment].count_shards() : 0;
}
std::uint32_t SearchIndex::doc_count() const { return impl_->doc_count; }

Status SearchIndex::load_docs(std::string_view bytes) {
    std::string_view content;
    if (!unseal(bytes, kDocsMagic, content)) return damaged("document table");
    Reader r(content);
    if (r.varint() != kIndexVersion) return damaged("document table");
    Impl::Segment seg;
    seg.build_id = fnv1a64(bytes);
    seg.first = impl_->doc_count;
    // Each doc takes at least three bytes: the count can never claim more than the bytes hold.
    seg.count = static_cast<std::uint32_t>(r.bounded(std::min<std::uint64_t>(r.remaining() / 3, UINT32_MAX - seg.first)));
    if (!r.ok()) return damaged("document table");
    std::vector<std::uint32_t> lengths, title_lengths;
    std::vector<std::int64_t> dates;
    std::vector<std::uint8_t> has_dates;
    lengths.reserve(seg.count);
    double total_length = 0;
    std::int64_t previous_date = 0;
    for (std::uint32_t d = 0; d < seg.count && r.ok(); ++d) {
        const auto length = static_cast<std::uint32_t>(r.bounded(UINT32_MAX));
        const auto title_length = static_cast<std::uint32_t>(r.bounded(length));
        const std::uint8_t has_date = r.byte();
        const std::int64_t date = has_date ? date_step(previous_date, unzigzag(r.varint())) : 0;
        if (has_date) previous_date = date;
        if (has_date > 1) r.fail();
        lengths.push_back(length);
        title_lengths.push_back(title_length);
        has_dates.push_back(has_date);
        dates.push_back(date);
        total_length += length;
    }
    const std::uint64_t word_count = r.bounded(r.remaining() / 4);
    std::vector<std::uint32_t> word_doc_counts;
    std::string word;
    for (std::uint64_t w = 0; w < word_count && r.ok(); ++w) {
        const bool read = read_front_coded(r, word, w == 0);
        const std::uint64_t doc_count = r.bounded(seg.count);
        if (!read || !r.ok() || doc_count == 0) {
            r.fail();
            break;
        }
        seg.words.push_back(word);
        word_doc_counts.push_back(static_cast<std::uint32_t>(doc_count));
    }
    const std::uint64_t shard_count = r.bounded(std::min<std::uint64_t>(kMaxShards / 2, r.remaining() / 2 + 1));
    if (shard_count == 0) r.fail();
    std::string split;
    for (std::uint64_t s = 1; s < shard_count && r.ok(); ++s) {
        if (!read_front_coded(r, split, s == 1)) r.fail();
        seg.splits.push_back(split);
    }
    seg.positions_length = r.varint();
    seg.piece_bytes = static_cast<std::uint32_t>(r.bounded(UINT32_MAX));
    const std::uint64_t pieces = seg.piece_bytes ? (seg.positions_length + seg.piece_bytes - 1) / seg.piece_bytes : 0;
    if (seg.piece_bytes == 0 || pieces > kMaxShards / 2) r.fail();
    read_own_pieces(r, shard_count, pieces, seg.own_pieces);
    if (!r.ok() || !r.at_end()) return damaged("document table");
    seg.file_starts = position_files(pieces, seg.own_pieces);

    Impl& impl = *impl_;
    seg.shards.resize(static_cast<std::size_t>(shard_count + seg.file_starts.size() - 1));  // count shards, then position files
    impl.lengths.insert(impl.lengths.end(), lengths.begin(), lengths.end());
    impl.title_lengths.insert(impl.title_lengths.end(), title_lengths.begin(), title_lengths.end());
    impl.dates.insert(impl.dates.end(), dates.begin(), dates.end());
    impl.has_date.insert(impl.has_date.end(), has_dates.begin(), has_dates.end());
    impl.doc_count += seg.count;
    impl.total_length += total_length;
    impl.average_length = impl.doc_count ? std::max(1.0, impl.total_length / impl.doc_count) : 1.0;
    // Merge the segment's words into the index-wide dictionary, adding document frequencies.
    std::vector<std::string> merged;
    std::vector<std::uint32_t> merged_counts;
    merged.reserve(impl.words.size() + seg.words.size());
    std::size_t a = 0, b = 0;
    while (a < impl.words.size() || b < seg.words.size()) {
        if (b == seg.words.size() || (a < impl.words.size() && impl.words[a] < seg.words[b])) {
            merged.push_back(std::move(impl.words[a]));
            merged_counts.push_back(impl.word_doc_counts[a++]);
        } else if (a == impl.words.size() || seg.words[b] < impl.words[a]) {
            merged.push_back(seg.words[b]);
            merged_counts.push_back(word_doc_counts[b++]);
        } else {
            merged.push_back(std::move(impl.words[a]));
            merged_counts.push_back(impl.word_doc_counts[a++] + word_doc_counts[b++]);
        }
    }
    impl.words = std::move(merged);
    impl.word_doc_counts = std::move(merged_counts);
    impl.segments.push_back(std::move(seg));
    impl.has_docs = true;
    return Ok{};
}

std::uint32_t SearchIndex::Impl::Segment::shard_of(std::string_view key) const {
    return static_cast<std::uint32_t>(std::upper_bound(splits.begin(), splits.end(), key) - splits.begin());
}

bool SearchIndex::Impl::Segment::may_hold(std::string_view key) const {
    return key.empty() || key[0] != kWord || std::binary_search(words.begin(), words.end(), key.substr(1));
}

std::uint32_t SearchIndex::Impl::Segment::file_of(std::uint64_t piece) const {
    return static_cast<std::uint32_t>(std::upper_bound(file_starts.begin(), file_starts.end(), piece) - file_starts.begin() - 1);
}

std::pair<std::uint32_t, std::uint32_t> SearchIndex::Impl::Segment::pieces_of(std::uint64_t begin, std::uint64_t end) const {
    if (begin >= end) return {0, 0};
    return {count_shards() + file_of(begin / piece_bytes), count_shards() + file_of((end - 1) / piece_bytes) + 1};
}

bool SearchIndex::Impl::Segment::read_stream(std::uint64_t begin, std::uint64_t end, std::string& out) const {
    out.clear();
    const auto [from_piece, to_piece] = pieces_of(begin, end);
    for (std::uint32_t s = from_piece; s < to_piece; ++s) {
        if (!shards[s].loaded) return false;
        const std::uint64_t at = std::uint64_t{file_starts[s - count_shards()]} * piece_bytes;
        const std::uint64_t from = std::max(begin, at), to = std::min(end, at + shards[s].bytes.size());
        out.append(shards[s].bytes, static_cast<std::size_t>(from - at), static_cast<std::size_t>(to - from));
    }
    return true;
}

namespace {

// A count shard's terms after its header: term_count positions_offset {key postings positions_length*2+aligned}*,
// each key inside the shard's range [low, high) and the positions inside the segment's stream.
bool load_terms(search_binary::Reader& terms, SearchIndex::Impl::Shard& loaded, std::string_view low,
                std::string_view high, const SearchIndex::Impl::Segment& seg) {
    const std::uint64_t term_count = terms.bounded(terms.remaining() / 4);
    loaded.keys.reserve(static_cast<std::size_t>(term_count));
    loaded.postings.reserve(static_cast<std::size_t>(term_count));
    loaded.places.reserve(static_cast<std::size_t>(term_count));
    std::uint64_t end = terms.bounded(seg.positions_length);
    std::string key;
    for (std::uint64_t t = 0; t < term_count && terms.ok(); ++t) {
        if (!read_front_coded(terms, key, t == 0)) terms.fail();
        const std::string_view postings = terms.bytes(terms.varint());
        const std::uint64_t length_aligned = terms.varint();
        const std::uint64_t begin = length_aligned & 1 ? piece_start(end, seg.piece_bytes) : end;
        if (!terms.ok() || begin > seg.positions_length || (length_aligned >> 1) > seg.positions_length - begin ||
            key.size() < 2 || (key[0] != kUnigram && key[0] != kBigram && key[0] != kWord) || key < low ||
            (!high.empty() && key >= high))
            return false;
        end = begin + (length_aligned >> 1);
        loaded.keys.push_back(key);
        loaded.postings.push_back(postings);
        loaded.places.emplace_back(begin, end);
    }
    return terms.ok() && terms.at_end();
}

}  // namespace

Status SearchIndex::load_shard(ShardId id, std::string_view bytes) {
    Impl& impl = *impl_;
    if (id.segment >= impl.segments.size())
        return Error{"the search index's document table must be loaded before its shards"};
    Impl::Segment& seg = impl.segments[id.segment];
    if (id.shard >= seg.shards.size()) return Error{"search shard " + std::to_string(id.shard) + " does not exist"};
    const std::string what = "shard " + std::to_string(id.segment) + "/" + std::to_string(id.shard);
    std::string_view content;
    if (!unseal(bytes, kShardMagic, content)) return damaged(what);
    Reader r(content);
    const std::uint64_t version = r.varint(), build_id = r.varint(), index = r.varint(), count = r.varint();
    if (!r.ok() || version != kIndexVersion || index != id.shard || count != seg.shards.size()) return damaged(what);
    if (build_id != seg.build_id)
        return Error{"search " + what + " belongs to another build of the site; reload the page"};
    // The postings views point into the shard's own copy, which stays put in the shards vector.
    Impl::Shard& loaded = seg.shards[id.shard];
    loaded = Impl::Shard{};
    if (id.shard >= seg.count_shards()) {  // a position file: the rest, its pieces' bytes
        const std::uint32_t f = id.shard - seg.count_shards();
        const std::uint64_t at = std::uint64_t{seg.file_starts[f]} * seg.piece_bytes;
        if (r.remaining() != std::min<std::uint64_t>(std::uint64_t{seg.file_starts[f + 1]} * seg.piece_bytes, seg.positions_length) - at)
            return damaged(what);
        loaded.bytes.assign(content.substr(r.position()));
        loaded.loaded = true;
        return Ok{};
    }
    loaded.bytes.assign(content);
    Reader terms(loaded.bytes);
    for (int skip = 0; skip < 4; ++skip) terms.varint();
    const std::string_view low = id.shard > 0 ? std::string_view(seg.splits[id.shard - 1]) : std::string_view();
    const std::string_view high = id.shard < seg.splits.size() ? std::string_view(seg.splits[id.shard]) : std::string_view();
    if (!load_terms(terms, loaded, low, high, seg)) {
        loaded = Impl::Shard{};
        return damaged(what);
    }
    loaded.loaded = true;
    return Ok{};
}

std::vector<ShardId> SearchIndex::Impl::shards_for(std::string_view key) const {
    std::vector<ShardId> out;
    for (std::uint32_t s = 0; s < segments.size(); ++s)
        if (segments[s].may_hold(key)) out.push_back({s, segments[s].shard_of(key)});
    return out;
}

std::vector<ShardId> SearchIndex::Impl::pieces_for(std::string_view key) const {
    std::vector<ShardId> out;
    for (const ShardId id : shards_for(key)) {
        const Segment& seg = segments[id.segment];
        const Shard& shard = seg.shards[id.shard];
        std::pair<std::uint64_t, std::uint64_t> place;  // the term's stream bytes, or the pieces holding them
        if (!shard.loaded) {  // known already when the shard holds just this term
            const auto own = std::lower_bound(seg.own_pieces.begin(), seg.own_pieces.end(), id.shard,
                                              [](const Segment::OwnPieces& o, std::uint32_t s) { return o.shard < s; });
            if (own == seg.own_pieces.end() || own->shard != id.shard || seg.splits[id.shard - 1] != key) continue;
            place = {std::uint64_t{own->first} * seg.piece_bytes, std::uint64_t{own->first + own->count} * seg.piece_bytes};
        } else {
            const auto it = std::lower_bound(shard.keys.begin(), shard.keys.end(), key);
            if (it == shard.keys.end() || *it != key) continue;
            place = shard.places[static_cast<std::size_t>(it - shard.keys.begin())];
        }
        const auto [first, last] = seg.pieces_of(place.first, place.second);
        for (std::uint32_t s = first; s < last; ++s) out.push_back({id.segment, s});
    }
    return out;
}

namespace {

// Reads one doc's (title, body) hits (encode_postings); false when they cannot be its.
bool read_counts(BitReader& r, std::uint32_t title_length, std::uint32_t length, std::uint64_t& title, std::uint64_t& body) {
    const bool in_title = r.bits(1) == 1;
    title = in_title ? r.golomb0() + 1 : 0;
    body = in_title ? r.golomb0() : r.golomb0() + 1;
    return r.ok() && title <= title_length && title + body <= length;
}

// Reads `listed` positions of one doc (the first from 0, each next one after the last), each inside the doc.
bool read_positions(BitReader& r, std::uint64_t listed, std::uint32_t length, std::vector<std::uint32_t>& out) {
    const unsigned k = rice_parameter(length, listed);
    std::uint64_t position = 0;
    for (std::uint64_t i = 0; i < listed && r.ok(); ++i) {
        position += r.rice(k) + (i > 0 ? 1 : 0);
        if (position >= length) return false;
        out.push_back(static_cast<std::uint32_t>(position));
    }
    return r.ok();
}

// The one decoder of a term's docs in one segment, shared by queries and by extending a segment.
// For each doc in order: on_doc(global doc, title hits, body hits, listed positions) reads those
// positions from `places` itself (null: positions are not read) and returns false if they are damaged.
template <class OnDoc>
bool read_term_docs(const SearchIndex::Impl& index, const SearchIndex::Impl::Segment& seg, std::string_view postings,
                    BitReader* places, bool unigram, OnDoc&& on_doc) {
    Reader head(postings);
    // Each doc takes at least three bits: the count can never claim more than the bits hold.
    const std::uint64_t count = head.bounded(std::min<std::uint64_t>(seg.count, head.remaining() * 8 / 3));
    if (!head.ok()) return false;
    BitReader r(postings.substr(head.position()));
    const unsigned k = rice_parameter(seg.count, count);
    std::uint64_t doc = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t delta = r.rice(k) + (i > 0 ? 1 : 0);
        if (!r.ok() || delta >= seg.count || doc + delta >= seg.count) return false;
        doc += delta;
        const std::uint32_t global = seg.first + static_cast<std::uint32_t>(doc);
        std::uint64_t title = 0, body = 0;
        if (!read_counts(r, index.title_lengths[global], index.lengths[global], title, body)) return false;
        std::uint64_t listed = 0;
        if (places) {
            listed = unigram ? places->golomb0() : title + body;
            if (!places->ok() || listed > title + body) return false;
        }
        if (!on_doc(global, title, body, listed)) return false;
    }
    return r.at_end() && (!places || places->at_end());
}

}  // namespace

namespace {

// Each term's docs are read as queries read them and appended as end_doc appends them; a position's
// code depends only on its doc (its length and count), so it is copied as it is.
Status IndexBuilder::absorb(const SearchIndex::Impl& older, std::uint32_t first) {
    if (older.segments.size() != 1) return Error{"internal error: extending a search index of other than one segment"};
    const SearchIndex::Impl::Segment& seg = older.segments[0];
    std::size_t terms = terms_.size();  // at most: the new docs' terms and the older segment's
    for (std::uint32_t s = 0; s < seg.count_shards(); ++s) terms += seg.shards[s].keys.size();
    terms_.reserve(terms);  // no growth moving every term's postings
    term_index_.reserve(terms);
    std::string places;
    for (std::uint32_t s = 0; s < seg.count_shards(); ++s) {
        const SearchIndex::Impl::Shard& shard = seg.shards[s];
        if (!shard.loaded) return Error{"internal error: extending a search segment whose shards are not loaded"};
        for (std::size_t t = 0; t < shard.keys.size(); ++t) {
            const bool unigram = shard.keys[t][0] == kUnigram;
            if (!seg.read_stream(shard.places[t].first, shard.places[t].second, places)) return damaged("being extended");
            BitReader p(places);
            TermPostings& tp = term(shard.keys[t]);
            const auto copy = [&](std::uint32_t doc, std::uint64_t title, std::uint64_t body, std::uint64_t listed) {
                const std::uint32_t global = first + (doc - seg.first);
                put_counts(tp.bytes, tp.doc_count == 0 ? global : global - tp.last_doc, static_cast<std::uint32_t>(title),
                           static_cast<std::uint32_t>(body));
                if (unigram) tp.positions.golomb0(listed);
                const unsigned position_k = rice_parameter(older.lengths[doc], listed);
                for (std::uint64_t j = 0; j < listed && p.ok(); ++j) tp.positions.rice(p.rice(position_k), position_k);
                tp.last_doc = global;
                ++tp.doc_count;
                return p.ok();
            };
            if (!read_term_docs(older, seg, shard.postings[t], &p, unigram, copy)) return damaged("being extended");
        }
    }
    return Ok{};
}

}  // namespace

Result<Postings> SearchIndex::Impl::postings(const std::string& key, bool with_positions) const {
    Postings out;
    const bool unigram = key[0] == kUnigram;
    std::string places;  // the term's positions in one segment
    for (const ShardId id : shards_for(key)) {
        const Segment& seg = segments[id.segment];
        const Shard& shard = seg.shards[id.shard];
        const std::string what = "shard " + std::to_string(id.segment) + "/" + std::to_string(id.shard);
        if (!shard.loaded) return Error{"search " + what + " is not loaded yet"};
        const auto it = std::lower_bound(shard.keys.begin(), shard.keys.end(), key);
        if (it == shard.keys.end() || *it != key) continue;
        const auto term = static_cast<std::size_t>(it - shard.keys.begin());
        if (with_positions && !seg.read_stream(shard.places[term].first, shard.places[term].second, places))
            return Error{"search positions of " + what + " are not loaded yet"};
        BitReader p(places);
        const auto keep = [&](std::uint32_t doc, std::uint64_t title, std::uint64_t body, std::uint64_t listed) {
            out.add_doc(doc);
            out.title_hits.push_back(static_cast<std::uint32_t>(title));
            out.body_hits.push_back(static_cast<std::uint32_t>(body));
            const bool ok = !with_positions || read_positions(p, listed, lengths[doc], out.positions);
            out.end_doc();
            return ok;
        };
        if (!read_term_docs(*this, seg, shard.postings[term], with_positions ? &p : nullptr, unigram, keep))
            return damaged(what);
    }
    return out;
}

std::vector<std::string> SearchIndex::Impl::expand_prefix(std::string_view prefix) const {
    std::vector<std::size_t> found;
    for (auto it = std::lower_bound(words.begin(), words.end(), prefix);
         it != words.end() && std::string_view(*it).substr(0, prefix.size()) == prefix; ++it)
        found.push_back(static_cast<std::size_t>(it - words.begin()));
    if (found.size() > kMaxPrefixExpansion) {
        // The exact word sorts first among its extensions; keep it, then the most frequent.
        const bool exact = words[found[0]] == prefix;
        std::stable_sort(found.begin() + (exact ? 1 : 0), found.end(),
                         [this](std::size_t a, std::size_t b) { return word_doc_counts[a] > word_doc_counts[b]; });
        found.resize(kMaxPrefixExpansion);
    }
    std::vector<std::string> out;
    for (std::size_t i : found) out.push_back(words[i]);
    return out;
}

}  // namespace folio

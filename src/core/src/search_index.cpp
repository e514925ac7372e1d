// Building, encoding and loading the search index.
//
// docs buffer  "FSDC" v shard_count doc_count {length title_length has_date [zigzag date]}*
//              word_count {shared_prefix suffix_length suffix doc_count}*   fnv1a64
// shard buffer "FSSH" v build_id shard shard_count term_count {key_length key postings_length
//              postings}*   fnv1a64        key = kind byte ('u','b','w') + folded UTF-8, sorted
// postings     doc_count {doc_delta position_count position_delta*}*  (first values absolute)
// All integers are LEB128 varints; build_id is the fnv1a64 of the whole docs buffer.
#include <algorithm>
#include <map>

#include "folio/utf8.h"
#include "search_binary.h"
#include "search_internal.h"

namespace folio {
namespace {

using namespace search_binary;

constexpr std::string_view kDocsMagic = "FSDC", kShardMagic = "FSSH";
constexpr std::uint64_t kIndexVersion = 1;
constexpr std::uint32_t kMaxShards = 1u << 16;

struct TermPostings {
    std::string bytes;
    std::uint32_t doc_count = 0;
    std::uint32_t last_doc = 0;
};

// While building, a term is a number: kind in the top bits, then its code point(s) or word id;
// hashing integers instead of strings makes building several times faster.
constexpr std::uint64_t kUnigramCode = 1ull << 60, kBigramCode = 2ull << 60, kWordCode = 3ull << 60;

class IndexBuilder {
public:
    // Adds the terms of one folded field at positions from `position` on.
    void add_field(const std::u32string& folded, std::uint32_t& position) {
        const auto tokens = tokenize_folded(folded);
        for (std::size_t i = 0; i < tokens.size(); ++i, ++position) {
            const SearchToken& t = tokens[i];
            if (t.kind == TokenKind::Word) {
                const std::u32string_view word = word_key_text({folded.data() + t.begin, t.end - t.begin});
                auto [it, added] = word_ids_.try_emplace(std::u32string(word), static_cast<std::uint32_t>(words_.size()));
                if (added) words_.emplace_back(word);
                doc_hits_.emplace_back(kWordCode | it->second, position);
                continue;
            }
            doc_hits_.emplace_back(kUnigramCode | folded[t.begin], position);
            if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::Cjk && tokens[i + 1].run == t.run)
                doc_hits_.emplace_back(kBigramCode | (std::uint64_t{folded[t.begin]} << 21) | folded[t.begin + 1], position);
        }
    }

    // Appends the doc's positions to each of its terms' postings.
    void end_doc(std::uint32_t doc) {
        std::sort(doc_hits_.begin(), doc_hits_.end());
        for (std::size_t i = 0; i < doc_hits_.size();) {
            std::size_t j = i;
            while (j < doc_hits_.size() && doc_hits_[j].first == doc_hits_[i].first) ++j;
            auto [it, added] = term_index_.try_emplace(doc_hits_[i].first, static_cast<std::uint32_t>(terms_.size()));
            if (added) terms_.push_back({doc_hits_[i].first, {}});
            TermPostings& tp = terms_[it->second].second;
            put_varint(tp.bytes, tp.doc_count == 0 ? doc : doc - tp.last_doc);
            put_varint(tp.bytes, j - i);
            for (std::size_t k = i; k < j; ++k)
                put_varint(tp.bytes, k == i ? doc_hits_[k].second : doc_hits_[k].second - doc_hits_[k - 1].second);
            tp.last_doc = doc;
            ++tp.doc_count;
            i = j;
        }
        doc_hits_.clear();
    }

    // Every term as (key, postings), sorted by key.
    std::vector<std::pair<std::string, const TermPostings*>> sorted_terms() const {
        std::vector<std::pair<std::string, const TermPostings*>> out;
        out.reserve(terms_.size());
        for (const auto& [code, tp] : terms_) {
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
    std::vector<std::pair<std::uint64_t, std::uint32_t>> doc_hits_;  // (term code, position)
    std::unordered_map<std::uint64_t, std::uint32_t> term_index_;
    std::vector<std::pair<std::uint64_t, TermPostings>> terms_;
    std::unordered_map<std::u32string, std::uint32_t> word_ids_;
    std::vector<std::u32string> words_;
};

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

std::uint32_t shard_of(std::string_view key, std::uint32_t shard_count) {
    return static_cast<std::uint32_t>(fnv1a64(key) % std::max<std::uint32_t>(1, shard_count));
}

SearchIndexFiles build_search_index(const std::vector<SearchDoc>& docs, const FoldTable& table,
                                    std::uint32_t shard_count) {
    shard_count = std::clamp<std::uint32_t>(shard_count, 1, kMaxShards);
    IndexBuilder builder;
    std::string docs_out(kDocsMagic);
    put_varint(docs_out, kIndexVersion);
    put_varint(docs_out, shard_count);
    put_varint(docs_out, docs.size());
    for (std::uint32_t doc = 0; doc < docs.size(); ++doc) {
        std::uint32_t position = 0;
        builder.add_field(fold_text(docs[doc].title, table).text, position);
        const std::uint32_t title_length = position;
        ++position;  // a gap, so no phrase runs from the title into the body
        builder.add_field(fold_text(docs[doc].text, table).text, position);
        builder.end_doc(doc);
        put_varint(docs_out, position);
        put_varint(docs_out, title_length);
        docs_out += static_cast<char>(docs[doc].has_date ? 1 : 0);
        if (docs[doc].has_date) put_varint(docs_out, zigzag(docs[doc].date));
    }

    const auto sorted = builder.sorted_terms();
    std::size_t word_count = 0;
    for (const auto& entry : sorted) word_count += entry.first[0] == kWord;
    put_varint(docs_out, word_count);
    std::string_view previous_word;
    for (const auto& entry : sorted) {
        if (entry.first[0] != kWord) continue;
        const std::string_view word = std::string_view(entry.first).substr(1);
        std::size_t shared = 0;
        while (shared < previous_word.size() && shared < word.size() && previous_word[shared] == word[shared])
            ++shared;
        put_varint(docs_out, shared);
        put_varint(docs_out, word.size() - shared);
        docs_out.append(word.substr(shared));
        put_varint(docs_out, entry.second->doc_count);
        previous_word = word;
    }

    SearchIndexFiles files;
    files.docs = seal(std::move(docs_out));
    const std::uint64_t build_id = fnv1a64(files.docs);
    std::vector<std::vector<const std::pair<std::string, const TermPostings*>*>> by_shard(shard_count);
    for (const auto& entry : sorted) by_shard[shard_of(entry.first, shard_count)].push_back(&entry);
    for (std::uint32_t s = 0; s < shard_count; ++s) {
        std::string out(kShardMagic);
        put_varint(out, kIndexVersion);
        put_varint(out, build_id);
        put_varint(out, s);
        put_varint(out, shard_count);
        put_varint(out, by_shard[s].size());
        for (const auto* entry : by_shard[s]) {
            put_varint(out, entry->first.size());
            out += entry->first;
            std::string postings;
            put_varint(postings, entry->second->doc_count);
            postings += entry->second->bytes;
            put_varint(out, postings.size());
            out += postings;
        }
        files.shards.push_back(seal(std::move(out)));
    }
    return files;
}

// ---- reading --------------------------------------------------------------------

SearchIndex::SearchIndex() : impl_(std::make_unique<Impl>()) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

bool SearchIndex::has_docs() const { return impl_->has_docs; }
bool SearchIndex::has_shard(std::uint32_t shard) const {
    return shard < impl_->shards.size() && impl_->shards[shard].loaded;
}
std::uint32_t SearchIndex::shard_count() const { return impl_->shard_count; }
std::uint32_t SearchIndex::doc_count() const { return impl_->doc_count; }

Status SearchIndex::load_docs(std::string_view bytes) {
    std::string_view content;
    if (!unseal(bytes, kDocsMagic, content)) return damaged("document table");
    Reader r(content);
    if (r.varint() != kIndexVersion) return damaged("document table");
    Impl impl;
    impl.build_id = fnv1a64(bytes);
    impl.shard_count = static_cast<std::uint32_t>(r.bounded(kMaxShards));
    // Each doc takes at least three bytes: the count can never claim more than the bytes hold.
    impl.doc_count = static_cast<std::uint32_t>(r.bounded(r.remaining() / 3));
    if (!r.ok() || impl.shard_count == 0) return damaged("document table");
    impl.lengths.reserve(impl.doc_count);
    double total_length = 0;
    for (std::uint32_t d = 0; d < impl.doc_count && r.ok(); ++d) {
        const auto length = static_cast<std::uint32_t>(r.bounded(UINT32_MAX));
        const auto title_length = static_cast<std::uint32_t>(r.bounded(length));
        const std::uint8_t has_date = r.byte();
        const std::int64_t date = has_date ? unzigzag(r.varint()) : 0;
        if (has_date > 1) r.fail();
        impl.lengths.push_back(length);
        impl.title_lengths.push_back(title_length);
        impl.has_date.push_back(has_date);
        impl.dates.push_back(date);
        total_length += length;
    }
    const std::uint64_t word_count = r.bounded(r.remaining() / 4);
    std::string previous;
    for (std::uint64_t w = 0; w < word_count && r.ok(); ++w) {
        const std::uint64_t shared = r.bounded(previous.size());
        const std::string_view suffix = r.bytes(r.varint());
        const std::uint64_t doc_count = r.bounded(impl.doc_count);
        std::string word = previous.substr(0, static_cast<std::size_t>(shared));
        word += suffix;
        if (!r.ok() || (w > 0 && word <= previous) || word.empty() || doc_count == 0) {
            r.fail();
            break;
        }
        impl.words.push_back(word);
        impl.word_doc_counts.push_back(static_cast<std::uint32_t>(doc_count));
        previous = std::move(word);
    }
    if (!r.ok() || !r.at_end()) return damaged("document table");
    impl.average_length = impl.doc_count ? std::max(1.0, total_length / impl.doc_count) : 1.0;
    impl.shards.resize(impl.shard_count);
    impl.has_docs = true;
    *impl_ = std::move(impl);
    return Ok{};
}

Status SearchIndex::load_shard(std::uint32_t shard, std::string_view bytes) {
    Impl& impl = *impl_;
    if (!impl.has_docs) return Error{"the search index's document table must be loaded before its shards"};
    if (shard >= impl.shard_count) return Error{"search shard " + std::to_string(shard) + " does not exist"};
    const std::string what = "shard " + std::to_string(shard);
    std::string_view content;
    if (!unseal(bytes, kShardMagic, content)) return damaged(what);
    Reader r(content);
    const std::uint64_t version = r.varint(), build_id = r.varint(), index = r.varint(), count = r.varint();
    if (!r.ok() || version != kIndexVersion || index != shard || count != impl.shard_count)
        return damaged(what);
    if (build_id != impl.build_id)
        return Error{"search " + what + " belongs to another build of the site; reload the page"};
    // The term map points into the shard's own copy, which stays put in the shards vector.
    Impl::Shard& loaded = impl.shards[shard];
    loaded = Impl::Shard{};
    loaded.bytes.assign(content);
    Reader terms(loaded.bytes);
    for (int skip = 0; skip < 4; ++skip) terms.varint();
    const std::uint64_t term_count = terms.bounded(terms.remaining() / 3);
    loaded.terms.reserve(static_cast<std::size_t>(term_count));
    for (std::uint64_t t = 0; t < term_count && terms.ok(); ++t) {
        const std::string_view key = terms.bytes(terms.varint());
        const std::string_view postings = terms.bytes(terms.varint());
        if (!terms.ok() || key.size() < 2 || (key[0] != kUnigram && key[0] != kBigram && key[0] != kWord) ||
            shard_of(key, impl.shard_count) != shard || !loaded.terms.emplace(key, postings).second)
            terms.fail();
    }
    if (!terms.ok() || !terms.at_end()) {
        loaded = Impl::Shard{};
        return damaged(what);
    }
    loaded.loaded = true;
    return Ok{};
}

Result<Postings> SearchIndex::Impl::postings(const std::string& key) const {
    const std::uint32_t shard = shard_of(key, shard_count);
    if (shard >= shards.size() || !shards[shard].loaded)
        return Error{"search shard " + std::to_string(shard) + " is not loaded yet"};
    Postings out;
    const auto it = shards[shard].terms.find(key);
    if (it == shards[shard].terms.end()) return out;
    Reader r(it->second);
    const std::uint64_t count = r.bounded(std::min<std::uint64_t>(doc_count, r.remaining() / 2));
    out.docs.reserve(static_cast<std::size_t>(count));
    std::uint64_t doc = 0;
    for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
        const std::uint64_t delta = r.varint();
        if ((i > 0 && delta == 0) || delta >= doc_count || doc + delta >= doc_count) {
            r.fail();
            break;
        }
        doc += delta;
        const std::uint32_t length = lengths[static_cast<std::size_t>(doc)];
        const std::uint64_t position_count = r.bounded(std::min<std::uint64_t>(length, r.remaining()));
        if (position_count == 0) r.fail();
        out.add_doc(static_cast<std::uint32_t>(doc));
        std::uint64_t position = 0;
        for (std::uint64_t k = 0; k < position_count && r.ok(); ++k) {
            const std::uint64_t step = r.varint();
            if ((k > 0 && step == 0) || step >= length || position + step >= length) {
                r.fail();
                break;
            }
            position += step;
            out.positions.push_back(static_cast<std::uint32_t>(position));
        }
        out.end_doc();
    }
    if (!r.ok() || !r.at_end()) return damaged("shard " + std::to_string(shard));
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

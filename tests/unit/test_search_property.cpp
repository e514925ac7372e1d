// Property test: on random docs and queries the engine finds exactly what a brute-force scan of
// the folded text finds, with the index split into three shards.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "folio/search.h"
#include "search_test_table.h"

using namespace folio;

namespace {

const std::vector<std::string> kPieces = {
    "国", "國", "际", "際", "疫", "苗", "援", "助", "计", "劃", "划", "电", "電", "の", "한",
    "vaccine", "vac", "COVID", "ＡＢＣ", "café", "cafe", "x1", "19",
    " ", " ", "，", "\n", "-", "。"};

std::string random_text(std::mt19937& rng, std::size_t max_pieces) {
    std::string out;
    const std::size_t n = rng() % (max_pieces + 1);
    for (std::size_t i = 0; i < n; ++i) out += kPieces[rng() % kPieces.size()];
    return out;
}

// A brute-force token: a CJK character or a whole word, with its CJK run (or word) number.
struct Tok {
    bool cjk;
    std::u32string text;
    int run;
};

// Title tokens, a separator token, body tokens: the oracle's own simple tokenizer.
std::vector<Tok> brute_tokens(const std::string& title, const std::string& body, const FoldTable& t) {
    std::vector<Tok> out;
    int run = 0;
    for (const std::string* part : {&title, &body}) {
        if (part == &body) out.push_back({false, U"\n", ++run});  // matches no query token
        const std::u32string s = fold_text(*part, t).text;
        bool previous_cjk = false;
        for (std::size_t i = 0; i < s.size();) {
            if (is_search_cjk(s[i])) {
                if (!previous_cjk) ++run;
                out.push_back({true, s.substr(i, 1), run});
                previous_cjk = true;
                ++i;
            } else if (is_search_word_char(s[i])) {
                std::size_t j = i;
                while (j < s.size() && is_search_word_char(s[j])) ++j;
                out.push_back({false, s.substr(i, j - i), ++run});
                previous_cjk = false;
                i = j;
            } else {
                previous_cjk = false;
                ++i;
            }
        }
    }
    return out;
}

bool term_matches(const QueryTerm& term, const std::vector<Tok>& toks) {
    for (std::size_t start = 0; start < toks.size(); ++start) {
        std::size_t t = start;
        bool ok = true;
        for (const QueryRun& run : term.runs) {
            if (run.kind == TokenKind::Cjk) {
                for (std::size_t k = 0; ok && k < run.text.size(); ++k) {
                    ok = t + k < toks.size() && toks[t + k].cjk && toks[t + k].text[0] == run.text[k] &&
                         toks[t + k].run == toks[t].run;
                }
                t += run.text.size();
            } else {
                ok = t < toks.size() && !toks[t].cjk &&
                     (run.prefix ? toks[t].text.rfind(run.text, 0) == 0 : toks[t].text == run.text);
                ++t;
            }
            if (!ok) break;
        }
        if (ok) return true;
    }
    return false;
}

// The plainest check of all for a lone CJK run: is it a substring of the folded title or text?
bool contains(const SearchDoc& d, const std::u32string& run, const FoldTable& t) {
    return fold_text(d.title, t).text.find(run) != std::u32string::npos ||
           fold_text(d.text, t).text.find(run) != std::u32string::npos;
}

std::set<std::uint32_t> brute_force(const Query& q, const std::vector<SearchDoc>& docs, const FoldTable& t) {
    std::set<std::uint32_t> out;
    if (q.terms.empty()) return out;
    for (std::uint32_t d = 0; d < docs.size(); ++d) {
        const auto toks = brute_tokens(docs[d].title, docs[d].text, t);
        bool keep = true;
        for (const auto& term : q.terms) {
            const bool found = term_matches(term, toks);
            if (term.runs.size() == 1 && term.runs[0].kind == TokenKind::Cjk) {
                EXPECT_EQ(found, contains(docs[d], term.runs[0].text, t));
            }
            keep &= found != term.negated;
        }
        if (keep) out.insert(d);
    }
    return out;
}

// A piece of s cut at random code point boundaries, possibly quoted or negated.
std::string random_query(std::mt19937& rng, const std::vector<SearchDoc>& docs) {
    std::string q;
    if (rng() % 4 == 0) {
        q = random_text(rng, 4);
    } else {
        const SearchDoc& d = docs[rng() % docs.size()];
        const std::string s = d.title + "\n" + d.text;
        std::vector<std::size_t> cuts;
        for (std::size_t i = 0; i <= s.size(); ++i)
            if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) cuts.push_back(i);
        std::size_t a = cuts[rng() % cuts.size()], b = cuts[rng() % cuts.size()];
        if (a > b) std::swap(a, b);
        q = s.substr(a, std::min<std::size_t>(b - a, 24));
        while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();
        while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0xC0) q.pop_back();
    }
    switch (rng() % 6) {
        case 0: return "\"" + q + "\"";
        case 1: return q + " -" + kPieces[rng() % 15];
        case 2: return q + " " + random_text(rng, 2);
        default: return q;
    }
}

}  // namespace

TEST(SearchProperty, EngineEqualsBruteForceWithThreeShards) {
    const FoldTable table = small_fold_table();
    std::mt19937 rng(20240607);
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 300; ++i) docs.push_back({random_text(rng, 4), random_text(rng, 40), 1000 - i, i % 7 != 0});
    // Small position pieces (an odd size), so that most terms' positions straddle pieces.
    const SearchIndexFiles files = build_search_index(docs, table, 2048, 97);
    ASSERT_GT(files.shards.size(), 2u);
    SearchIndex index;
    ASSERT_TRUE(index.load_docs(files.docs).ok());
    for (std::uint32_t s = 0; s < files.shards.size(); ++s) ASSERT_TRUE(index.load_shard(s, files.shards[s]).ok());

    int nonempty = 0;
    for (int round = 0; round < 600; ++round) {
        const std::string text = random_query(rng, docs);
        const Query q = parse_query(text, table);
        auto r = search(index, q, {}, SortOrder::Relevance, docs.size());
        ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
        const std::set<std::uint32_t> got = [&] {
            std::set<std::uint32_t> s;
            for (const Hit& h : r->hits) s.insert(h.doc);
            return s;
        }();
        const bool only_negative = !q.terms.empty() && std::all_of(q.terms.begin(), q.terms.end(),
                                                                    [](const QueryTerm& t) { return t.negated; });
        EXPECT_EQ(got, brute_force(q, docs, table)) << "query: [" << text << "]" << (only_negative ? " (only -)" : "");
        EXPECT_EQ(r->total, got.size());
        nonempty += !got.empty();

        // Loading just the shards the query names is enough.
        if (round % 10 == 0) {
            SearchIndex partial;
            ASSERT_TRUE(partial.load_docs(files.docs).ok());
            ASSERT_TRUE(load_needed(partial, q, files.shards)) << text;
            auto again = search(partial, q, {}, SortOrder::Relevance, docs.size());
            ASSERT_TRUE(again.ok()) << text;
            EXPECT_EQ(again->total, r->total);
        }
        // Every hit can be highlighted.
        for (std::size_t k = 0; k < std::min<std::size_t>(3, r->hits.size()); ++k) {
            const SearchDoc& d = docs[r->hits[k].doc];
            const bool positive = std::any_of(q.terms.begin(), q.terms.end(), [](const QueryTerm& t) { return !t.negated; });
            if (positive) {
                EXPECT_FALSE(find_matches(d.title + "\n" + d.text, q, table).empty()) << text;
            }
        }
    }
    EXPECT_GT(nonempty, 300);  // the queries mostly find something, so the test has teeth
}

// Segments: the same docs indexed as one segment or as three (loaded in order) give the same
// hits in the same order with the same scores, and each query reads one shard per segment at most.
TEST(SearchProperty, SegmentsEqualOneIndex) {
    const FoldTable table = small_fold_table();
    std::mt19937 rng(99);
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 240; ++i) docs.push_back({random_text(rng, 4), random_text(rng, 40), 5000 - i, i % 5 != 0});
    auto load_all = [](SearchIndex& index, const SearchIndexFiles& files) {
        ASSERT_TRUE(index.load_docs(files.docs).ok());
        const std::uint32_t segment = index.segment_count() - 1;
        for (std::uint32_t s = 0; s < files.shards.size(); ++s) ASSERT_TRUE(index.load_shard({segment, s}, files.shards[s]).ok());
    };
    SearchIndex whole, split;
    load_all(whole, build_search_index(docs, table, 1024, 1u << 20));  // one position piece
    const std::size_t cuts[] = {0, 17, 130, docs.size()};
    std::vector<SearchIndexFiles> parts;
    for (int k = 0; k < 3; ++k) {
        parts.push_back(build_search_index({docs.begin() + static_cast<std::ptrdiff_t>(cuts[k]),
                                            docs.begin() + static_cast<std::ptrdiff_t>(cuts[k + 1])}, table, 1024, 53));
        load_all(split, parts.back());
    }
    ASSERT_EQ(split.segment_count(), 3u);
    ASSERT_EQ(split.doc_count(), docs.size());
    for (int round = 0; round < 300; ++round) {
        const std::string text = random_query(rng, docs);
        const Query q = parse_query(text, table);
        for (const auto order : {SortOrder::Relevance, SortOrder::Newest}) {
            auto a = search(whole, q, {}, order, docs.size());
            auto b = search(split, q, {}, order, docs.size());
            ASSERT_TRUE(a.ok() && b.ok()) << text;
            ASSERT_EQ(a->total, b->total) << text;
            for (std::size_t k = 0; k < a->hits.size(); ++k) {
                EXPECT_EQ(a->hits[k].doc, b->hits[k].doc) << text;
                EXPECT_NEAR(a->hits[k].score, b->hits[k].score, 1e-9) << text;
            }
        }
        std::set<std::uint32_t> segments_read;
        const auto needed = shards_needed(q, split);
        for (const ShardId id : needed) segments_read.insert(id.segment);
        EXPECT_LE(segments_read.size(), 3u);
    }
    // A shard of one segment is refused as another segment's.
    SearchIndex fresh;
    ASSERT_TRUE(fresh.load_docs(parts[0].docs).ok());
    ASSERT_TRUE(fresh.load_docs(parts[1].docs).ok());
    EXPECT_FALSE(fresh.load_shard({1, 0}, parts[0].shards[0]).ok());
    EXPECT_TRUE(fresh.load_shard({1, 0}, parts[1].shards[0]).ok());
}

// A segment extended with newer docs (extend_search_index, from the older segment's files) is
// byte for byte the segment built from all their text, at several splits and shard sizes; and it
// refuses an older segment with a damaged or missing file.
TEST(SearchProperty, ExtendedSegmentEqualsOneBuiltWhole) {
    const FoldTable table = small_fold_table();
    std::mt19937 rng(4242);
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 200; ++i) docs.push_back({random_text(rng, 4), random_text(rng, 40), 9000 - 3 * i, i % 6 != 0});
    for (const std::size_t newer : {std::size_t{1}, std::size_t{17}, std::size_t{120}}) {
        for (const auto& [shard_bytes, piece_bytes] : {std::pair{1024u, 97u}, std::pair{kShardBytes, kPieceBytes}}) {
            const std::vector<SearchDoc> fresh(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(newer));
            const std::vector<SearchDoc> old(docs.begin() + static_cast<std::ptrdiff_t>(newer), docs.end());
            const SearchIndexFiles whole = build_search_index(docs, table, shard_bytes, piece_bytes);
            const SearchIndexFiles older = build_search_index(old, table, shard_bytes, piece_bytes);
            auto extended = extend_search_index(fresh, table, older, shard_bytes, piece_bytes);
            ASSERT_TRUE(extended.ok()) << extended.error().message;
            EXPECT_EQ(extended->docs, whole.docs) << newer << " newer docs, shards of " << shard_bytes;
            EXPECT_EQ(extended->shards, whole.shards) << newer << " newer docs, shards of " << shard_bytes;
            ASSERT_GE(older.shards.size(), 2u);  // a count shard and a position file at least
            SearchIndexFiles damaged = older;
            damaged.shards[0][damaged.shards[0].size() / 2] ^= 0x10;
            EXPECT_FALSE(extend_search_index(fresh, table, damaged, shard_bytes, piece_bytes).ok());
            SearchIndexFiles short_of_one = older;
            short_of_one.shards.pop_back();
            EXPECT_FALSE(extend_search_index(fresh, table, short_of_one, shard_bytes, piece_bytes).ok());
        }
    }
}

// A segment built from its docs a batch at a time (as a site build gives them, to hold one batch's
// text) is byte for byte the one built from them all at once; a batch's error ends the build with it.
TEST(SearchProperty, BatchedSegmentEqualsOneBuiltWhole) {
    const FoldTable table = small_fold_table();
    std::mt19937 rng(77);
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 150; ++i) docs.push_back({random_text(rng, 4), random_text(rng, 40), 5000 - 7 * i, i % 5 != 0});
    const SearchIndexFiles whole = build_search_index(docs, table, 1024, 97);
    for (const std::size_t batch : {std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
        std::size_t at = 0;
        const NextSearchDocs next = [&]() -> Result<std::vector<SearchDoc>> {
            const std::size_t n = std::min(batch, docs.size() - at);
            std::vector<SearchDoc> out(docs.begin() + static_cast<std::ptrdiff_t>(at),
                                       docs.begin() + static_cast<std::ptrdiff_t>(at + n));
            at += n;
            return out;
        };
        auto batched = build_search_index_in_batches(next, table, 1024, 97);
        ASSERT_TRUE(batched.ok()) << batched.error().message;
        EXPECT_EQ(batched->docs, whole.docs) << "batches of " << batch;
        EXPECT_EQ(batched->shards, whole.shards) << "batches of " << batch;
    }
    int calls = 0;
    const NextSearchDocs failing = [&]() -> Result<std::vector<SearchDoc>> {
        if (++calls == 3) return Error{"post 12 could not be read"};
        return std::vector<SearchDoc>(docs.begin(), docs.begin() + 5);
    };
    auto failed = build_search_index_in_batches(failing, table);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "post 12 could not be read");
}

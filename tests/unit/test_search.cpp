#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "folio/search.h"
#include "search_test_table.h"

using namespace folio;

namespace {

SearchDoc doc(std::string title, std::string text, std::int64_t date = 0, bool has_date = true) {
    return SearchDoc{std::move(title), std::move(text), date, has_date};
}

struct Engine {
    FoldTable table = small_fold_table();
    SearchIndex index;
    Catalog catalog;
    Manifest manifest;

    explicit Engine(const std::vector<SearchDoc>& docs, std::uint32_t shard_bytes = 3) {
        const SearchIndexFiles files = build_search_index(docs, table, shard_bytes);
        EXPECT_TRUE(index.load_docs(files.docs).ok());
        for (std::uint32_t s = 0; s < files.shards.size(); ++s) EXPECT_TRUE(index.load_shard(s, files.shards[s]).ok());
    }
    // The matching docs in index order (ranking is tested separately).
    std::vector<std::uint32_t> set(std::string_view q) {
        auto docs = find(q);
        std::sort(docs.begin(), docs.end());
        return docs;
    }
    std::vector<std::uint32_t> find(std::string_view q, SortOrder order = SortOrder::Relevance) {
        const SearchFilterData data{&catalog, &manifest, &table};
        auto r = search(index, parse_query(q, table), data, order, 1000);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        std::vector<std::uint32_t> docs;
        if (r.ok()) {
            for (const Hit& h : r->hits) docs.push_back(h.doc);
            EXPECT_EQ(r->total, docs.size());
        }
        return docs;
    }
};

using Docs = std::vector<std::uint32_t>;

std::string runs(const QueryTerm& t) {
    std::string out;
    for (const auto& r : t.runs) out += (out.empty() ? "" : "|") + to_utf8(r.text) + (r.prefix ? "*" : "");
    return out;
}

}  // namespace

// ---- query parsing ------------------------------------------------------------------

TEST(SearchQuery, TermsPhrasesAndExclusions) {
    const FoldTable t = small_fold_table();
    const Query q = parse_query("疫苗  Vacc \"United Nations\" -習近平 -\"foo bar\" covid-19", t);
    ASSERT_EQ(q.terms.size(), 6u);
    EXPECT_EQ(runs(q.terms[0]), "疫苗");
    EXPECT_EQ(runs(q.terms[1]), "vacc*");
    EXPECT_EQ(runs(q.terms[2]), "united|nations");
    EXPECT_TRUE(q.terms[2].quoted);
    EXPECT_EQ(runs(q.terms[3]), "习近平");
    EXPECT_TRUE(q.terms[3].negated);
    EXPECT_EQ(runs(q.terms[4]), "foo|bar");
    EXPECT_TRUE(q.terms[4].negated && q.terms[4].quoted);
    EXPECT_EQ(runs(q.terms[5]), "covid*|19*");  // one chunk, several runs: a phrase
    EXPECT_TRUE(q.filters.empty());
}

TEST(SearchQuery, EveryField) {
    const FoldTable t = small_fold_table();
    const Query q = parse_query(
        "tag:\"RTI 中央廣播電臺\" Category:News author:ＡＢ source:https://www.Example.com/x "
        "after:2021-05-07 before:2021-5-8 -tag:ads",
        t);
    EXPECT_TRUE(q.terms.empty());
    ASSERT_EQ(q.filters.size(), 7u);
    EXPECT_EQ(q.filters[0].field, QueryField::Tag);
    EXPECT_EQ(q.filters[0].value, "rti 中央广播电台");
    EXPECT_EQ(q.filters[1].field, QueryField::Category);
    EXPECT_EQ(q.filters[1].value, "news");
    EXPECT_EQ(q.filters[2].value, "ab");
    EXPECT_EQ(q.filters[3].field, QueryField::Source);
    EXPECT_EQ(q.filters[3].value, "example.com");
    EXPECT_EQ(q.filters[4].time, 1620345600);          // 2021-05-07T00:00Z
    EXPECT_EQ(q.filters[5].time, 1620345600 + 2 * 86400);  // end of 2021-05-08
    EXPECT_TRUE(q.filters[6].negated);
}

TEST(SearchQuery, BadQueriesAreReadLiterally) {
    const FoldTable t = small_fold_table();
    EXPECT_TRUE(parse_query("", t).empty());
    EXPECT_TRUE(parse_query("   ", t).empty());
    EXPECT_TRUE(parse_query("-", t).empty());   // a lone minus is punctuation, nothing to find
    EXPECT_TRUE(parse_query("\"", t).empty());
    Query q = parse_query("\"unbalanced phrase", t);
    ASSERT_EQ(q.terms.size(), 1u);
    EXPECT_EQ(runs(q.terms[0]), "unbalanced|phrase");
    q = parse_query("foo:bar", t);
    ASSERT_EQ(q.terms.size(), 1u);
    EXPECT_TRUE(q.filters.empty());
    EXPECT_EQ(runs(q.terms[0]), "foo*|bar*");
    q = parse_query("tag:", t);
    ASSERT_EQ(q.terms.size(), 1u);
    EXPECT_EQ(runs(q.terms[0]), "tag*");
    q = parse_query("after:2021-02-30 before:yesterday tag:\"", t);
    EXPECT_TRUE(q.filters.empty());
    EXPECT_EQ(q.terms.size(), 3u);
    q = parse_query("- a -- \"\" b\"c", t);
    EXPECT_EQ(q.terms.size(), 3u);  // a, b, c (the quote opens a phrase "c")
}

// ---- search ------------------------------------------------------------------

TEST(Search, CjkSubstringAcrossWordBoundaries) {
    Engine e({doc("新闻", "政府宣布提供疫苗援助计划。"), doc("其他", "疫苗 援助"), doc("無關", "援助疫苗")});
    EXPECT_EQ(e.set("疫苗援助"), (Docs{0}));
    EXPECT_EQ(e.set("苗援"), (Docs{0}));
    EXPECT_EQ(e.set("助计"), (Docs{0}));
    EXPECT_EQ(e.set("援"), (Docs{0, 1, 2}));
    EXPECT_EQ(e.set("\"疫苗 援助\""), (Docs{0, 1}));  // a phrase ignores separators
    EXPECT_EQ(e.set("疫苗援助计划啊"), (Docs{}));
}

TEST(Search, TraditionalAndSimplifiedFindEachOther) {
    Engine e({doc("", "國際廣播電臺"), doc("", "国际广播电台"), doc("", "台湾")});
    EXPECT_EQ(e.set("国际广播电台"), (Docs{0, 1}));
    EXPECT_EQ(e.set("國際廣播電臺"), (Docs{0, 1}));
    EXPECT_EQ(e.set("臺灣"), (Docs{2}));
}

TEST(Search, LatinWordsPrefixesAndWidth) {
    Engine e({doc("", "COVID-19 vaccines arrive"), doc("", "Vaccination day, café"), doc("", "ＡＢＣ１２ cafe")});
    EXPECT_EQ(e.set("vacc"), (Docs{0, 1}));
    EXPECT_EQ(e.set("\"vaccines\""), (Docs{0}));
    EXPECT_EQ(e.set("\"vacc\""), (Docs{}));
    EXPECT_EQ(e.set("accines"), (Docs{}));  // words match from their start
    EXPECT_EQ(e.set("Café"), (Docs{1, 2}));
    EXPECT_EQ(e.set("abc12"), (Docs{2}));
    EXPECT_EQ(e.set("covid-19"), (Docs{0}));
    EXPECT_EQ(e.set("19 covid"), (Docs{0}));
    EXPECT_EQ(e.set("\"19 covid\""), (Docs{}));
}

TEST(Search, AndExclusionAndPhrase) {
    Engine e({doc("", "疫苗 vaccine 援助"), doc("", "疫苗 援助"), doc("", "vaccine only"), doc("", "united nations 疫苗")});
    EXPECT_EQ(e.set("疫苗 vaccine"), (Docs{0}));
    EXPECT_EQ(e.set("疫苗 -vaccine"), (Docs{1, 3}));
    EXPECT_EQ(e.set("-疫苗"), (Docs{2}));  // only exclusions: the rest, newest first
    EXPECT_EQ(e.set("\"nations 疫苗\""), (Docs{3}));
    EXPECT_EQ(e.set("\"united 疫苗\""), (Docs{}));
    EXPECT_EQ(e.set("-\"united nations\" 疫苗"), (Docs{0, 1}));
}

TEST(Search, TitleBoostAndRecencyAndDateSort) {
    // Newest first in index order; doc 2 has the word only in its title.
    Engine e({doc("a", "疫苗 疫苗 其他", 300), doc("b", "其他 疫苗", 200), doc("疫苗", "其他 其他", 100),
              doc("c", "其他", 50, false)});
    const Docs relevance = e.find("疫苗");
    ASSERT_EQ(relevance.size(), 3u);
    EXPECT_EQ(relevance[0], 2u);
    EXPECT_EQ(e.find("疫苗", SortOrder::Newest), (Docs{0, 1, 2}));
    // equal scores fall back to newest first
    Engine same({doc("", "abc", 10), doc("", "abc", 30), doc("", "abc", 20)});
    EXPECT_EQ(same.find("abc"), (Docs{1, 2, 0}));
}

TEST(Search, FiltersUseCatalogAndIndexDates) {
    Engine e({doc("", "疫苗", 1620400000), doc("", "疫苗", 1620300000), doc("", "疫苗", 0, false)});
    e.manifest.tags = {"RTI 中央廣播電臺", "ads"};
    e.manifest.categories = {"News"};
    e.manifest.authors = {"王小明"};
    e.manifest.sites = {"news.example.com", "badexample.com"};
    e.catalog.ids = {"a", "b", "c"};
    e.catalog.tags = {{0}, {1}, {}};
    e.catalog.categories = {{0}, {}, {0}};
    e.catalog.authors = {0, -1, 0};
    e.catalog.sites = {0, 1, -1};
    EXPECT_EQ(e.set("tag:\"rti 中央广播电台\""), (Docs{0}));
    EXPECT_EQ(e.set("疫苗 -tag:ads"), (Docs{0, 2}));
    EXPECT_EQ(e.set("category:news"), (Docs{0, 2}));
    EXPECT_EQ(e.set("author:王小明 疫苗"), (Docs{0, 2}));
    EXPECT_EQ(e.set("source:example.com"), (Docs{0}));  // suffix at a dot, not badexample.com
    EXPECT_EQ(e.set("after:2021-05-07"), (Docs{0}));   // 1620345600 = 2021-05-07
    EXPECT_EQ(e.set("before:2021-05-06"), (Docs{1}));
    EXPECT_EQ(e.set("after:2021-05-06 before:2021-05-07"), (Docs{0, 1}));
    EXPECT_EQ(e.set("tag:nothing"), (Docs{}));
    // Without metadata, metadata filters fail cleanly.
    auto r = search(e.index, parse_query("tag:ads", e.table), SearchFilterData{}, SortOrder::Relevance, 10);
    EXPECT_FALSE(r.ok());
}

// Unigram postings keep only run-edge positions; a one-character run chained to a CJK neighbour
// still finds the character inside a text run (through the bigram) and at a run's edge.
TEST(Search, OneCharacterRunInAPhrase) {
    Engine e({doc("", "计划疫苗到了"), doc("", "计划。疫苗"), doc("", "划 疫苗"), doc("", "计划苗疫"),
              doc("", "abc疫苗"), doc("", "abc 疫 苗"), doc("", "x疫abc")});
    EXPECT_EQ(e.set("划。疫苗"), (Docs{0, 1, 2}));
    EXPECT_EQ(e.set("划-疫"), (Docs{0, 1, 2}));
    EXPECT_EQ(e.set("abc疫"), (Docs{4, 5}));
    EXPECT_EQ(e.set("疫abc"), (Docs{6}));
    EXPECT_EQ(e.set("疫"), (Docs{0, 1, 2, 3, 4, 5, 6}));
}

// Positions far from where their mean gap puts them (many hits bunched at the end of a long doc,
// a doc number far past the term's others) take the Rice code's escape; they still chain exactly.
TEST(Search, BunchedPositionsAndFarDocsChain) {
    std::string filler;
    for (int i = 0; i < 3000; ++i) filler += i % 2 ? "天" : "地";
    std::string bunched = filler;
    for (int i = 0; i < 40; ++i) bunched += "甲乙";
    std::vector<SearchDoc> docs{doc("", bunched), doc("", "甲乙丙")};
    for (int i = 0; i < 200; ++i) docs.push_back(doc("", "天地"));
    docs.push_back(doc("", filler + "乙甲"));
    Engine e(docs);
    EXPECT_EQ(e.set("甲乙甲"), (Docs{0}));
    EXPECT_EQ(e.set("甲乙丙"), (Docs{1}));
    EXPECT_EQ(e.set("天乙甲"), (Docs{202}));
    EXPECT_EQ(e.set("乙甲"), (Docs{0, 202}));
}

TEST(Search, EmptyQueryAndMissingShards) {
    const FoldTable t = small_fold_table();
    const SearchIndexFiles files = build_search_index({doc("", "疫苗 援助 words")}, t, 4);
    SearchIndex index;
    ASSERT_TRUE(index.load_docs(files.docs).ok());
    auto empty = search(index, parse_query("", t), {}, SortOrder::Relevance, 10);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->total, 0u);
    const Query q = parse_query("疫苗 援助 wor", t);
    const auto needed = shards_needed(q, index);
    ASSERT_FALSE(needed.empty());
    EXPECT_FALSE(search(index, q, {}, SortOrder::Relevance, 10).ok());
    for (auto s : needed) ASSERT_TRUE(index.load_shard(s, files.shards[s.shard]).ok());
    auto r = search(index, q, {}, SortOrder::Relevance, 10);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 1u);
    // A shard of another build is refused.
    const SearchIndexFiles other = build_search_index({doc("", "other")}, t, 4);
    EXPECT_FALSE(index.load_shard(0, other.shards[0]).ok());
    EXPECT_FALSE(index.load_shard(9, files.shards[0]).ok());
}

// Position shards are read only by terms that chain: a CJK pair, one character or a word needs
// the count shards alone, and gives the same hits and scores as with every shard loaded.
TEST(Search, PositionShardsOnlyForChains) {
    const FoldTable t = small_fold_table();
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 40; ++i)
        docs.push_back(doc(i % 3 ? "疫苗" : "", std::string(i % 4 ? "国际疫苗援助 " : "援助疫苗 ") + (i % 5 ? "vaccine" : "vaccination covid-19"), 100 - i));
    const SearchIndexFiles files = build_search_index(docs, t, 64, 32);
    SearchIndex all;
    ASSERT_TRUE(all.load_docs(files.docs).ok());
    for (std::uint32_t s = 0; s < files.shards.size(); ++s) ASSERT_TRUE(all.load_shard(s, files.shards[s]).ok());
    const std::uint32_t count_shards = all.count_shard_count();
    ASSERT_GT(count_shards, 1u);
    ASSERT_GT(all.shard_count(), count_shards + 1);  // several position pieces
    for (const char* text : {"疫苗", "疫", "vacc", "援助 -国际", "\"vaccine\"", "国际疫苗", "\"vaccination covid\"", "covid-19", "疫苗援"}) {
        const Query q = parse_query(text, t);
        SearchIndex some;
        ASSERT_TRUE(some.load_docs(files.docs).ok());
        std::vector<ShardId> loaded;
        ASSERT_TRUE(load_needed(some, q, files.shards, &loaded)) << text;
        bool positions = false;
        for (const ShardId id : loaded) positions |= id.shard >= count_shards;
        const std::string_view chains[] = {"国际疫苗", "\"vaccination covid\"", "covid-19", "疫苗援"};
        EXPECT_EQ(positions, std::find(std::begin(chains), std::end(chains), text) != std::end(chains)) << text;
        // A chain reads the pieces holding its own terms' positions, not the whole stream.
        EXPECT_LT(loaded.size(), files.shards.size()) << text;
        auto a = search(all, q, {}, SortOrder::Relevance, 100);
        auto b = search(some, q, {}, SortOrder::Relevance, 100);
        ASSERT_TRUE(a.ok() && b.ok()) << text;
        EXPECT_GT(a->total, 0u) << text;
        ASSERT_EQ(a->hits.size(), b->hits.size()) << text;
        for (std::size_t k = 0; k < a->hits.size(); ++k) {
            EXPECT_EQ(a->hits[k].doc, b->hits[k].doc) << text;
            EXPECT_EQ(a->hits[k].score, b->hits[k].score) << text;
        }
    }
}

// A big term's positions fill pieces of their own (after zeros up to a piece boundary), so a chain
// reads none of a neighbouring term's: 疫情 and 疫苗 are next to each other in key order, and the
// pieces the two chains read are disjoint.
TEST(Search, BigTermsOwnTheirPositionPieces) {
    const FoldTable t = small_fold_table();
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 40; ++i) docs.push_back(doc("", "疫苗援 疫情援 援", 100 - i));
    const SearchIndexFiles files = build_search_index(docs, t, 64, 64);
    std::vector<ShardId> pieces[2];
    const char* chains[2] = {"疫苗援", "疫情援"};
    for (int k = 0; k < 2; ++k) {
        SearchIndex index;
        ASSERT_TRUE(index.load_docs(files.docs).ok());
        std::vector<ShardId> loaded;
        ASSERT_TRUE(load_needed(index, parse_query(chains[k], t), files.shards, &loaded));
        for (const ShardId id : loaded)
            if (id.shard >= index.count_shard_count()) pieces[k].push_back(id);
        auto r = search(index, parse_query(chains[k], t), {}, SortOrder::Relevance, 100);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->total, docs.size());
    }
    ASSERT_FALSE(pieces[0].empty());
    ASSERT_FALSE(pieces[1].empty());
    for (const ShardId id : pieces[0]) EXPECT_EQ(std::count(pieces[1].begin(), pieces[1].end(), id), 0) << id.shard;
}

// A big term's count postings (a quarter shard or more) fill a count shard of their own, so a
// query for it reads none of its neighbours' postings: 疫区, 疫情 and 疫病 sort next to 疫苗, and no
// query for them loads the count shard 疫苗 reads.
TEST(Search, BigTermsOwnTheirCountShards) {
    const FoldTable t = small_fold_table();
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 200; ++i) docs.push_back(doc("", i == 7 ? "疫苗 疫区 疫情 疫病 苗圃" : "疫苗", 1000 - i));
    const SearchIndexFiles files = build_search_index(docs, t, 64, 64);
    auto count_shards_for = [&](const char* text) {
        SearchIndex index;
        EXPECT_TRUE(index.load_docs(files.docs).ok());
        std::vector<ShardId> loaded, counts;
        EXPECT_TRUE(load_needed(index, parse_query(text, t), files.shards, &loaded)) << text;
        for (const ShardId id : loaded)
            if (id.shard < index.count_shard_count()) counts.push_back(id);
        auto r = search(index, parse_query(text, t), {}, SortOrder::Relevance, 1000);
        EXPECT_TRUE(r.ok() && r->total == (std::string_view(text) == "疫苗" ? 200u : 1u)) << text;
        return counts;
    };
    const std::vector<ShardId> big = count_shards_for("疫苗");
    ASSERT_EQ(big.size(), 1u);
    for (const char* small : {"疫区", "疫情", "疫病", "苗圃"})
        for (const ShardId id : count_shards_for(small)) EXPECT_NE(id.shard, big[0].shard) << small;
}

// The docs buffer names the pieces of a term that has a count shard to itself, so a chained query
// asks for them together with the count shards instead of after them. Only that term's: 疫苘, absent,
// falls in 疫苗's key range and names no pieces; once loaded, the count shard names the same ones.
TEST(Search, OwnShardPiecesNamedWithTheCountShard) {
    const FoldTable t = small_fold_table();
    std::vector<SearchDoc> docs;
    // 一二 sorts first: the docs buffer cannot name the first count shard's pieces (it has no first key).
    for (int i = 0; i < 200; ++i) docs.push_back(doc("", i == 7 ? "一二 疫苗站" : "疫苗 疫苗", 1000 - i));
    const SearchIndexFiles files = build_search_index(docs, t, 64, 64);
    SearchIndex index;
    ASSERT_TRUE(index.load_docs(files.docs).ok());
    auto pieces = [&](const char* text) {
        std::vector<ShardId> out;
        for (const ShardId id : shards_needed(parse_query(text, t), index))
            if (id.shard >= index.count_shard_count()) out.push_back(id);
        return out;
    };
    const std::vector<ShardId> early = pieces("疫苗站");
    EXPECT_FALSE(early.empty());
    EXPECT_TRUE(pieces("疫苘疫").empty());
    ASSERT_TRUE(load_needed(index, parse_query("疫苗站", t), files.shards));
    std::vector<ShardId> after = pieces("疫苗站");
    for (const ShardId id : early) EXPECT_EQ(std::count(after.begin(), after.end(), id), 1) << id.shard;
    auto r = search(index, parse_query("疫苗站", t), {}, SortOrder::Relevance, 1000);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 1u);
}

// A big term's positions, several pieces long, are one file: a chain through it makes one request per
// segment for them, not one per piece.
TEST(Search, BigTermsPositionsAreOneFile) {
    const FoldTable t = small_fold_table();
    std::vector<SearchDoc> docs;
    for (int i = 0; i < 200; ++i) docs.push_back(doc("", i == 7 ? "一二 疫苗站" : "疫苗 疫苗 疫苗 疫苗", 1000 - i));
    const std::uint32_t piece_bytes = 64;
    const SearchIndexFiles files = build_search_index(docs, t, 64, piece_bytes);
    SearchIndex index;
    ASSERT_TRUE(index.load_docs(files.docs).ok());
    std::vector<ShardId> loaded;
    ASSERT_TRUE(load_needed(index, parse_query("疫苗站", t), files.shards, &loaded));
    std::vector<std::size_t> position_files;
    for (const ShardId id : loaded)
        if (id.shard >= index.count_shard_count()) position_files.push_back(files.shards[id.shard].size());
    ASSERT_EQ(position_files.size(), 2u);  // 疫苗's, and the piece 苗站's few positions are in
    EXPECT_GT(*std::max_element(position_files.begin(), position_files.end()), 3u * piece_bytes);
    auto r = search(index, parse_query("疫苗站", t), {}, SortOrder::Relevance, 1000);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 1u);
}

// ---- highlights and snippets ---------------------------------------------------------

TEST(SearchSnippet, FindMatchesGivesSourceByteRanges) {
    const FoldTable t = small_fold_table();
    const std::string text = "國際廣播 Vaccines and vaccination, 国际";
    const auto m = find_matches(text, parse_query("国际 vacc -and", t), t);
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(text.substr(m[0].first, m[0].second - m[0].first), "國際");
    EXPECT_EQ(text.substr(m[1].first, m[1].second - m[1].first), "Vacc");
    EXPECT_EQ(text.substr(m[2].first, m[2].second - m[2].first), "vacc");
    EXPECT_EQ(text.substr(m[3].first, m[3].second - m[3].first), "国际");
    const auto cafe = find_matches("Cafe\u0301!", parse_query("cafe", t), t);
    ASSERT_EQ(cafe.size(), 1u);
    EXPECT_EQ(cafe[0], (std::pair<std::uint32_t, std::uint32_t>{0, 6}));  // a mark stays with its letter
    const auto prefix = find_matches("Cafeteria", parse_query("cafe", t), t);
    EXPECT_EQ(prefix.at(0), (std::pair<std::uint32_t, std::uint32_t>{0, 4}));  // prefix: the typed part
    const auto exact = find_matches("Cafe\u0301!", parse_query("\"cafe\"", t), t);
    EXPECT_EQ(exact.at(0), (std::pair<std::uint32_t, std::uint32_t>{0, 6}));  // whole word, mark too
}

TEST(SearchSnippet, WindowAroundFirstMatch) {
    const FoldTable t = small_fold_table();
    std::string text;
    for (int i = 0; i < 50; ++i) text += "其他";
    text += "疫苗援助计划\n下一行";
    for (int i = 0; i < 50; ++i) text += "其他";
    const Snippet s = make_snippet(text, parse_query("援助计划", t), t, 40);
    EXPECT_EQ(s.text.rfind("…", 0), 0u);
    EXPECT_NE(s.text.find("疫苗援助计划 下一行"), std::string::npos);  // one line
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first), "援助计划");
    EXPECT_EQ(s.text.size() - s.text.rfind("…"), std::string("…").size());
    const Snippet none = make_snippet("short text", parse_query("zzz", t), t, 40);
    EXPECT_EQ(none.text, "short text");
    EXPECT_TRUE(none.highlights.empty());
}

TEST(SearchSnippet, CutEndsWithAnEllipsisAndKeepsTheHighlightsInside) {
    const Snippet s{"疫苗 援助计划 其他", {{0, 6}, {7, 19}}};  // 疫苗, 援助计划
    const Snippet cut = cut_snippet(s, 13);                    // 疫苗 援助
    EXPECT_EQ(cut.text, "疫苗 援助…");
    EXPECT_EQ(cut.highlights, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 6}, {7, 13}}));
    EXPECT_EQ(cut_snippet(s, 7).text, "疫苗…");  // the space before the cut goes
    EXPECT_EQ(cut_snippet(s, 7).highlights.size(), 1u);
    EXPECT_EQ(cut_snippet(s, s.text.size()).text, s.text);  // it fits: as it is
    EXPECT_EQ(cut_snippet(s, s.text.size()).highlights, s.highlights);
}

// ---- damaged buffers ----------------------------------------------------------------

TEST(SearchIndexBuffers, EveryTruncationAndByteFlipIsRejected) {
    const FoldTable t = small_fold_table();
    const SearchIndexFiles files =
        build_search_index({doc("标题", "疫苗援助 vaccine", 5), doc("", "café 国际", 0, false)}, t, 2);
    for (std::size_t n = 0; n < files.docs.size(); ++n) {
        SearchIndex index;
        EXPECT_FALSE(index.load_docs(std::string_view(files.docs).substr(0, n)).ok()) << n;
        EXPECT_FALSE(index.has_docs());
    }
    SearchIndex index;
    ASSERT_TRUE(index.load_docs(files.docs).ok());
    ASSERT_GT(files.shards.size(), index.count_shard_count());  // has position pieces
    for (const std::uint32_t s : {0u, 1u, index.count_shard_count(), index.shard_count() - 1}) {
        const std::string& shard = files.shards[s];
        for (std::size_t n = 0; n < shard.size(); ++n)
            EXPECT_FALSE(index.load_shard(s, std::string_view(shard).substr(0, n)).ok()) << s << ":" << n;
        for (std::size_t i = 0; i < shard.size(); ++i) {
            std::string bad = shard;
            bad[i] = static_cast<char>(bad[i] ^ 0x01);
            EXPECT_FALSE(index.load_shard(s, bad).ok()) << s << ":" << i;
        }
        EXPECT_FALSE(index.has_shard(s));
    }
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
        std::string bad = files.docs;
        bad[rng() % bad.size()] = static_cast<char>(rng());
        SearchIndex damaged;
        if (bad != files.docs) {
            EXPECT_FALSE(damaged.load_docs(bad).ok());
        }
    }
}

// Related coverage (folio/related.h): sketches, the candidate search, the related file.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "folio/related.h"

namespace folio {
namespace {

std::vector<Block> body(std::initializer_list<std::string> paragraphs) {
    std::vector<Block> out;
    for (const auto& p : paragraphs) out.push_back(Block{BlockKind::Paragraph, 0, 0, 0, p, {}, {}});
    return out;
}

// Deterministic Chinese-looking text: n characters drawn from a wide range of ideographs.
std::string text(std::uint32_t seed, std::size_t n) {
    std::mt19937 rng(seed);
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<char32_t>(0x4E00 + rng() % 6000);
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

TEST(RelatedSketch, ShortTextsAreNotJudged) {
    EXPECT_FALSE(related_sketch(body({text(1, kMinSketchChars - 1)})).valid);
    EXPECT_TRUE(related_sketch(body({text(1, kMinSketchChars)})).valid);
}

TEST(RelatedSketch, SpacingPunctuationCaseAndWidthDoNotMatter) {
    const Sketch a = related_sketch(body({"The storm hit Qingchuan on Monday, closing 40 schools. " + text(2, 100)}));
    const Sketch b = related_sketch(body({"THE STORM  hit Ｑｉｎｇｃｈｕａｎ on Monday — closing ４０ schools!", text(2, 100)}));
    EXPECT_EQ(a, b);
}

TEST(RelatedSketch, SimilarityFollowsSharedText) {
    const std::string p1 = text(3, 300), p2 = text(4, 300), p3 = text(5, 300), p4 = text(6, 300);
    const Sketch whole = related_sketch(body({p1, p2, p3}));
    const Sketch edited = related_sketch(body({p1, p2, p3, p4}));  // a paragraph added: Jaccard about 0.75
    const Sketch other = related_sketch(body({text(7, 900)}));
    EXPECT_DOUBLE_EQ(sketch_similarity(whole, whole), 1.0);
    EXPECT_GT(sketch_similarity(whole, edited), 0.55);
    EXPECT_LT(sketch_similarity(whole, other), 0.1);
    EXPECT_EQ(sketch_similarity(whole, Sketch{}), 0.0);
}

TEST(FindRelated, GroupsCopiesSymmetricallyAndLeavesTheRest) {
    const std::string a1 = text(10, 400), a2 = text(11, 400), b1 = text(12, 400);
    std::vector<Sketch> s = {
        related_sketch(body({a1, a2})),            // 0: a story
        related_sketch(body({text(20, 800)})),     // 1: another story
        related_sketch(body({a1, a2, text(13, 60)})),  // 2: the story, a sentence added
        Sketch{},                                  // 3: too short to judge
        related_sketch(body({a1, text(14, 400)})),  // 4: half the story: Jaccard about 1/3, not a copy
        related_sketch(body({b1})),                // 5
    };
    const RelatedLists r = find_related(s, {});
    ASSERT_EQ(r.posts(), 6u);
    EXPECT_EQ(std::vector<std::uint32_t>(r.of(0).begin(), r.of(0).end()), std::vector<std::uint32_t>{2});
    EXPECT_EQ(std::vector<std::uint32_t>(r.of(2).begin(), r.of(2).end()), std::vector<std::uint32_t>{0});
    for (std::uint32_t p : {1u, 3u, 4u, 5u}) EXPECT_TRUE(r.of(p).empty()) << p;
}

TEST(FindRelated, KeepsAtMostTheMostSimilarAndStaysSymmetric) {
    const std::string story = text(30, 600);
    std::vector<Sketch> s;
    for (std::uint32_t k = 0; k < 6; ++k) s.push_back(related_sketch(body({story, text(40 + k, 20 + 10 * k)})));
    RelatedOptions o;
    o.max_per_post = 2;
    const RelatedLists r = find_related(s, {}, o);
    for (std::uint32_t p = 0; p < r.posts(); ++p) {
        EXPECT_LE(r.of(p).size(), 2u);
        for (std::uint32_t q : r.of(p)) {
            const auto back = r.of(q);
            EXPECT_TRUE(std::find(back.begin(), back.end(), p) != back.end()) << p << " " << q;
        }
    }
    EXPECT_FALSE(r.of(0).empty());
}

TEST(FindRelated, ABucketPastTheCapIsSkipped) {
    const std::string boilerplate = text(50, 600);
    std::vector<Sketch> s(40, related_sketch(body({boilerplate})));  // forty identical texts: one huge bucket per band
    RelatedOptions o;
    o.bucket_cap = 32;
    EXPECT_TRUE(find_related(s, {}, o).ids.empty());
    o.bucket_cap = 64;
    EXPECT_EQ(find_related(s, {}, o).of(0).size(), o.max_per_post);
}

// Over many posts (stories with copies that differ in some bins, among unrelated ones), the lists
// are those of comparing every pair that shares a whole band (buckets here stay under the cap). Some
// stories have two copies that share one band only, and a third whose key in that band differs in its
// last bin alone: they must still be found in the one bucket.
TEST(FindRelated, EqualsComparingEveryPairThatSharesABand) {
    constexpr std::size_t rows = 3;  // related.cpp's kBandRows
    std::mt19937 rng(77);
    std::vector<Sketch> s;
    auto random_sketch = [&] {
        Sketch out;
        out.valid = true;
        for (auto& bin : out.bins) bin = static_cast<std::uint16_t>(rng());
        return out;
    };
    for (int story = 0; story < 300; ++story) {
        const Sketch base = random_sketch();
        const int copies = 1 + static_cast<int>(rng() % 6);
        for (int c = 0; c < copies; ++c) {
            Sketch copy = base;
            for (int m = 0; m < static_cast<int>(rng() % 30); ++m) copy.bins[rng() % kSketchBins] = static_cast<std::uint16_t>(rng());
            s.push_back(copy);
        }
        const std::size_t band = rng() % (kSketchBins / rows);
        Sketch one_band = base, last_bin = base;
        for (std::size_t k = 0; k + rows <= kSketchBins; k += rows)
            if (k != band * rows) one_band.bins[k + rng() % rows] ^= 0x5A5A;
        last_bin.bins[band * rows + rows - 1] ^= 0x00FF;
        s.insert(s.end(), {base, one_band, last_bin});
    }
    std::shuffle(s.begin(), s.end(), rng);
    RelatedOptions o;
    o.max_per_post = 1000;
    const RelatedLists r = find_related(s, {}, o);
    std::size_t with = 0;
    for (std::uint32_t a = 0; a < s.size(); ++a) {
        std::vector<std::uint32_t> want;
        for (std::uint32_t b = 0; b < s.size(); ++b) {
            bool band = false;
            for (std::size_t k = 0; k + rows <= kSketchBins && !band && a != b; k += rows)
                band = std::equal(s[a].bins.begin() + static_cast<std::ptrdiff_t>(k),
                                  s[a].bins.begin() + static_cast<std::ptrdiff_t>(k + rows), s[b].bins.begin() + static_cast<std::ptrdiff_t>(k));
            if (band && sketch_similarity(s[a], s[b]) >= o.min_similarity) want.push_back(b);
        }
        const auto got = r.of(a);
        EXPECT_EQ(std::vector<std::uint32_t>(got.begin(), got.end()), want) << a;
        with += !want.empty();
    }
    EXPECT_GT(with, s.size() / 3);  // many posts have copies, so the comparison has teeth
}

TEST(FindRelated, CopiesAreSavedWithinDaysOfEachOther) {
    const std::string story = text(60, 600);
    const std::vector<Sketch> s(3, related_sketch(body({story})));
    const std::int64_t day = 86400;
    // 0 and 1 six days apart; 2 a month later (a template that comes back); undated posts go by text.
    const RelatedLists r = find_related(s, {100 * day, 106 * day, 136 * day});
    EXPECT_EQ(std::vector<std::uint32_t>(r.of(0).begin(), r.of(0).end()), std::vector<std::uint32_t>{1});
    EXPECT_TRUE(r.of(2).empty());
    const RelatedLists undated = find_related(s, {100 * day, std::nullopt, 136 * day});
    EXPECT_EQ(undated.of(1).size(), 2u);
}

TEST(RelatedFile, RoundTripsAndChecksWhatTheViewerReliesOn) {
    RelatedLists r;
    r.offsets = {0, 2, 3, 4, 4};
    r.ids = {1, 2, 0, 0};
    const auto back = parse_related(related_json(r), 4);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, r);
    EXPECT_FALSE(parse_related(related_json(r), 5));                      // another site's file
    EXPECT_FALSE(parse_related(R"({"c":3,"r":[[0,1]]})", 3));             // not symmetric
    EXPECT_FALSE(parse_related(R"({"c":3,"r":[[0,0]]})", 3));             // itself
    EXPECT_FALSE(parse_related(R"({"c":3,"r":[[0,2,1],[1,0],[2,0]]})", 3));  // not ascending
    EXPECT_FALSE(parse_related(R"({"c":3,"r":[[0,7]]})", 3));             // out of range
    EXPECT_FALSE(parse_related(R"({"c":3,"r":[[0,1],[1,0],[0,1]]})", 3));  // a row twice
    EXPECT_FALSE(parse_related("{\"c\":3,\"r\":[[0,1],[1", 3));            // truncated
    EXPECT_TRUE(parse_related(R"({"c":3,"r":[]})", 3));
}

}  // namespace
}  // namespace folio

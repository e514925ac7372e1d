#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "folio/glyph_plan.h"

using namespace folio;

namespace {

// Two faces: "sc" covers Latin and 一..丁 (U+4E00..U+4E01) plus 中文, "jp" covers あ..う; the
// fallback covers U+FFFD and 😀.
Manifest two_faces(bool frequency = true) {
    Manifest m;
    FontRef sc{"sc", "fonts/sc.otf", 10, {{0x20, 0x7E}, {0x4E00, 0x4E01}, {0x4E2D, 0x4E2D}, {0x6587, 0x6587}}, {}, {}};
    if (frequency) sc.by_frequency = {U'中', U'文', 0x4E01, 0x4E00, U'a'};
    FontRef jp{"jp", "fonts/jp.otf", 10, {{0x3042, 0x3046}}, {}, {}};
    m.fonts = {sc, jp};
    m.fallback = FontRef{"fallback", "fonts/fb.otf", 10, {{0xFFFD, 0xFFFD}, {0x1F600, 0x1F600}}, {}, {}};
    m.authors = {"丁"};
    return m;
}

std::size_t count(const std::vector<CodepointRange>& ranges) {
    std::size_t n = 0;
    for (const auto& r : ranges) n += r.last - r.first + 1;
    return n;
}

bool holds(const std::vector<CodepointRange>& ranges, char32_t cp) {
    for (const auto& r : ranges)
        if (r.first <= cp && cp <= r.last) return true;
    return false;
}

}  // namespace

TEST(GlyphPlan, SourcesTakeTheManifestOrderElseRangeOrder) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    ASSERT_EQ(s.order.size(), 2u);
    EXPECT_EQ(s.order[0], (std::vector<char32_t>{U'中', U'文', 0x4E01, 0x4E00, U'a'}));
    EXPECT_EQ(s.order[1], (std::vector<char32_t>{0x3042, 0x3043, 0x3044, 0x3045, 0x3046}));
    EXPECT_TRUE(s.dictionary.count(U'丁'));  // an author
    EXPECT_TRUE(s.dictionary.count(U'中'));  // the search box hint
    EXPECT_FALSE(s.fallback.empty());
    EXPECT_TRUE(glyph_sources(two_faces(), false).fallback.empty());
}

TEST(GlyphPlan, SourceFileMergesAsImGuiDoes) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    EXPECT_EQ(glyph_source_file(s, 0, U'a'), 0);
    EXPECT_EQ(glyph_source_file(s, 0, 0x3042), 1);    // the UI face borrows the other faces
    EXPECT_EQ(glyph_source_file(s, 1, U'a'), -1);     // other faces do not
    EXPECT_EQ(glyph_source_file(s, 1, 0x1F600), 2);   // the fallback is file 2
    EXPECT_EQ(glyph_source_file(s, 0, 0x4E03), -1);
    EXPECT_EQ(glyph_source_file(glyph_sources(two_faces(), false), 1, 0x1F600), -1);
}

TEST(GlyphPlan, AlwaysBakedAndFullCounts) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    for (char32_t cp : {U'a', U'é', U'、', U'！', char32_t{0xFFFD}, U'丁'}) EXPECT_TRUE(always_baked(s, cp)) << static_cast<std::uint32_t>(cp);
    for (char32_t cp : {char32_t{0x4E00}, char32_t{0x3042}}) EXPECT_FALSE(always_baked(s, cp)) << static_cast<std::uint32_t>(cp);
    // Face 0: 95 Latin + 4 ideographs + 5 kana + 2 fallback; face 1: 5 kana + 2 fallback.
    EXPECT_EQ(face_codepoints(s, 0).size(), 106u);
    EXPECT_EQ(face_codepoints(s, 1).size(), 7u);
    EXPECT_EQ(full_glyph_count(s), 113u);
}

TEST(GlyphPlan, NeedIsWhatWasDrawnByFace) {
    const auto need = glyph_need({"ab\nあ", "", "ignored"}, 2);
    ASSERT_EQ(need.size(), 2u);
    EXPECT_EQ(need[0], (CodepointSet{U'a', U'b', U'あ'}));
    EXPECT_TRUE(need[1].empty());
    const GlyphSources s = glyph_sources(two_faces(), true);
    // 3 on screen, and the always-baked code points of the orders: 中 文 丁 a.
    EXPECT_EQ(need_total(s, need), 3u + 4u);
}

TEST(GlyphPlan, RangesJoinRuns) {
    EXPECT_EQ(to_ranges({1, 2, 3, 5, 7, 8}), (std::vector<CodepointRange>{{1, 3}, {5, 5}, {7, 8}}));
    EXPECT_TRUE(to_ranges({}).empty());
}

TEST(GlyphPlan, BakeOfEverythingTakesWholeFiles) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    const auto plan = plan_bake(s, nullptr, {}, false);
    ASSERT_EQ(plan.size(), 2u);
    EXPECT_EQ(plan[0].from_file[0], s.faces[0]);
    EXPECT_EQ(plan[0].from_file[1], s.faces[1]);  // the UI face merges the others
    EXPECT_EQ(plan[0].from_file[2], s.fallback);
    EXPECT_TRUE(plan[1].from_file[0].empty());
    EXPECT_EQ(plan[1].from_file[1], s.faces[1]);
    EXPECT_TRUE(plan[0].left.empty());
}

TEST(GlyphPlan, PartialBakeTakesPrefixAlwaysBakedAndNeed) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    const std::vector<std::size_t> resident{0, 1};
    const std::vector<CodepointSet> need{{0x4E00, 0x3044, 0x4E03}, {}};
    const auto plan = plan_bake(s, &resident, need, true);
    const auto& sc = plan[0].from_file;
    EXPECT_TRUE(holds(sc[0], U'中') && holds(sc[0], U'文') && holds(sc[0], U'丁') && holds(sc[0], U'a'));  // always baked
    EXPECT_TRUE(holds(sc[0], 0x4E00));   // on screen
    EXPECT_TRUE(holds(sc[0], U' '));     // a glyph of its own
    EXPECT_FALSE(holds(sc[0], U'b'));    // Latin is always baked only where the order lists it
    EXPECT_EQ(sc[1], (std::vector<CodepointRange>{{0x3044, 0x3044}}));  // on screen, from the jp file
    EXPECT_EQ(sc[2], (std::vector<CodepointRange>{{0xFFFD, 0xFFFD}}));   // the replacement mark
    EXPECT_FALSE(holds(sc[0], 0x4E03));  // no file has it
    EXPECT_TRUE(plan[0].left.count(U'b') && plan[0].left.count(0x3042) && plan[0].left.count(0x1F600));
    EXPECT_FALSE(plan[0].left.count(0x4E00));
    EXPECT_EQ(plan[1].from_file[1], (std::vector<CodepointRange>{{U' ', U' '}, {0x3042, 0x3042}}));  // a prefix of 1
    EXPECT_EQ(plan[1].left.size(), 5u);  // 4 kana and 😀
    std::size_t baked = 0;
    for (const auto& file : sc) baked += count(file);
    EXPECT_EQ(baked + plan[0].left.size(), face_codepoints(s, 0).size());  // each covered glyph once
}

TEST(GlyphPlan, DeferredFillInterleavesTheOrders) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    const auto order = order_deferred(s, {{U'文', 0x4E00, U'z'}, {0x3043, 0x3042}});
    std::vector<std::pair<std::uint32_t, char32_t>> got;
    for (const auto& d : order) got.emplace_back(d.face, d.cp);
    EXPECT_EQ(got, (std::vector<std::pair<std::uint32_t, char32_t>>{
                       {1, 0x3042}, {0, U'文'}, {1, 0x3043}, {0, 0x4E00}, {0, U'z'}}));
    DeferredFill fill;
    fill.reset(order);
    EXPECT_EQ(fill.left, 5u);
    ASSERT_NE(fill.blank(1, 0x3043), nullptr);
    EXPECT_EQ(fill.blank(0, 0x3043), nullptr);
    EXPECT_EQ(fill.blank_on_screen({{U'z', U'文'}, {0x3043}}), (std::vector<std::size_t>{4, 1, 2}));
    fill.mark_drawn(4);
    fill.mark_drawn(4);
    EXPECT_EQ(fill.left, 4u);
    EXPECT_EQ(fill.blank(0, U'z'), nullptr);
    EXPECT_EQ(fill.blank_on_screen({{U'z'}, {}}), std::vector<std::size_t>{});
}

TEST(GlyphPlan, SlotsOnScreenStayTheRestGoLeastRecentFirst) {
    std::vector<GlyphSlot> slots(4);
    slots[0] = {0, 0, 0, U'a', 5};
    slots[1] = {1, 0, 0, U'b', 2};
    slots[2] = {2, 0, -1, 0, 0};
    slots[3] = {3, 0, 1, U'c', 7};
    const auto free = reusable_slots(slots, {{U'a'}, {}}, 9);
    EXPECT_EQ(free, (std::vector<std::size_t>{2, 1, 3}));
    EXPECT_EQ(slots[0].used, 9u);
    EXPECT_EQ(slots[1].used, 2u);
}

TEST(AtlasPlanner, SmallArchiveBakesEverything) {
    AtlasInputs in{17, 4096, 3000, 0.6f, 2000, {1500, 500}, 100};
    AtlasPlanner p(in);
    EXPECT_TRUE(p.next().every);
    EXPECT_FALSE(p.next().partial || p.next().defer);
    EXPECT_EQ(p.next().width, 2048);
    EXPECT_EQ(p.next().slot_side, 18);
    EXPECT_EQ(p.judge(2048, 900, 2000), AtlasVerdict::Keep);
    EXPECT_EQ(p.resident_count(GlyphSources{}), 2000u);
}

TEST(AtlasPlanner, QuickBakeRasterisesAShareAndFallsBackWhenCellsOverflow) {
    AtlasInputs in{17, 4096, 300, 0.6f, 20000, {15000, 5000}, 100};
    AtlasPlanner p(in);
    ASSERT_TRUE(p.next().defer);
    EXPECT_FALSE(p.next().every);
    EXPECT_EQ(p.next().resident, (std::vector<std::size_t>{225, 75}));
    EXPECT_EQ(p.next().width, 4096);
    EXPECT_EQ(p.judge(4096, 5000, 300), AtlasVerdict::Again);  // too tall: the usual bake
    EXPECT_FALSE(p.next().defer);
    EXPECT_TRUE(p.next().every);
    EXPECT_FLOAT_EQ(p.area_per_px2(), 0.6f);  // quick bakes teach nothing
}

TEST(AtlasPlanner, LargeArchiveGoesPartialWithinTheTexture) {
    AtlasInputs in{64, 2048, 3000, 0.6f, 60000, {40000, 20000}, 1000};
    AtlasPlanner p(in);
    const AtlasAttempt a = p.next();
    ASSERT_TRUE(a.partial);
    EXPECT_GE(a.slots, 16);
    EXPECT_LE(a.slots, kMaxSlots);
    ASSERT_EQ(a.resident.size(), 2u);
    EXPECT_NEAR(static_cast<double>(a.resident[0]) / static_cast<double>(a.resident[1]), 2.0, 0.05);
    const double glyph = 0.6 * 64 * 64, cell = 66.0 * 66.0;
    const double used = (static_cast<double>(a.resident[0] + a.resident[1]) + 1000) * glyph + a.slots * cell;
    EXPECT_LE(used, 2048.0 * 2048.0 * kPackedShare);
    // Far below the limit on the first try: once more with the learnt size, which gives a bigger share.
    EXPECT_EQ(p.judge(2048, 800, 1500), AtlasVerdict::Again);
    EXPECT_LT(p.area_per_px2(), 0.6f);
    EXPECT_GT(p.next().resident[0], a.resident[0]);
    EXPECT_EQ(p.judge(2048, 1900, 2500), AtlasVerdict::Keep);
    EXPECT_TRUE(p.next().partial);
}

TEST(AtlasPlanner, OverflowGoesPartialThenSmallerAndStopsAfterSixBuilds) {
    AtlasInputs in{17, 1024, 3000, 0.6f, 2000, {2000}, 2000};
    AtlasPlanner p(in);
    ASSERT_TRUE(p.next().every);
    EXPECT_EQ(p.judge(1024, 1500, 2000), AtlasVerdict::Again);  // an estimate too low: partial
    EXPECT_TRUE(p.next().partial);
    EXPECT_EQ(p.next().resident, std::vector<std::size_t>{0});  // what is on screen takes every texel
    // Nothing resident and still too tall: what is on screen alone is baked smaller.
    EXPECT_EQ(p.judge(1024, 1500, 2000), AtlasVerdict::Smaller);
    EXPECT_LT(p.next().scale, 1.0f);
    EXPECT_FLOAT_EQ(p.next().pixels, 17.0f * p.next().scale);
    int builds = 2;
    while (p.judge(1024, 1500, 2000) != AtlasVerdict::Keep) ++builds;
    EXPECT_EQ(builds + 1, 6);
}

TEST(AtlasPlanner, ResidentCountsPrefixesAndAlwaysBaked) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    AtlasInputs in{64, 256, 3000, 0.6f, 200000, {s.order[0].size(), s.order[1].size()}, 0};
    AtlasPlanner p(in);
    ASSERT_TRUE(p.next().partial);
    // The texture holds no prefix at all: only the always-baked 中 文 丁 a count.
    EXPECT_EQ(p.next().resident, (std::vector<std::size_t>{0, 0}));
    EXPECT_EQ(p.resident_count(s), 4u);
}

TEST(BrowserGlyphs, NeedIsWhatNoFileOfTheFaceHas) {
    const GlyphSources s = glyph_sources(two_faces(), true);
    // sc has 中; jp lacks it, and so does every file jp merges; 😀 is the fallback's; 📌 and ไ are nobody's.
    const std::vector<CodepointSet> need{{U'中', U'a', 0x1F4CC, 0x1F600, U'\n', 0x7F}, {U'中', U'あ', 0x0E44, 0xE0067}};
    EXPECT_EQ(browser_need(s, need), (CodepointSet{U'中', 0x0E44, 0x1F4CC}));
}

TEST(BrowserGlyphs, CellsOnScreenStayTheRestGoLeastRecentFirst) {
    BrowserGlyphs b;
    b.reset(std::vector<BrowserCell>(4), 30);
    EXPECT_EQ(b.to_draw({U'a', U'b'}), (std::vector<char32_t>{U'a', U'b'}));
    EXPECT_EQ(b.place(0, U'a', 1), 0u);
    EXPECT_EQ(b.place(1, U'b', 2), 0u);
    EXPECT_EQ(b.place(2, U'c', 3), 0u);
    b.verdict[U'z'] = BrowserVerdict::Missing;
    b.verdict[U'y'] = BrowserVerdict::NoRoom;
    // Asked once, a code point is not asked again, except one that found no room.
    EXPECT_EQ(b.to_draw({U'a', U'd', U'y', U'z'}), (std::vector<char32_t>{U'd', U'y'}));
    EXPECT_TRUE(b.unasked({U'a', U'd'}));
    EXPECT_FALSE(b.unasked({U'a', U'y', U'z'}));  // no room is an answer: frames do not go on for it
    // b is on screen: kept, and marked used now; the free cell first, then a (older) before c.
    EXPECT_EQ(b.reusable({U'b'}, 9), (std::vector<std::size_t>{3, 0, 2}));
    EXPECT_EQ(b.cells[1].used, 9u);
    EXPECT_EQ(b.place(0, U'd', 9), U'a');  // a is evicted and forgotten
    EXPECT_EQ(b.to_draw({U'a'}), std::vector<char32_t>{U'a'});
    EXPECT_EQ(b.cell_of.at(U'd'), 0u);
    EXPECT_EQ(b.count(BrowserVerdict::Drawn), 3u);
    EXPECT_EQ(b.count(BrowserVerdict::Missing), 1u);
    b.reset(std::vector<BrowserCell>(2), 40);  // a new atlas forgets everything
    EXPECT_TRUE(b.verdict.empty() && b.cell_of.empty());
}

TEST(AtlasPlanner, ReservesBrowserCellsWithinATwentiethOfTheTexture) {
    AtlasInputs small{17, 4096, 3000, 0.6f, 2000, {1500, 500}, 100};
    EXPECT_EQ(AtlasPlanner(small).next().browser_cells, kBrowserCells);
    AtlasInputs big{64, 2048, 3000, 0.6f, 60000, {40000, 20000}, 1000};
    const AtlasAttempt a = AtlasPlanner(big).next();
    const double side = browser_cell_side(64) + 1.0;
    EXPECT_GT(a.browser_cells, 0);
    EXPECT_LE(a.browser_cells * side * side, 2048.0 * 2048.0 * kPackedShare / 20.0 + 1.0);
    EXPECT_EQ(browser_cell_side(17), 24);
}

namespace {

// One face in three slices of its residency order: 中文a (the first), 丁一, then あいう. Its first
// code points are the UI's; the rest come in falling frequency.
Manifest sliced_face() {
    Manifest m;
    FontRef sc{"sc", "d/sc-0.otf", 10, {}, {U'中', U'文', U'a', 0x4E01, 0x4E00, 0x3042, 0x3044, 0x3046},
               {{"d/sc-0.otf", 10, 3}, {"d/sc-1.otf", 10, 2}, {"d/sc-2.otf", 10, 3}}};
    for (char32_t cp : {U'a', U'あ', U'い', U'う', U'一', U'丁', U'中', U'文'}) sc.codepoints.push_back({cp, cp});
    std::sort(sc.codepoints.begin(), sc.codepoints.end(), [](auto x, auto y) { return x.first < y.first; });
    m.fonts = {sc};
    m.fallback = FontRef{"fallback", "d/fb.otf", 10, {{0xFFFD, 0xFFFD}}, {}, {}};
    return m;
}

}  // namespace

TEST(FontSlices, PlanHoldsEveryCodepointOnceInFrequencyOrder) {
    // The first slice: what the first screen needs and the most frequent after it; then runs of
    // about `per` (per / 2 to 2 per, the last maybe shorter) that cover the rest.
    const auto order_of = [](std::size_t total) {
        std::vector<char32_t> order;
        for (std::size_t i = 0; i < total; ++i) order.push_back(static_cast<char32_t>(0x4E00 + i * 7 % 20000));
        return order;
    };
    EXPECT_EQ(plan_font_slices(order_of(100), 120, 300, 200), (std::vector<std::uint32_t>{100}));
    EXPECT_EQ(plan_font_slices(order_of(0), 0, 300, 200), (std::vector<std::uint32_t>{0}));
    for (std::size_t total : {1u, 419u, 420u, 421u, 9473u}) {
        const auto counts = plan_font_slices(order_of(total), 120, 300, 200);
        EXPECT_EQ(counts.front(), std::min<std::size_t>(total, 420));
        std::size_t sum = 0;
        for (std::size_t k = 0; k < counts.size(); ++k) {
            sum += counts[k];
            if (k > 0) {
                EXPECT_LE(counts[k], 400u);
            }
            if (k > 0 && k + 1 < counts.size()) {
                EXPECT_GE(counts[k], 100u);
            }
        }
        EXPECT_EQ(sum, total);
    }
    // Slices end where the code points say: a character dropped from the order changes its own
    // slice (and at most the next), and every other slice holds the same characters as before.
    const auto slices_of = [](const std::vector<char32_t>& order) {
        std::set<std::vector<char32_t>> out;
        std::size_t at = 0;
        for (std::uint32_t n : plan_font_slices(order, 0, 300, 200)) {
            out.insert(std::vector<char32_t>(order.begin() + static_cast<std::ptrdiff_t>(at), order.begin() + static_cast<std::ptrdiff_t>(at + n)));
            at += n;
        }
        return out;
    };
    std::vector<char32_t> order = order_of(9473);
    const auto before = slices_of(order);
    order.erase(order.begin() + 5000);
    const auto after = slices_of(order);
    std::size_t changed = 0;
    for (const auto& slice : after) changed += before.count(slice) ? 0 : 1;
    EXPECT_GE(before.size(), 30u);
    EXPECT_LE(changed, 2u);
    // Each slice is a run of the order, and every covered code point is in exactly one.
    const Manifest m = sliced_face();
    const auto slices = slice_codepoints(m.fonts[0]);
    ASSERT_EQ(slices.size(), 3u);
    EXPECT_EQ(slices[0], (std::vector<char32_t>{U'中', U'文', U'a'}));
    EXPECT_EQ(slices[1], (std::vector<char32_t>{0x4E01, 0x4E00}));
    const GlyphSources s = glyph_sources(m, true);
    std::size_t seen = 0;
    for (const auto& r : m.fonts[0].codepoints)
        for (char32_t cp = r.first; cp <= r.last; ++cp, ++seen) {
            int in = 0;
            for (const auto& slice : slices) in += static_cast<int>(std::count(slice.begin(), slice.end(), cp));
            EXPECT_EQ(in, 1) << static_cast<std::uint32_t>(cp);
            EXPECT_GE(glyph_slice(s, 0, cp), 0);
        }
    EXPECT_EQ(seen, 8u);
    EXPECT_EQ(glyph_slice(s, 0, U'あ'), 2);
    EXPECT_EQ(glyph_slice(s, 0, U'z'), -1);
    EXPECT_EQ(slice_count(s, 0), 3u);
    EXPECT_EQ(slice_count(s, 1), 1u);  // the fallback: one file
}

TEST(FontSlices, WantedAreTheSlicesOfWhatIsOnScreenNotArrived) {
    GlyphSources s = glyph_sources(sliced_face(), true);
    EXPECT_TRUE(slices_wanted(s, {{U'あ', U'丁'}}).empty());  // as read from the manifest, every slice is at hand
    expect_slices(s);
    EXPECT_FALSE(glyph_at_hand(s, 0, U'中'));
    slice_arrived(s, {0, 0});
    slice_arrived(s, {1, 0});
    EXPECT_TRUE(glyph_at_hand(s, 0, U'中'));
    EXPECT_FALSE(glyph_at_hand(s, 0, U'丁'));
    // Most frequent slices first; code points no file has, and those at hand, ask for nothing.
    EXPECT_EQ(slices_wanted(s, {{U'あ', U'丁', U'中', 0x1F600, 0xFFFD}}), (std::vector<SliceId>{{0, 1}, {0, 2}}));
    EXPECT_EQ(slices_wanted(s, {{U'文', U'a'}}), std::vector<SliceId>{});
    // In the background: the most frequent slice neither arrived nor asked for.
    EXPECT_EQ(next_background_slice(s, {}), (SliceId{0, 1}));
    EXPECT_EQ(next_background_slice(s, {{0, 1}}), (SliceId{0, 2}));
    slice_arrived(s, {0, 1});
    slice_arrived(s, {0, 2});
    EXPECT_FALSE(next_background_slice(s, {}).has_value());
}

TEST(FontSlices, BakesTakeOnlyArrivedSlicesAndTheRestWait) {
    GlyphSources s = glyph_sources(sliced_face(), true);
    expect_slices(s);
    slice_arrived(s, {0, 0});
    slice_arrived(s, {1, 0});
    // Every glyph: those of the first slice and the fallback are baked, the others wait for theirs.
    auto plan = plan_bake(s, nullptr, {{}}, false);
    ASSERT_EQ(plan.size(), 1u);
    EXPECT_EQ(plan[0].waiting, (CodepointSet{U'一', U'丁', U'あ', U'い', U'う'}));
    EXPECT_TRUE(holds(plan[0].from_file[0], U'中') && !holds(plan[0].from_file[0], U'丁'));
    EXPECT_TRUE(holds(plan[0].from_file[1], 0xFFFD));
    // A partial bake: of the prefix (中文a丁一あ) only what is at hand; what is on screen (い) waits in a cell.
    const std::vector<std::size_t> prefix{6};
    plan = plan_bake(s, &prefix, {{U'い'}}, false);
    EXPECT_EQ(plan[0].waiting, (CodepointSet{U'い'}));
    EXPECT_TRUE(holds(plan[0].from_file[0], U'中') && holds(plan[0].from_file[0], U'a'));
    EXPECT_FALSE(holds(plan[0].from_file[0], U'丁') || holds(plan[0].from_file[0], U'あ'));
    // The files' ranges cut by slice, for ImGui: one font per slice.
    const auto by_slice = ranges_by_slice(s, 0, {{U'a', U'a'}, {0x4E00, 0x4E01}, {0x3042, 0x3046}});
    ASSERT_EQ(by_slice.size(), 3u);
    EXPECT_EQ(count(by_slice[0]), 1u);
    EXPECT_EQ(count(by_slice[1]), 2u);
    EXPECT_EQ(count(by_slice[2]), 3u);  // あいう: the range's other code points are in no slice
    // A quick bake: left-out glyphs at hand are filled; waiting ones get cells but are not drawn until
    // their slice arrives, and do not count as left (the fill does not spin on them).
    std::vector<std::size_t> resident{1};
    plan = plan_bake(s, &resident, {{U'丁'}}, true);
    EXPECT_EQ(plan[0].waiting.count(U'丁'), 1u);
    std::vector<CodepointSet> left{plan[0].left};
    left[0].insert(plan[0].waiting.begin(), plan[0].waiting.end());
    DeferredFill fill;
    fill.reset(order_deferred(s, left));
    EXPECT_EQ(fill.waiting, 5u);
    EXPECT_EQ(fill.left, fill.glyphs.size() - 5);
    EXPECT_TRUE(fill.blank_on_screen({{U'丁'}}).empty());
    const DeferredGlyph* ding = fill.blank(0, U'丁');
    ASSERT_NE(ding, nullptr);
    EXPECT_TRUE(ding->waiting);
    fill.next = fill.glyphs.size();
    slice_arrived(s, {0, 1});
    std::vector<char32_t> arrived;
    for (std::size_t k : fill.slices_arrived(s)) arrived.push_back(fill.glyphs[k].cp);
    std::sort(arrived.begin(), arrived.end());
    EXPECT_EQ(arrived, (std::vector<char32_t>{U'一', U'丁'}));
    EXPECT_EQ(fill.waiting, 3u);
    EXPECT_FALSE(fill.blank(0, U'丁')->waiting);
    EXPECT_EQ(fill.blank_on_screen({{U'丁'}}).size(), 1u);
    EXPECT_LT(fill.next, fill.glyphs.size());  // the fill goes back for them
}

TEST(FontSlices, WideCodepointsTakeAnEm) {
    EXPECT_TRUE(wide_codepoint(U'中'));
    EXPECT_TRUE(wide_codepoint(U'あ'));
    EXPECT_TRUE(wide_codepoint(0x20B9F));
    EXPECT_FALSE(wide_codepoint(U'a'));
    EXPECT_FALSE(wide_codepoint(0x0E44));
}

// Only tiles with coverage are sent to the GPU; the covered tiles of a row of tiles go as one block.
TEST(GlyphPlan, AtlasContentBlocksAreTheCoveredTiles) {
    const int w = 40, h = 25;  // tiles of 10 x 10: 4 x 3, the last row of tiles 5 high
    std::vector<unsigned char> alpha(static_cast<std::size_t>(w * h), 0);
    const auto at = [&](int x, int y) -> unsigned char& { return alpha[static_cast<std::size_t>(y * w + x)]; };
    EXPECT_TRUE(atlas_content_blocks(alpha.data(), w, h, 10, 10).empty());
    at(0, 0) = 255;   // tile (0, 0)
    at(15, 9) = 9;    // tile (1, 0), joined to the first
    at(39, 10) = 1;   // tile (3, 1) alone
    at(20, 24) = 4;   // tile (2, 2), in the last row
    at(9, 20) = 4;    // tile (0, 2), apart from it
    const std::vector<AtlasBlock> blocks = atlas_content_blocks(alpha.data(), w, h, 10, 10);
    const auto box = [](const AtlasBlock& b) { return std::vector<int>{b.x, b.y, b.w, b.h}; };
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(box(blocks[0]), (std::vector<int>{0, 0, 20, 10}));
    EXPECT_EQ(box(blocks[1]), (std::vector<int>{30, 10, 10, 10}));
    EXPECT_EQ(box(blocks[2]), (std::vector<int>{0, 20, 10, 5}));
    EXPECT_EQ(box(blocks[3]), (std::vector<int>{20, 20, 10, 5}));
    // Every texel with coverage is in a block.
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool sent = std::any_of(blocks.begin(), blocks.end(), [&](const AtlasBlock& b) {
                return x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
            });
            EXPECT_TRUE(sent || at(x, y) == 0) << x << "," << y;
        }
}

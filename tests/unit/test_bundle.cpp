#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "folio/bundle.h"

using namespace folio;

namespace {

Post make_post(const std::string& path, std::optional<std::int64_t> date, std::vector<std::string> tags) {
    Post p;
    p.path = path;
    p.id = make_post_id(path);
    p.title = "title of " + path;
    p.date = date;
    p.utc_offset_minutes = 480;
    p.author = "作者";
    p.source_url = "https://www.Example.com/a";
    p.tags = std::move(tags);
    p.categories = {"news"};
    p.extra = {{"layout", "\"post\""}};
    Block b;
    b.text = "正文 " + path;
    b.links = {{0, 3, "https://x.example"}};
    p.blocks = {b};
    return p;
}

std::map<std::string, std::string> as_map(const std::vector<BundleFile>& files) {
    std::map<std::string, std::string> m;
    for (const auto& f : files) m[f.path] = f.bytes;
    return m;
}

ReadFile reader(const std::map<std::string, std::string>& files) {
    return [&files](const std::string& path) -> Result<std::string> {
        auto it = files.find(path);
        if (it == files.end()) return Error{"missing " + path};
        return it->second;
    };
}

}  // namespace

TEST(Bundle, RoundTripsNewestFirstAcrossShards) {
    std::vector<Post> posts = {make_post("a.md", 100, {"x"}), make_post("b.md", std::nullopt, {"y", "x"}),
                               make_post("c.md", 300, {}), make_post("d.md", 200, {"y"})};
    BundleOptions options;
    options.generator = "test";
    options.posts_per_shard = 1;  // a shard per post
    auto files = as_map(write_bundle(posts, options));
    EXPECT_EQ(files.size(), 9u);  // 4 meta, 4 body, manifest
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    EXPECT_EQ(site->manifest.post_count, 4u);
    EXPECT_EQ(site->manifest.tags, (std::vector<std::string>{"x", "y"}));  // first use from the oldest dated post
    EXPECT_EQ(site->manifest.sites, std::vector<std::string>{"example.com"});
    ASSERT_EQ(site->catalog.size(), 4u);
    EXPECT_EQ(site->catalog.paths, (std::vector<std::string>{"c.md", "d.md", "a.md", "b.md"}));
    EXPECT_EQ(site->catalog.has_date[3], 0);
    Post back = post_from_site(*site, 3);
    EXPECT_EQ(back.path, "b.md");
    EXPECT_EQ(back.id, make_post_id("b.md"));
    EXPECT_EQ(back.tags, (std::vector<std::string>{"y", "x"}));
    EXPECT_EQ(back.blocks, posts[1].blocks);
    EXPECT_EQ(back.extra, posts[1].extra);
    EXPECT_EQ(back.utc_offset_minutes, 480);
}

TEST(Bundle, BodyPacksCloseBeforeThePostThatWouldOverflowThemAndAtMaxPosts) {
    using Counts = std::vector<std::uint32_t>;
    EXPECT_EQ(body_packs({10, 10, 10, 10}, 25, 250), (Counts{2, 2}));
    EXPECT_EQ(body_packs({10, 10, 10, 10}, 20, 250), (Counts{2, 2}));  // exactly full: the next post opens a file
    EXPECT_EQ(body_packs({5, 100, 5, 5}, 20, 250), (Counts{1, 1, 2}));  // a post over the target has its own
    EXPECT_EQ(body_packs({1, 1, 1, 1, 1}, 1000, 2), (Counts{2, 2, 1}));
    EXPECT_EQ(body_packs({}, 1000, 2), Counts{});
    EXPECT_EQ(body_packs({0, 0}, 0, 0), (Counts{1, 1}));  // degenerate options still cover every post
    for (std::size_t n = 1; n < 60; ++n) {
        std::vector<std::size_t> sizes;
        for (std::size_t i = 0; i < n; ++i) sizes.push_back((i * 37) % 50);
        const Counts packs = body_packs(sizes, 64, 7);
        std::size_t next = 0;
        for (const std::uint32_t c : packs) {
            std::size_t bytes = 0;
            for (std::size_t i = next; i < next + c; ++i) bytes += sizes[i];
            EXPECT_GE(c, 1u);
            EXPECT_LE(c, 7u);
            EXPECT_TRUE(c == 1 || bytes <= 64) << n;
            next += c;
        }
        EXPECT_EQ(next, n);
    }
}

TEST(Bundle, BodiesAreWrittenInSmallFilesTheMetadataNamesThatReadBackAndCanBeKept) {
    std::vector<Post> posts;
    for (int i = 0; i < 5; ++i) posts.push_back(make_post("p" + std::to_string(i) + ".md", 100 + i, {}));
    BundleOptions options;
    options.generator = "test";
    options.posts_per_body = 2;  // one run of 5 posts: files of 2, 2 and 1 posts
    std::vector<std::vector<BodyPack>> packs;
    const auto files = as_map(write_bundle(posts, options, nullptr, &packs));
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    const auto& bodies = site->catalog.bodies;
    ASSERT_EQ(bodies.size(), 3u);
    EXPECT_EQ(site->manifest.meta.size(), 1u);
    ASSERT_EQ(packs.size(), 1u);
    ASSERT_EQ(packs[0].size(), 3u);
    for (std::size_t k = 0; k < bodies.size(); ++k) {
        EXPECT_EQ(bodies[k].first, std::vector<std::uint32_t>({0, 2, 4})[k]);
        EXPECT_EQ(bodies[k].count, std::vector<std::uint32_t>({2, 2, 1})[k]);
        EXPECT_EQ(bodies[k].file, packs[0][k].file);
        EXPECT_EQ(packs[0][k].bytes, files.at(bodies[k].file).size());
    }
    for (std::size_t i = 0; i < posts.size(); ++i)  // newest first: p4 ... p0, across the three files
        EXPECT_EQ(post_from_site(*site, i).blocks, posts[posts.size() - 1 - i].blocks) << i;
    EXPECT_EQ(files.at(kManifestPath).find("body-"), std::string::npos);  // the metadata names them, not the manifest

    // Files already stored are listed as they are and not written again; ones that do not cover the run are ignored.
    BundleOptions again = options;
    again.ready_bodies = packs;
    std::vector<std::string> used;
    const auto kept = write_bundle(posts, again, &used);
    EXPECT_EQ(as_map(kept).count(bodies[0].file), 0u);
    EXPECT_EQ(as_map(kept).at(kManifestPath), files.at(kManifestPath));
    EXPECT_EQ(used, std::vector<std::string>({bodies[0].file, bodies[1].file, bodies[2].file}));  // the caller copies these
    again.ready_bodies = {{packs[0][0]}};
    used.clear();
    EXPECT_EQ(as_map(write_bundle(posts, again, &used)), files);
    EXPECT_TRUE(used.empty());
}

TEST(Bundle, AMetadataShardWhoseBodyListDoesNotCoverItsPostsIsRefused) {
    std::vector<Post> posts = {make_post("a.md", 100, {}), make_post("b.md", 200, {})};
    BundleOptions options;
    options.generator = "test";
    auto files = as_map(write_bundle(posts, options));
    auto manifest = parse_manifest(files.at(kManifestPath));
    ASSERT_TRUE(manifest);
    std::string meta = files.at(manifest->meta[0].file);
    Catalog catalog;
    EXPECT_TRUE(parse_meta_shard(meta, *manifest, manifest->meta[0], catalog));
    Catalog short_catalog;  // one file of one post for two posts
    const std::string shorter = meta.substr(0, meta.find("\"b\":[[")) + "\"b\":[[\"data/x.json\",1]]" +
                                meta.substr(meta.find("]]", meta.find("\"b\":[[")) + 2);
    EXPECT_FALSE(parse_meta_shard(shorter, *manifest, manifest->meta[0], short_catalog));
}

TEST(Bundle, StoredMetadataIsKeptOnlyWhileEveryDictionaryIndexHolds) {
    std::vector<Post> posts;
    for (int i = 0; i < 4; ++i) posts.push_back(make_post("p" + std::to_string(i) + ".md", 100 + i, {"t" + std::to_string(i % 2)}));
    BundleOptions options;
    options.generator = "test";
    const auto files = as_map(write_bundle(posts, options));
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    const Manifest& m = site->manifest;
    ASSERT_EQ(m.meta.size(), 1u);
    BundleOptions again = options;
    again.ready_meta = {{m.meta[0].file, m.meta[0].bytes}};
    again.ready_meta_dictionaries = {m.authors, m.sites, m.tags, m.categories};
    std::vector<std::string> used;
    const auto kept = as_map(write_bundle(posts, again, &used));
    EXPECT_EQ(used, std::vector<std::string>{m.meta[0].file});
    EXPECT_EQ(kept.count(m.meta[0].file), 0u);  // listed, not written
    EXPECT_EQ(kept.at(kManifestPath), files.at(kManifestPath));
    // A tag index that moved (the stored file was written with another first tag): encoded afresh.
    again.ready_meta_dictionaries[2] = {"another"};
    used.clear();
    EXPECT_EQ(as_map(write_bundle(posts, again, &used)), files);
    EXPECT_TRUE(used.empty());
}

namespace {

std::vector<Post> dated_posts(std::size_t n) {
    std::vector<Post> posts;
    for (std::size_t i = 0; i < n; ++i) {
        Post p;
        p.path = "_posts/2020-01-01-post-" + std::to_string(i) + ".md";
        p.date = static_cast<std::int64_t>(n - i) * 1000;  // newest first
        posts.push_back(p);
    }
    return posts;
}

// The shards as lists of paths: what must stay the same for a stored file to be kept.
std::set<std::vector<std::string>> shard_contents(const std::vector<Post>& posts, std::uint32_t per) {
    std::set<std::vector<std::string>> out;
    for (const auto& [first, count] : shard_ranges(posts, per)) {
        std::vector<std::string> paths;
        for (std::uint32_t i = first; i < first + count; ++i) paths.push_back(posts[i].path);
        out.insert(paths);
    }
    return out;
}

}  // namespace

TEST(Bundle, ShardRangesCoverThePostsInRunsOfAboutPer) {
    const auto posts = dated_posts(5000);
    const auto ranges = shard_ranges(posts, 40);
    std::uint32_t next = 0;
    for (std::size_t r = 0; r < ranges.size(); ++r) {
        EXPECT_EQ(ranges[r].first, next);
        EXPECT_LE(ranges[r].second, 80u);
        if (r > 0) {
            EXPECT_GE(ranges[r].second, 20u);  // only the newest run may be short
        }
        next += ranges[r].second;
    }
    EXPECT_EQ(next, 5000u);
    EXPECT_GT(ranges.size(), 5000u / 80);
    EXPECT_LT(ranges.size(), 5000u / 20);
    EXPECT_TRUE(shard_ranges({}, 40).empty());
    EXPECT_EQ(shard_ranges(posts, 1).size(), 5000u);
}

// The point of content-defined cuts: a post added anywhere (newest, in the middle, older than
// all, undated) or removed changes only the shards next to it, so an incremental build keeps the rest.
TEST(Bundle, ShardRangesMoveOnlyNearAChange) {
    const auto posts = dated_posts(3000);
    const auto before = shard_contents(posts, 40);
    std::size_t changed_total = 0, trials = 0;
    for (std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{700}, std::size_t{1500}, std::size_t{2999}, std::size_t{3000}}) {
        for (int variant = 0; variant < 10; ++variant) {
            auto more = posts;
            Post added;
            added.path = "_posts/new-" + std::to_string(at) + "-" + std::to_string(variant) + ".md";
            more.insert(more.begin() + static_cast<std::ptrdiff_t>(at), added);
            const auto after = shard_contents(more, 40);
            std::size_t changed = 0;
            for (const auto& shard : before) changed += after.count(shard) ? 0 : 1;
            EXPECT_LE(changed, 3u) << "insert at " << at;
            changed_total += changed;
            ++trials;
        }
        auto fewer = posts;
        fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(at, 2999)));
        std::size_t changed = 0;
        for (const auto& shard : before) changed += shard_contents(fewer, 40).count(shard) ? 0 : 1;
        EXPECT_LE(changed, 3u) << "remove at " << at;
    }
    EXPECT_LE(changed_total, trials * 2);  // mostly the one shard that holds the change
}

// The newest run is cut finer: the first screen waits for a small metadata file, and a day's new
// posts change only the newest fine runs (all of them only when a new post makes a coarse cut).
TEST(Bundle, ShardRangesCutTheNewestRunFine) {
    const auto posts = dated_posts(20000);
    const auto ranges = shard_ranges(posts, 2000);
    ASSERT_FALSE(ranges.empty());
    for (int variant = 0; variant < 30; ++variant) {  // whatever the luck of the newest cuts
        auto named = dated_posts(6000);
        for (std::size_t i = 0; i < 300; ++i) named[i].path = "_posts/v" + std::to_string(variant) + "-" + std::to_string(i) + ".md";
        const auto newest = shard_ranges(named, 2000).front();
        EXPECT_GE(newest.second, kNewestRunPosts / 2) << variant;
        EXPECT_LE(newest.second, 2 * kNewestRunPosts + kNewestRunPosts / 2) << variant;
    }
    std::uint32_t next = 0, fine = 0;
    for (const auto& [first, count] : ranges) {
        EXPECT_EQ(first, next);
        next += count;
        const bool coarse = count >= 1000 && count <= 4000;
        fine += coarse ? 0 : 1;
        if (!coarse) {
            EXPECT_GE(count, kNewestRunPosts / 2);
            EXPECT_LE(count, 2 * kNewestRunPosts + kNewestRunPosts / 2);
        }
    }
    EXPECT_EQ(next, 20000u);
    EXPECT_GE(fine, 2u);
    EXPECT_LE(fine, 4000 / (kNewestRunPosts / 2));
    // The fine runs are at most two index segments (a query reads at most one more than for the coarse
    // run they cut), each of whole fine runs.
    std::uint32_t fine_posts = 0;
    std::set<std::uint32_t> fine_starts;
    for (std::size_t r = 0; r < fine; ++r) {
        fine_starts.insert(ranges[r].first);
        fine_posts += ranges[r].second;
    }
    const auto segments = segment_ranges(posts, ranges, 2000);
    ASSERT_GE(segments.size(), 2u);
    EXPECT_EQ(segments[0].first, 0u);
    if (segments[0].second < fine_posts) {
        EXPECT_TRUE(fine_starts.count(segments[1].first));
        EXPECT_EQ(segments[1], (std::pair<std::uint32_t, std::uint32_t>{segments[0].second, fine_posts - segments[0].second}));
    } else {
        EXPECT_EQ(segments[0].second, fine_posts);
    }
    const auto before = shard_contents(posts, 2000);
    int kept_all_but_two = 0;
    for (int variant = 0; variant < 20; ++variant) {
        auto more = posts;
        std::vector<Post> day(100);
        for (std::size_t k = 0; k < day.size(); ++k)
            day[k].path = "_posts/day-" + std::to_string(variant) + "-" + std::to_string(k) + ".md";
        more.insert(more.begin(), day.begin(), day.end());
        const auto after = shard_contents(more, 2000);
        std::size_t changed = 0;
        for (const auto& shard : before) changed += after.count(shard) ? 0 : 1;
        kept_all_but_two += changed <= 2;
    }
    EXPECT_GE(kept_all_but_two, 14);
}

// Day after day of 100 new posts, the index changes the open run's newest few fine runs, not the
// whole run (1 to 4,000 posts): most days extend the newest segment alone (a segment is kept when its
// posts are unchanged, extended when they are newer posts before a previous segment's, else rebuilt).
TEST(Bundle, ADaysPostsRebuildAFewHundredPostsOfTheIndex) {
    auto posts = dated_posts(20000);
    auto before = segment_ranges(posts, shard_ranges(posts, 2000), 2000);
    constexpr int kDays = 60;
    std::uint64_t changed_posts = 0, open_runs = 0;  // summed over the days
    int newest_extended_alone = 0, two_rebuilt = 0;
    for (int day = 0; day < kDays; ++day) {
        std::vector<Post> news(100);
        for (std::size_t k = 0; k < news.size(); ++k) news[k].path = "_posts/day-" + std::to_string(day) + "-" + std::to_string(k) + ".md";
        posts.insert(posts.begin(), news.begin(), news.end());
        const auto chunks = shard_ranges(posts, 2000);
        for (const auto& chunk : chunks) open_runs += chunk.second < 1000 ? chunk.second : 0;  // the fine runs
        const auto after = segment_ranges(posts, chunks, 2000);
        int changed = 0, rebuilt = 0;
        bool newest_extended = false;
        for (const auto& [first, count] : after) {
            const auto was = [&](const auto& seg) { return seg.first + 100 == first && seg.second == count; };
            const auto tail = [&](const auto& seg) { return seg.first + 100 + seg.second == first + count && seg.second < count && seg.first + 100 > first; };
            if (std::any_of(before.begin(), before.end(), was)) continue;
            const bool extended = std::any_of(before.begin(), before.end(), tail);
            newest_extended |= first == 0 && extended;
            changed_posts += count;
            ++changed;
            rebuilt += extended ? 0 : 1;
        }
        newest_extended_alone += changed == 1 && newest_extended;
        two_rebuilt += rebuilt >= 2;
        before = after;
    }
    std::printf("%d days: %llu posts' segments changed a day, of an open run of %llu; the newest segment alone, extended, on "
                "%d days; two segments rebuilt on %d\n",
                kDays, static_cast<unsigned long long>(changed_posts / kDays), static_cast<unsigned long long>(open_runs / kDays),
                newest_extended_alone, two_rebuilt);
    EXPECT_LE(changed_posts, open_runs * 9 / 10);  // the whole run each day, as before: 110 % here; now 71 %
    EXPECT_GE(newest_extended_alone, kDays * 2 / 3);
}

TEST(Bundle, SameInputSameBytes) {
    std::vector<Post> posts = {make_post("a.md", 1, {"t"}), make_post("b.md", 2, {"u"})};
    EXPECT_EQ(as_map(write_bundle(posts, {})), as_map(write_bundle({posts[1], posts[0]}, {})));
}

TEST(Bundle, RejectsWhatIsNotABundle) {
    EXPECT_FALSE(parse_manifest(""));
    EXPECT_FALSE(parse_manifest("{\"format\":\"folio-bundle\",\"version\":1"));  // truncated
    EXPECT_NE(parse_manifest("{\"hello\":1}").error().message.find("not a Folio bundle"), std::string::npos);
    EXPECT_NE(parse_manifest("{\"format\":\"folio-bundle\",\"version\":99}").error().message.find("rebuild"), std::string::npos);
}

TEST(Bundle, EveryTruncationIsRejectedCleanly) {
    auto files = as_map(write_bundle({make_post("a.md", 1, {"t"}), make_post("b.md", 2, {})}, {}));
    for (auto& [path, bytes] : files) {
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            auto damaged = files;
            damaged[path] = bytes.substr(0, cut);
            auto site = load_site(reader(damaged));
            EXPECT_FALSE(site) << path << " cut at " << cut;
        }
    }
}

TEST(Bundle, SiteOfUrl) {
    EXPECT_EQ(site_of_url("https://www.zaobao.com/realtime/x"), "zaobao.com");
    EXPECT_EQ(site_of_url("http://user@News.Example.org:8080/?q"), "news.example.org");
    EXPECT_EQ(site_of_url("not a url"), "");
}

// A font in slices: the manifest keeps its residency order (the covered ranges follow from it) and
// its files, each a run of that order; the fallback, without an order, keeps its ranges.
TEST(Bundle, FontRefsKeepSlicesAndResidencyOrder) {
    BundleOptions options;
    FontRef face{"sc", "data/font-sc-0.otf", 10, {{0x61, 0x62}, {0x4E00, 0x4E01}, {0x20B9F, 0x20B9F}},
                 {U'a', U'丁', U'一', 0x20B9F, U'b'}, {{"data/font-sc-0.otf", 10, 2}, {"data/font-sc-1.otf", 7, 3}}};
    options.fonts = {face};
    options.fallback = FontRef{"fallback", "data/font-fb.otf", 5, {{0xFFFD, 0xFFFD}}, {}, {}};
    auto files = as_map(write_bundle({make_post("a.md", 1, {})}, options));
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    ASSERT_EQ(site->manifest.fonts.size(), 1u);
    const FontRef& read = site->manifest.fonts[0];
    EXPECT_EQ(read.codepoints, face.codepoints);
    EXPECT_EQ(read.by_frequency, face.by_frequency);
    ASSERT_EQ(read.slices.size(), 2u);
    EXPECT_EQ(read.slices[1].file, "data/font-sc-1.otf");
    EXPECT_EQ(read.slices[1].bytes, 7u);
    EXPECT_EQ(read.file, "data/font-sc-0.otf");  // the first slice
    EXPECT_EQ(slice_codepoints(read), (std::vector<std::vector<char32_t>>{{U'a', U'丁'}, {U'一', 0x20B9F, U'b'}}));
    EXPECT_TRUE(site->manifest.fallback.by_frequency.empty());
    EXPECT_EQ(site->manifest.fallback.codepoints, (std::vector<CodepointRange>{{0xFFFD, 0xFFFD}}));
    EXPECT_EQ(font_slices(site->manifest.fallback).size(), 1u);
    // Slices that do not add up to the order are refused.
    std::string manifest = files.at(kManifestPath);
    const auto at = manifest.find("\"data/font-sc-1.otf\",7,3]");
    ASSERT_NE(at, std::string::npos);
    manifest.replace(at, std::string("\"data/font-sc-1.otf\",7,3]").size(), "\"data/font-sc-1.otf\",7,2]");
    EXPECT_FALSE(parse_manifest(manifest));
}

TEST(Bundle, SegmentRangesAreRunsOfWholeChunksWithTheNewestAlone) {
    const auto posts = dated_posts(20000);
    const auto chunks = shard_ranges(posts, 100);
    const auto segments = segment_ranges(posts, chunks, 100);
    std::set<std::uint32_t> chunk_starts;
    for (const auto& c : chunks) chunk_starts.insert(c.first);
    std::uint32_t next = 0;
    for (const auto& [first, count] : segments) {
        EXPECT_EQ(first, next);
        EXPECT_TRUE(chunk_starts.count(first)) << "a segment starts inside a chunk";
        next += count;
    }
    EXPECT_EQ(next, 20000u);
    EXPECT_EQ(segments.front(), chunks.front());  // the newest chunk is a segment of its own
    EXPECT_EQ(segments.back(), chunks.back());    // so is the oldest, where undated posts go
    EXPECT_LT(segments.size(), chunks.size() / 2);  // older chunks are merged
    // New posts at the newest end change only the newest segment(s); the merged ones stay.
    auto more = dated_posts(20000);
    for (int k = 0; k < 30; ++k) {
        Post p;
        p.path = "_posts/new-" + std::to_string(k) + ".md";
        more.insert(more.begin(), p);
    }
    const auto after = segment_ranges(more, shard_ranges(more, 100), 100);
    std::size_t same = 0;
    for (std::size_t s = 1; s < segments.size(); ++s)
        for (const auto& a : after) same += a.first == segments[s].first + 30 && a.second == segments[s].second;
    EXPECT_GE(same, segments.size() - 2);
    EXPECT_TRUE(segment_ranges({}, {}, 100).empty());
}

// The manifest names only the search list file; the list holds the fold table and segments, read
// back by read_manifest (tools) or parse_search_list (the viewer, when search is first needed).
TEST(Bundle, TheSearchIndexFilesAreListedInTheirOwnFile) {
    std::vector<Post> posts = {make_post("a.md", 100, {}), make_post("b.md", 200, {}), make_post("c.md", 300, {})};
    BundleOptions options;
    options.search.fold = {"data/fold-1.bin", 10};
    options.search.segments = {{0, 2, {"data/search-docs-2.bin", 20}, {{"data/search-3.bin", 30}, {"data/search-4.bin", 40}}},
                               {2, 1, {"data/search-docs-5.bin", 50}, {{"data/search-6.bin", 60}}}};
    auto files = as_map(write_bundle(posts, options));
    const std::string& manifest_text = files.at(kManifestPath);
    EXPECT_EQ(manifest_text.find("search-docs"), std::string::npos);  // not in the manifest
    auto m = parse_manifest(manifest_text);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_TRUE(m->search.present());
    EXPECT_FALSE(m->search.listed());
    ASSERT_EQ(m->search.list.file.rfind("data/index-", 0), 0u) << m->search.list.file;
    ASSERT_TRUE(files.count(m->search.list.file));
    EXPECT_EQ(m->search.list.bytes, files.at(m->search.list.file).size());

    auto read = read_manifest(reader(files));
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_TRUE(read->search.listed());
    EXPECT_EQ(read->search.fold.file, "data/fold-1.bin");
    ASSERT_EQ(read->search.segments.size(), 2u);
    EXPECT_EQ(read->search.segments[0].docs.file, "data/search-docs-2.bin");
    EXPECT_EQ(read->search.segments[0].shards.size(), 2u);
    EXPECT_EQ(read->search.segments[1].shards[0].file, "data/search-6.bin");
    EXPECT_EQ(read->search.segments[1].shards[0].bytes, 60u);

    // A list that does not cover the manifest's posts, or is not JSON, is refused and changes nothing.
    Manifest other = *m;
    other.post_count = 4;
    EXPECT_FALSE(parse_search_list(files.at(m->search.list.file), other).ok());
    EXPECT_FALSE(other.search.listed());
    EXPECT_FALSE(parse_search_list("{\"t\":", other).ok());
    EXPECT_TRUE(parse_search_list(files.at(m->search.list.file), *m).ok());

    // A site without an index has no list.
    auto plain = parse_manifest(as_map(write_bundle(posts, BundleOptions{})).at(kManifestPath));
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->search.present());
}

// Sorting permutes the posts in place by date keys; the order is a stable sort's by newer_first
// (dates falling, undated last, ties by path), on many shapes of input.
TEST(Bundle, SortNewestFirstIsTheStableOrderByDateThenPath) {
    std::uint64_t seed = 7;
    auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
    for (int round = 0; round < 50; ++round) {
        std::vector<Post> posts(next() % 40);
        for (std::size_t i = 0; i < posts.size(); ++i) {
            posts[i].path = "p" + std::to_string(next() % 25);  // some paths twice: the input order decides
            posts[i].title = std::to_string(i);
            if (next() % 5) posts[i].date = static_cast<std::int64_t>(next() % 6) - 2;
            if (next() % 17 == 0) posts[i].date = std::numeric_limits<std::int64_t>::min();
        }
        std::vector<Post> expected = posts;
        std::stable_sort(expected.begin(), expected.end(), [](const Post& a, const Post& b) {
            if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
            if (a.date && *a.date != *b.date) return *a.date > *b.date;
            return a.path < b.path;
        });
        sort_newest_first(posts);
        std::vector<std::string> got, want;
        for (const Post& p : posts) got.push_back(p.title);
        for (const Post& p : expected) want.push_back(p.title);
        EXPECT_EQ(got, want) << "round " << round;
    }
}

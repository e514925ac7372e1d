#include <gtest/gtest.h>

#include <random>

#include "build_cache.h"
#include "gzip.h"

using namespace folio;

TEST(Gzip, RoundTripIsDeterministicAndRejectsDamage) {
    std::mt19937 rng(3);
    std::string raw = "疫苗援助 vaccine ";
    for (int i = 0; i < 20000; ++i) raw += static_cast<char>('a' + rng() % 5);
    const std::string gz = gzip_compress(raw);
    EXPECT_EQ(gz, gzip_compress(raw));  // no time stamp: same bytes every build
    ASSERT_EQ(gz.substr(0, 2), "\x1f\x8b");
    auto back = gzip_decompress(gz);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, raw);
    EXPECT_EQ(*gzip_decompress(gzip_compress("")), "");
    for (std::size_t n : {std::size_t{0}, std::size_t{5}, gz.size() / 2, gz.size() - 1})
        EXPECT_FALSE(gzip_decompress(std::string_view(gz).substr(0, n)).ok()) << n;
    EXPECT_FALSE(gzip_decompress(gz + "x").ok());
    std::string flipped = gz;
    flipped[gz.size() - 6] = static_cast<char>(flipped[gz.size() - 6] ^ 1);  // the CRC
    EXPECT_FALSE(gzip_decompress(flipped).ok());
}

TEST(BuildCache, RoundTripAndDamage) {
    Post p;
    p.id = "a";
    p.path = "2020-01-01-a.md";
    p.title = "标题";
    p.date = -5;
    p.utc_offset_minutes = -480;
    p.tags = {"x", "y"};
    p.extra = {{"k", "\"v\""}};
    p.blocks.push_back({BlockKind::ListItem, 2, 1, 7, "text", "", {{0, 2, "https://e.org"}}});
    IngestReport report;
    report.skipped.push_back({"bad.md", "binary", "looks binary"});
    report.skipped.push_back({"dup.md", "duplicate", "same as a"});
    report.warnings.push_back({p.path, "no-date", "none"});
    const std::vector<FileStamp> stamps = {{p.path, 11, 100, 5000}, {"bad.md", 22, 200, 9000}, {"dup.md", 33, 300, 1}};
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> chunks = {{0, 1}};
    const auto pieces = cache_pieces(stamps, {p}, chunks, report, 6000, "f", {});
    ASSERT_EQ(pieces.size(), 2u);  // the chunk's files, and the files that gave no post
    BuildCache cache;
    cache.fingerprint = "f";
    cache.manifest_hash = 99;
    cache.body_keys = {1, 2};
    cache.segment_keys = {3};
    cache.font_keys = {{4, "data/font-sc-x.otf.gz"}};
    for (const auto& piece : pieces) cache.pieces.push_back(piece.name);
    const std::string head = encode_cache_head(cache);
    auto back = decode_cache_head(head);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->fingerprint, "f");
    EXPECT_EQ(back->manifest_hash, 99u);
    EXPECT_EQ(back->body_keys, (std::vector<std::uint64_t>{1, 2}));
    EXPECT_EQ(back->segment_keys, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(back->font_keys, cache.font_keys);
    EXPECT_EQ(back->pieces, cache.pieces);
    for (const auto& piece : pieces) ASSERT_TRUE(decode_cache_piece(piece.bytes, back->files).ok());
    ASSERT_EQ(back->files.size(), 2u);  // the duplicate is read again next time
    const auto& e = back->files.at(p.path);
    EXPECT_EQ(e.hash, 11u);
    EXPECT_EQ(e.size, 100u);
    EXPECT_EQ(e.mtime_ns, 5000);
    EXPECT_EQ(back->files.at("bad.md").mtime_ns, 0);  // modified at or after the build began: read again
    ASSERT_TRUE(e.result.post.has_value());
    EXPECT_EQ(e.result.post->title, p.title);
    EXPECT_EQ(e.result.post->date, p.date);
    EXPECT_EQ(e.result.post->utc_offset_minutes, -480);
    EXPECT_EQ(e.result.post->tags, p.tags);
    EXPECT_EQ(e.result.post->extra, p.extra);
    EXPECT_EQ(e.result.post->blocks, p.blocks);
    ASSERT_EQ(e.result.warnings.size(), 1u);
    EXPECT_EQ(back->files.at("bad.md").result.skip_reason, "binary");
    // The same files give the same piece names; a piece the previous cache has is not encoded again.
    const auto again = cache_pieces(stamps, {p}, chunks, report, 6000, "f", {pieces[0].name});
    EXPECT_EQ(again[0].name, pieces[0].name);
    EXPECT_TRUE(again[0].bytes.empty());
    EXPECT_EQ(again[1].bytes, pieces[1].bytes);
    // A touched file (new modification time) renames its piece.
    auto touched = stamps;
    touched[0].mtime_ns = 5001;
    EXPECT_NE(cache_pieces(touched, {p}, chunks, report, 6000, "f", {})[0].name, pieces[0].name);
    // Every damaged byte is caught.
    for (const std::string* bytes : {&head, &pieces[0].bytes}) {
        for (std::size_t i = 0; i < bytes->size(); i += 7) {
            std::string bad = *bytes;
            bad[i] = static_cast<char>(bad[i] ^ 0x20);
            std::map<std::string, BuildCache::Entry> sink;
            EXPECT_FALSE(bytes == &head ? decode_cache_head(bad).ok() : decode_cache_piece(bad, sink).ok()) << i;
        }
    }
    EXPECT_FALSE(decode_cache_head(std::string_view(head).substr(0, head.size() - 1)).ok());
}

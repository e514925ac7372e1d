#include <gtest/gtest.h>

#include <random>

#include "build_cache.h"
#include "folio/bundle.h"
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

// Posts that share phrasing, as one archive's do.
std::vector<std::string> sample_posts(int count, unsigned seed) {
    std::mt19937 rng(seed);
    const char* words[] = {"疫苗", "援助", "記者", "報道", "中国", "香港", "政府", "表示", "the", "vaccine", "said"};
    std::vector<std::string> out;
    for (int p = 0; p < count; ++p) {
        std::string post = "[{\"k\":\"p\",\"t\":\"";
        for (int w = 0; w < 300; ++w) post += words[rng() % 11];
        out.push_back(post + "\"}]");
    }
    return out;
}

TEST(Gzip, ADictionaryShrinksSmallFilesAndAnyGzipDecoderReadsThemWithIt) {
    const auto samples = sample_posts(200, 1);
    const std::string dict = train_dictionary(samples);
    ASSERT_FALSE(dict.empty());
    EXPECT_LE(dict.size(), 32u * 1024);
    EXPECT_EQ(dict, train_dictionary(samples));  // same posts, same dictionary: builds stay byte-identical
    const std::string raw = sample_posts(1, 9)[0];
    const std::string gzd = gzip_compress_with_dictionary(raw, dict);
    EXPECT_EQ(gzd, gzip_compress_with_dictionary(raw, dict));
    EXPECT_LT(gzd.size(), gzip_compress(raw).size());
    auto back = gzip_decompress_with_dictionary(gzd, dict);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, raw);
    // What the page does: a plain gzip decoder reads it once the dictionary is put in front.
    auto whole = gzip_decompress(with_dictionary_block(gzd, dict));
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(*whole, dict + raw);
    EXPECT_FALSE(gzip_decompress(gzd).ok());  // it refers back into the dictionary
    EXPECT_FALSE(gzip_decompress_with_dictionary(gzd, sample_posts(1, 5)[0].substr(0, 4000)).ok());  // another dictionary
    for (std::size_t n : {std::size_t{0}, std::size_t{9}, gzd.size() / 2, gzd.size() - 1})
        EXPECT_FALSE(gzip_decompress_with_dictionary(std::string_view(gzd).substr(0, n), dict).ok()) << n;
    EXPECT_EQ(*gzip_decompress_with_dictionary(gzip_compress_with_dictionary("", dict), dict), "");
    EXPECT_TRUE(train_dictionary({"a", "b"}).empty());  // too little to train on: no dictionary
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
    const std::vector<Post> posts = {p};
    const auto plan = plan_cache_pieces(stamps, posts, chunks, report, 6000, "f");
    ASSERT_EQ(plan.names.size(), 2u);  // the chunk's files, and the files that gave no post
    ChunkCodepoints counted;
    counted.used = {U'a', U'标', U'题'};
    counted.scripts = {1};
    counted.uses = {{}, {{U'a', 2}, {U'题', 1}}};
    counted.rare = {{U'😀', {p.path}}};
    const CacheSources sources(posts, report);
    const std::vector<PieceBytes> pieces = {encode_cache_piece(plan, 0, posts, sources, 6000, counted),
                                            encode_cache_piece(plan, 1, {}, sources, 6000, {})};
    BuildCache cache;
    cache.fingerprint = "f";
    cache.manifest_hash = 99;
    cache.body_keys = {1, 2};
    cache.segment_keys = {3};
    cache.font_keys = {{4, "data/font-sc-x.otf.gz"}};
    cache.fold_key = 77;
    cache.dictionary_key = 78;
    cache.pieces = plan.names;
    const std::string head = encode_cache_head(cache);
    auto back = decode_cache_head(head);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->fingerprint, "f");
    EXPECT_EQ(back->manifest_hash, 99u);
    EXPECT_EQ(back->body_keys, (std::vector<std::uint64_t>{1, 2}));
    EXPECT_EQ(back->segment_keys, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(back->font_keys, cache.font_keys);
    EXPECT_EQ(back->pieces, cache.pieces);
    EXPECT_EQ(back->fold_key, 77u);
    EXPECT_EQ(back->dictionary_key, 78u);
    ChunkCodepoints counted_back, none_back;
    ASSERT_TRUE(decode_cache_piece(pieces[0].files, 0, back->files, counted_back).ok());
    ASSERT_TRUE(decode_cache_piece(pieces[1].files, 1, back->files, none_back).ok());
    EXPECT_EQ(counted_back.used, counted.used);
    EXPECT_EQ(counted_back.scripts, counted.scripts);
    EXPECT_EQ(counted_back.uses, counted.uses);
    EXPECT_EQ(counted_back.rare, counted.rare);
    EXPECT_TRUE(none_back.used.empty());
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
    EXPECT_TRUE(e.result.post->blocks.empty());  // the blocks are in their own file
    EXPECT_EQ(e.piece, 0u);
    EXPECT_EQ(e.slot, 0u);
    auto blocks = decode_cache_blocks(pieces[0].blocks);
    ASSERT_TRUE(blocks.ok()) << blocks.error().message;
    ASSERT_EQ(blocks->size(), 1u);
    EXPECT_EQ((*blocks)[0], p.blocks);
    ASSERT_TRUE(decode_cache_blocks(pieces[1].blocks).ok());
    EXPECT_TRUE(decode_cache_blocks(pieces[1].blocks)->empty());
    ASSERT_EQ(e.result.warnings.size(), 1u);
    EXPECT_EQ(back->files.at("bad.md").result.skip_reason, "binary");
    EXPECT_EQ(back->files.at("bad.md").piece, 1u);
    // The same files give the same piece names and bytes.
    const auto again = plan_cache_pieces(stamps, posts, chunks, report, 6000, "f");
    EXPECT_EQ(again.names, plan.names);
    EXPECT_EQ(encode_cache_piece(again, 0, posts, sources, 6000, counted).files, pieces[0].files);
    EXPECT_EQ(blocks_file_name(plan.names[0]).substr(0, 7), "blocks-");
    // A touched file (new modification time) renames its piece.
    auto touched = stamps;
    touched[0].mtime_ns = 5001;
    EXPECT_NE(plan_cache_pieces(touched, posts, chunks, report, 6000, "f").names[0], plan.names[0]);
    // Every damaged byte is caught.
    for (const std::string* bytes : {&head, &pieces[0].files, &pieces[0].blocks}) {
        for (std::size_t i = 0; i < bytes->size(); i += 7) {
            std::string bad = *bytes;
            bad[i] = static_cast<char>(bad[i] ^ 0x20);
            CacheEntries sink;
            ChunkCodepoints counted_sink;
            const bool read = bytes == &head ? decode_cache_head(bad).ok()
                              : bytes == &pieces[0].blocks ? decode_cache_blocks(bad).ok()
                                                          : decode_cache_piece(bad, 0, sink, counted_sink).ok();
            EXPECT_FALSE(read) << i;
        }
    }
    EXPECT_FALSE(decode_cache_head(std::string_view(head).substr(0, head.size() - 1)).ok());
}

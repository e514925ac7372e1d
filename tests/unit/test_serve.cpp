// folio serve's pieces that need no socket: request framing, content coding, validators, file cache.
#include <brotli/decode.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "gzip.h"
#include "serve_files.h"
#include "serve_loop.h"
#include "static_files.h"

using namespace folio;
namespace fs = std::filesystem;

TEST(ServeFraming, WaitsForTheWholeRequest) {
    const ServeLimits limits;
    EXPECT_EQ(frame_request("", limits).framing, Framing::Incomplete);
    EXPECT_EQ(frame_request("GET / HTTP/1.1\r\nHost: x\r\n", limits).framing, Framing::Incomplete);
    EXPECT_EQ(frame_request("GET / HTTP/1.1\r\nHost: x\r\n\r", limits).framing, Framing::Incomplete);
    const std::string get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    EXPECT_EQ(frame_request(get, limits).framing, Framing::Complete);
    EXPECT_EQ(frame_request(get, limits).length, get.size());
    EXPECT_EQ(frame_request(get + "GET /a HTTP/1.1\r\n", limits).length, get.size());  // pipelined: the first only
    EXPECT_EQ(frame_request("GET / HTTP/1.0\n\n", limits).length, 16u);                 // bare LF line ends
    const std::string post = "POST / HTTP/1.1\r\ncontent-LENGTH: 5\r\n\r\n";
    EXPECT_EQ(frame_request(post + "abc", limits).framing, Framing::Incomplete);  // the body is part of it
    EXPECT_EQ(frame_request(post + "abcdeGET", limits).length, post.size() + 5);
}

TEST(ServeFraming, RefusesWhatItWillNotRead) {
    ServeLimits limits;
    limits.max_header_bytes = 64;
    limits.max_body_bytes = 10;
    EXPECT_EQ(frame_request(std::string(65, 'a'), limits).framing, Framing::HeaderTooLarge);
    EXPECT_EQ(frame_request("GET / HTTP/1.1\r\nX: " + std::string(60, 'a') + "\r\n\r\n", limits).framing,
              Framing::HeaderTooLarge);
    EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits).framing, Framing::BodyTooLarge);
    EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", limits).framing, Framing::BadLength);
    EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", limits).framing,
              Framing::BadLength);
    EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", limits).framing, Framing::Chunked);
}

TEST(ServeCoding, PicksWhatTheClientAccepts) {
    EXPECT_EQ(pick_encoding(""), Encoding::Identity);
    EXPECT_EQ(pick_encoding("gzip, deflate"), Encoding::Gzip);  // Chromium over http://
    EXPECT_EQ(pick_encoding("gzip, deflate, br, zstd"), Encoding::Brotli);
    EXPECT_EQ(pick_encoding("br;q=0, gzip"), Encoding::Gzip);
    EXPECT_EQ(pick_encoding("gzip;q=0"), Encoding::Identity);
    EXPECT_EQ(pick_encoding("gzip;q=1.0, br;q=0.5"), Encoding::Gzip);
    EXPECT_EQ(pick_encoding("GZIP"), Encoding::Gzip);
    EXPECT_EQ(pick_encoding("x-gzip"), Encoding::Gzip);
    EXPECT_EQ(pick_encoding("*"), Encoding::Brotli);
    EXPECT_EQ(pick_encoding("*;q=0, identity"), Encoding::Identity);
    EXPECT_EQ(pick_encoding("identity"), Encoding::Identity);
    EXPECT_TRUE(worth_compressing("app.wasm"));
    EXPECT_TRUE(worth_compressing("index.html"));
    EXPECT_TRUE(worth_compressing("data/manifest.json"));
    EXPECT_FALSE(worth_compressing("data/body-0123456789ab.json.gz"));
    EXPECT_FALSE(worth_compressing("data/font-sc-0123456789ab.otf"));
}

TEST(ServeValidators, EtagsMatchInAnyCoding) {
    EXPECT_EQ(etag_for("abc", Encoding::Identity), "\"abc\"");
    EXPECT_EQ(etag_for("abc", Encoding::Gzip), "\"abc-gzip\"");
    EXPECT_TRUE(etag_matches("\"abc\"", "abc"));
    EXPECT_TRUE(etag_matches("\"abc-gzip\"", "abc"));
    EXPECT_TRUE(etag_matches("\"abc-br\"", "abc"));
    EXPECT_TRUE(etag_matches("W/\"abc\"", "abc"));  // If-None-Match compares weakly
    EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "abc"));
    EXPECT_TRUE(etag_matches("*", "abc"));
    EXPECT_FALSE(etag_matches("\"abcd\"", "abc"));
    EXPECT_FALSE(etag_matches("abc", "abc"));  // unquoted: not an entity tag
    EXPECT_FALSE(etag_matches("", "abc"));
}

TEST(ServeValidators, HttpDates) {
    EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), std::optional<std::time_t>(784111777));
    EXPECT_EQ(parse_http_date(http_date(1764806400)), std::optional<std::time_t>(1764806400));
    EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
    EXPECT_FALSE(parse_http_date("Sun, 06 Xyz 1994 08:49:37 GMT"));
    EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
    EXPECT_FALSE(parse_http_date(""));
}

namespace {

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& name, const std::string& bytes)
        : path(fs::temp_directory_path() / ("folio-serve-" + std::to_string(::getpid()) + "-" + name)) {
        write(bytes);
    }
    ~TempFile() { fs::remove(path); }
    void write(const std::string& bytes) const { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }
    // Opens the file and gets it from the cache as the server does.
    std::shared_ptr<const KeptFile> get(FileCache& cache, bool compress) const {
        const int fd = ::open(path.c_str(), O_RDONLY);
        struct stat st {};
        fstat(fd, &st);
        const FileVersion version{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                                  static_cast<std::uint64_t>(st.st_size),
                                  std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
        auto kept = cache.get(path.string(), fd, version, compress);
        ::close(fd);
        return kept;
    }
};

std::string text_bytes(std::size_t words) {
    std::string out;
    for (std::size_t i = 0; i < words; ++i) out += "word" + std::to_string(i % 97) + (i % 13 ? " " : "\n");
    return out;
}

std::string brotli_decompress(const std::string& br, std::size_t size) {
    std::string out(size, '\0');
    std::size_t got = size;
    if (BrotliDecoderDecompress(br.size(), reinterpret_cast<const std::uint8_t*>(br.data()), &got,
                                reinterpret_cast<std::uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS)
        return "(damaged)";
    out.resize(got);
    return out;
}

}  // namespace

TEST(ServeCache, CompressesOncePerVersion) {
    const std::string raw = text_bytes(50000);
    TempFile file("app.js", raw);
    FileCache cache(64u << 20, 100);
    const auto kept = file.get(cache, true);
    ASSERT_TRUE(kept);
    ASSERT_TRUE(kept->in_memory);
    EXPECT_EQ(kept->raw, raw);
    EXPECT_EQ(kept->hash.size(), 32u);
    const auto gunzipped = gzip_decompress(kept->gzip);
    ASSERT_TRUE(gunzipped);
    EXPECT_EQ(*gunzipped, raw);
    EXPECT_LT(kept->brotli.size(), raw.size() / 4);
    EXPECT_EQ(brotli_decompress(kept->brotli, raw.size()), raw);
    EXPECT_EQ(file.get(cache, true), kept);  // the same bytes, not compressed again
    EXPECT_GE(cache.bytes(), raw.size() + kept->gzip.size() + kept->brotli.size());

    file.write(raw + "more");  // another version: read and hashed again
    const auto changed = file.get(cache, true);
    ASSERT_TRUE(changed);
    EXPECT_NE(changed, kept);
    EXPECT_NE(changed->hash, kept->hash);
    EXPECT_EQ(kept->raw, raw);  // what was handed out stays valid
}

TEST(ServeCache, ConcurrentFirstRequestsShareOneLoad) {
    TempFile file("app.wasm", text_bytes(200000));
    FileCache cache(64u << 20, 100);
    std::vector<std::shared_ptr<const KeptFile>> got(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < got.size(); ++i) threads.emplace_back([&, i] { got[i] = file.get(cache, true); });
    for (auto& t : threads) t.join();
    ASSERT_TRUE(got[0]);
    for (const auto& k : got) EXPECT_EQ(k, got[0]);
}

TEST(ServeCache, OtherFilesKeepOnlyTheirHash) {
    const std::string bytes = text_bytes(1000);
    TempFile data("body.json.gz", bytes), text("same.json", bytes);
    FileCache cache(64u << 20, 100);
    const auto kept = data.get(cache, false);
    ASSERT_TRUE(kept);
    EXPECT_FALSE(kept->in_memory);
    EXPECT_TRUE(kept->raw.empty() && kept->gzip.empty());
    EXPECT_EQ(kept->hash, text.get(cache, true)->hash);  // the hash is of the bytes on disk either way
}

TEST(ServeCache, StaysWithinItsBounds) {
    FileCache cache(300000, 3);
    std::vector<std::unique_ptr<TempFile>> files;
    for (int i = 0; i < 6; ++i) {
        files.push_back(std::make_unique<TempFile>("f" + std::to_string(i) + ".js", text_bytes(20000) + std::to_string(i)));
        ASSERT_TRUE(files.back()->get(cache, true));
        EXPECT_LE(cache.bytes(), 300000u);
    }
    const auto first = files[0]->get(cache, true);  // dropped long ago: loaded again, the same hash
    EXPECT_EQ(first->raw, text_bytes(20000) + "0");
}

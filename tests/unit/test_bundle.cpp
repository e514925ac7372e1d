#include <gtest/gtest.h>

#include <map>

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
    options.posts_per_shard = 3;
    auto files = as_map(write_bundle(posts, options));
    EXPECT_EQ(files.size(), 5u);  // 2 meta, 2 body, manifest
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    EXPECT_EQ(site->manifest.post_count, 4u);
    EXPECT_EQ(site->manifest.tags, (std::vector<std::string>{"y", "x"}));
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

TEST(Bundle, FontRefsKeepRangesAndResidencyOrder) {
    BundleOptions options;
    FontRef face{"sc", "data/font-sc.otf", 10, {{0x20, 0x7E}, {0x4E00, 0x4E01}}, {U'a', U'丁', U'一', 0x20B9F}};
    options.fonts = {face};
    auto files = as_map(write_bundle({make_post("a.md", 1, {})}, options));
    auto site = load_site(reader(files));
    ASSERT_TRUE(site) << site.error().message;
    ASSERT_EQ(site->manifest.fonts.size(), 1u);
    EXPECT_EQ(site->manifest.fonts[0].codepoints, face.codepoints);
    EXPECT_EQ(site->manifest.fonts[0].by_frequency, face.by_frequency);
    EXPECT_TRUE(site->manifest.fallback.by_frequency.empty());
}

#include <gtest/gtest.h>

#include "site_offline.h"

using namespace folio;

namespace {

AppPage page() {
    return {R"(<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'">)"
            R"(<link rel="stylesheet" href="folio.css"><link rel="manifest" href="manifest.webmanifest">)"
            R"(<link rel="icon" href="icon.svg"></head><body><script src="folio-shell.js"></script></body>)",
            "body{}", "shell();", "app();"};
}

}  // namespace

TEST(SiteOffline, Base64AndSha256) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(sha256_base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(SiteOffline, SingleFileInlinesEverythingUnderAHashPolicy) {
    auto html = make_single_file(page(), {{"app.wasm", std::string("\0asm", 4)}, {"data/manifest.json", "{}"}});
    ASSERT_TRUE(html) << html.error().message;
    EXPECT_NE(html->find(R"(<script type="application/x-folio-file" data-path="data/manifest.json">e30=</script>)"), std::string::npos);
    EXPECT_NE(html->find(R"(data-path="app.wasm">AGFzbQ==</script>)"), std::string::npos);
    EXPECT_NE(html->find("<style>body{}</style>"), std::string::npos);
    EXPECT_NE(html->find("<script>shell();</script>\n<script>app();</script>"), std::string::npos);
    EXPECT_NE(html->find("script-src 'sha256-" + sha256_base64("shell();") + "' 'sha256-" + sha256_base64("app();") + "'"),
              std::string::npos);
    EXPECT_NE(html->find("style-src 'sha256-" + sha256_base64("body{}") + "'"), std::string::npos);
    EXPECT_EQ(html->find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(html->find("manifest.webmanifest"), std::string::npos);
    EXPECT_EQ(html->find("src=\""), std::string::npos);  // nothing is loaded from beside the file
}

TEST(SiteOffline, SingleFileRefusesWhatCannotBeInlined) {
    AppPage p = page();
    p.app_js = "var s = '</script>';";
    EXPECT_FALSE(make_single_file(p, {}));
    p = page();
    p.index_html = "<html><script src=\"other.js\"></script></html>";
    EXPECT_FALSE(make_single_file(p, {}));
    EXPECT_FALSE(make_single_file(page(), {{"data/a\"b.json", "x"}}));
}

TEST(SiteOffline, ServiceWorkerListsTheAppFilesAndChangesWithAnyByte) {
    const std::string tmpl = "const BUILD = /*folio:build*/{}/*folio:build*/;\nrest();";
    auto a = make_service_worker(tmpl, {{"index.html", "x"}, {"data/meta-1.json", "y"}});
    auto b = make_service_worker(tmpl, {{"index.html", "x!"}, {"data/meta-1.json", "y"}});
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->find(R"("path":"data/meta-1.json")"), std::string::npos);  // not named by its content
    EXPECT_NE(a->find(R"("path":"index.html")"), std::string::npos);
    EXPECT_NE(a->find("/*folio:build*/;\nrest();"), std::string::npos);
    EXPECT_NE(*a, *b);
    EXPECT_EQ(*a, *make_service_worker(tmpl, {{"index.html", "x"}, {"data/meta-1.json", "y"}}));
    EXPECT_FALSE(make_service_worker("no markers", {}));
}

// The page reads the viewer from its gzipped copy: the worker installs that one, not app.wasm too.
TEST(SiteOffline, ServiceWorkerKeepsThePackedViewerOnly) {
    const std::string tmpl = "/*folio:build*/{}/*folio:build*/";
    auto packed = make_service_worker(tmpl, {{"app.wasm", "wasm"}, {kPackedWasm, "gz"}, {"index.html", "x"}});
    auto plain = make_service_worker(tmpl, {{"app.wasm", "wasm"}, {"index.html", "x"}});
    ASSERT_TRUE(packed && plain);
    EXPECT_NE(packed->find(R"("path":"app.wasm.gz")"), std::string::npos);
    EXPECT_EQ(packed->find(R"("path":"app.wasm")"), std::string::npos);
    EXPECT_NE(plain->find(R"("path":"app.wasm")"), std::string::npos);
}

TEST(SiteOffline, ServiceWorkerLeavesContentNamedFilesToThePageButNamesTheOfflineList) {
    const std::string tmpl = "/*folio:build*/{}/*folio:build*/";
    auto a = make_service_worker(tmpl, {{"data/body-0123456789ab.json.gz", "one"}, {"data/manifest.json", "m"},
                                        {"data/offline-00112233aabb.json.gz", ""}});
    auto b = make_service_worker(tmpl, {{"data/body-0123456789ab.json.gz", ""}, {"data/manifest.json", "m"},
                                        {"data/offline-00112233aabb.json.gz", ""}});
    auto c = make_service_worker(tmpl, {{"data/body-0123456789ac.json.gz", ""}, {"data/manifest.json", "m"},
                                        {"data/offline-00112233aabb.json.gz", ""}});
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(*a, *b);  // the name says what the bytes are
    EXPECT_NE(*a, *c);  // and another name is another build
    EXPECT_EQ(a->find("body-"), std::string::npos);  // cached as the page reads it, not when installing
    EXPECT_NE(a->find(R"("offline":"data/offline-00112233aabb.json.gz")"), std::string::npos);
    EXPECT_EQ(named_revision("data/font-sc-00112233aabb.otf.gz"), "00112233aabb");
    EXPECT_EQ(named_revision("data/manifest.json"), "");
    EXPECT_EQ(named_revision("data/meta-1.json"), "");
    EXPECT_EQ(named_revision("data/meta-0123456789AB.json"), "");
    EXPECT_EQ(named_revision("app-0123456789ab.js"), "");
}

// What the first screen needs: the manifest, each font's first slice and the newest posts' metadata
// (the viewer fetches later slices and older shards itself, after the list shows).
TEST(SiteOffline, FirstScreenFilesAreTheManifestFirstSlicesAndNewestMetadata) {
    Manifest m;
    m.fonts.resize(2);
    m.fonts[0].file = "data/font-sc-1.otf.gz";  // fonts[1] has no file: a site without that face's font
    m.fonts[0].slices = {{"data/font-sc-1.otf.gz", 10, 5}, {"data/font-sc-7.otf.gz", 10, 5}};
    m.fallback.file = "data/font-fallback-2.otf.gz";
    m.meta.resize(2);
    m.meta[0].file = "data/meta-3.json.gz";
    m.meta[1].file = "data/meta-4.json.gz";
    m.meta[0].count = kNewestRunPosts / 2;
    m.search.list.file = "data/index-6.json.gz";  // fetched when search is first needed
    EXPECT_EQ(first_screen_files(m), (std::vector<std::string>{"data/manifest.json", "data/font-sc-1.otf.gz",
                                                               "data/font-fallback-2.otf.gz", "data/meta-3.json.gz"}));
    EXPECT_EQ(first_screen_files(Manifest{}), std::vector<std::string>{"data/manifest.json"});
    // A newest shard too small for a first screen brings the next one with it.
    m.meta[0].count = 5;
    EXPECT_EQ(first_screen_files(m).back(), "data/meta-4.json.gz");
    // The reader's first post: its body file, then the dictionary a ".gzd" one is read with; not a long post's.
    EXPECT_EQ(first_screen_files(m, {"data/body-7.json.gz", 5000, 3}).back(), "data/body-7.json.gz");
    EXPECT_EQ(first_screen_files(m, {"data/body-7.json.gzd", 5000, 3}).back(), "data/body-7.json.gzd");  // no dictionary named
    m.dictionary.file = "data/dict-8.bin.gz";
    const auto with_dictionary = first_screen_files(m, {"data/body-7.json.gzd", 5000, 3});
    EXPECT_EQ(std::vector<std::string>(with_dictionary.end() - 2, with_dictionary.end()),
              (std::vector<std::string>{"data/body-7.json.gzd", "data/dict-8.bin.gz"}));
    EXPECT_EQ(first_screen_files(m, {"data/body-7.json.gzd", kPreloadBodyBytes + 1, 1}).back(), "data/meta-4.json.gz");
}

TEST(SiteOffline, OfflineListNamesEachFileWithItsSizeAndThePageNamesTheList) {
    const BundleFile list = make_offline_list({{"data/a-0123456789ab.json.gz", 10}, {"data/b-0123456789ab.bin.gz", 7}}, {});
    EXPECT_EQ(list.bytes, R"({"files":[["data/a-0123456789ab.json.gz",10],["data/b-0123456789ab.bin.gz",7]]})");
    EXPECT_EQ(list.path.rfind("data/offline-", 0), 0u);
    EXPECT_FALSE(named_revision(list.path).empty());
    const std::string out = page_with_offline(page().index_html, list.path, 3, 1234);
    EXPECT_NE(out.find(R"(<script type="application/json" id="folio-offline">{"bytes":1234,"files":3,"list":")" + list.path +
                       "\"}</script>\n<script src=\"folio-shell.js\"></script>"),
              std::string::npos);
}

TEST(SiteOffline, PageListsThePreloadsBeforeTheShellScript) {
    const std::string html = page().index_html;
    const std::string out = page_with_preload(html, {"data/manifest.json", "data/a</script>.gz"});
    EXPECT_NE(out.find(R"(<script type="application/json" id="folio-preload">["data/manifest.json","data/a\u003c/script>.gz"]</script>)"
                       "\n<script src=\"folio-shell.js\"></script>"),
              std::string::npos);
    EXPECT_EQ(out.substr(0, out.find("<script")), html.substr(0, html.find("<script")));  // the rest as it was
    EXPECT_EQ(page_with_preload("<!doctype html>", {"data/manifest.json"}), "<!doctype html>");  // no shell: as it is
    // A built site's page as the app's (--app-dir of a site): its list is replaced, not kept first.
    const std::string again = page_with_preload(out, {"data/b.gz"});
    EXPECT_EQ(again, page_with_preload(html, {"data/b.gz"}));
    std::string crlf = out;  // whatever line end follows the old block
    crlf.insert(crlf.find("</script>") + 9, "\r");
    const std::string replaced = page_with_preload(crlf, {"data/b.gz"});
    EXPECT_EQ(replaced.find("data/manifest.json"), std::string::npos);
    EXPECT_NE(replaced.find(R"(id="folio-preload">["data/b.gz"])"), std::string::npos);
    EXPECT_NE(replaced.find("<script src=\"folio-shell.js\"></script>"), std::string::npos);
}

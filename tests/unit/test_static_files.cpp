#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "static_files.h"

using namespace folio;
namespace fs = std::filesystem;

namespace {

struct SiteDir {
    // One folder per process and test: ctest runs tests in parallel processes (a time-based seed could repeat).
    fs::path root = fs::temp_directory_path() / ("folio-static-" + std::to_string(::getpid()) + "-" +
                                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
    SiteDir() {
        fs::remove_all(root.parent_path() / (root.filename().string() + "-outside"));
        fs::remove_all(root);
        fs::create_directories(root / "data");
        fs::create_directories(root.parent_path() / (root.filename().string() + "-outside"));
        std::ofstream(root / "index.html") << "<!doctype html>";
        std::ofstream(root / "data/manifest.json") << "{}";
        std::ofstream(root / ".secret") << "x";
        std::ofstream(outside() / "private.txt") << "secret";
        fs::create_symlink(outside() / "private.txt", root / "data/leak.json");
        fs::create_symlink(root / "index.html", root / "data/inside.html");
    }
    ~SiteDir() {
        fs::remove_all(root);
        fs::remove_all(outside());
    }
    fs::path outside() const { return root.parent_path() / (root.filename().string() + "-outside"); }
};

}  // namespace

TEST(StaticFiles, ServesFilesInsideTheRoot) {
    SiteDir site;
    EXPECT_EQ(resolve_site_path(site.root, "/"), fs::canonical(site.root / "index.html"));
    EXPECT_EQ(resolve_site_path(site.root, "/data/manifest.json"), fs::canonical(site.root / "data/manifest.json"));
    EXPECT_TRUE(resolve_site_path(site.root, "/data/inside.html"));  // a symlink that stays inside
}

TEST(StaticFiles, NeverLeavesTheRoot) {
    SiteDir site;
    for (const char* path : {"/../" , "/../etc/passwd", "/data/../../etc/passwd", "/data/../index.html", "/./index.html",
                             "//etc/passwd", "etc/passwd", "/data\\..\\..\\x", "/.secret", "/data/leak.json", "/missing.html", "/data//etc/passwd",
                             ""})
        EXPECT_FALSE(resolve_site_path(site.root, path)) << path;
    const std::string absolute = "/" + (site.outside() / "private.txt").string();
    EXPECT_FALSE(resolve_site_path(site.root, absolute));
}

TEST(StaticFiles, TypesAndCaching) {
    EXPECT_EQ(content_type_for("app.wasm"), "application/wasm");
    EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(cache_control_for("data/body-0123456789ab.json"), "public, max-age=31536000, immutable");
    EXPECT_EQ(cache_control_for("data/manifest.json"), "no-cache");
    EXPECT_EQ(cache_control_for("index.html"), "no-cache");
}

TEST(StaticFiles, ServeUrlOpensThisMachine) {
    EXPECT_EQ(serve_url("127.0.0.1", 8000), "http://127.0.0.1:8000/");
    EXPECT_EQ(serve_url("0.0.0.0", 8000), "http://127.0.0.1:8000/");  // listening everywhere: open it here
    EXPECT_EQ(serve_url("::", 80), "http://[::1]:80/");
    EXPECT_EQ(serve_url("::1", 8000), "http://[::1]:8000/");
    EXPECT_EQ(serve_url("localhost", 1), "http://localhost:1/");
}

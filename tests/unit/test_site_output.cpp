#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "site_output.h"

using namespace folio;
namespace fs = std::filesystem;

namespace {

// A scratch folder holding the site folder "site" and the app file "app.js".
struct Scratch {
    Scratch() : dir(fs::temp_directory_path() / ("folio-site-output-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                                 ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "app.js") << "app();";
    }
    ~Scratch() { fs::remove_all(dir); }
    fs::path site() const { return dir / "site"; }
    fs::path dir;
};

// Every file under root by its relative path, with its bytes.
std::map<std::string, std::string> files_under(const fs::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) out[entry.path().lexically_relative(root).generic_string()] = *read_file_bytes(entry.path());
    return out;
}

ino_t inode(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

// The first build's contents: a manifest, a page, two data files named by their content, the app.
SiteContents first_site(const Scratch& s) {
    SiteContents c;
    c.files = {{"data/manifest.json", "{\"v\":1}"}, {"index.html", "page 1"},
               {"data/body-aaaaaaaaaaaa.json.gz", "old body"}, {"data/meta-bbbbbbbbbbbb.json.gz", "meta"}};
    c.copy_files = {s.dir / "app.js"};
    return c;
}

// The next build of it: keeps the meta file, replaces the body file and the manifest and the page.
SiteContents next_site(const Scratch& s) {
    SiteContents c;
    c.files = {{"data/manifest.json", "{\"v\":2}"}, {"index.html", "page 2"}, {"data/body-cccccccccccc.json.gz", "new body"}};
    c.keep_files = {{s.site() / "data/meta-bbbbbbbbbbbb.json.gz", "data/meta-bbbbbbbbbbbb.json.gz", 4}};
    c.copy_files = {s.dir / "app.js"};
    return c;
}

}  // namespace

TEST(SiteOutput, AnIncrementalBuildUpdatesTheSiteToExactlyTheNewFiles) {
    Scratch s;
    ASSERT_TRUE(write_site(s.site(), first_site(s)));
    const auto folder_before = inode(s.site());
    ASSERT_TRUE(write_site(s.site(), next_site(s)));
    const std::map<std::string, std::string> want = {{"app.js", "app();"},
                                                     {"data/body-cccccccccccc.json.gz", "new body"},
                                                     {"data/manifest.json", "{\"v\":2}"},
                                                     {"data/meta-bbbbbbbbbbbb.json.gz", "meta"},
                                                     {"index.html", "page 2"}};
    EXPECT_EQ(files_under(s.site()), want);  // the old body file is gone
    EXPECT_EQ(inode(s.site()), folder_before);  // updated where it is, not rebuilt beside it and swapped
    for (const auto& entry : fs::directory_iterator(s.dir))  // no temporary folder left beside the site
        EXPECT_TRUE(entry.path().filename() == "site" || entry.path().filename() == "app.js") << entry.path();
}

TEST(SiteOutput, EqualPartsOfAnIncrementalBuildAreOneFile) {
    Scratch s;
    ASSERT_TRUE(write_site(s.site(), first_site(s)));
    SiteContents next = next_site(s);
    next.files.push_back({"data/body-cccccccccccc.json.gz", "new body"});  // the same posts twice (copies of an archive)
    const Status st = write_site(s.site(), next);
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_EQ(files_under(s.site()).at("data/body-cccccccccccc.json.gz"), "new body");
}

TEST(SiteOutput, AFailedIncrementalBuildLeavesTheOldSiteAsItWas) {
    Scratch s;
    ASSERT_TRUE(write_site(s.site(), first_site(s)));
    const auto before = files_under(s.site());
    SiteContents next = next_site(s);
    next.copy_files.push_back(s.dir / "missing.js");  // the app lost a file: the build fails while filling
    const Status st = write_site(s.site(), next);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("missing.js"), std::string::npos) << st.error().message;
    EXPECT_EQ(files_under(s.site()), before);
}

TEST(SiteOutput, AKeptFileRemovedByHandStopsTheUpdateBeforeItChangesAnything) {
    Scratch s;
    ASSERT_TRUE(write_site(s.site(), first_site(s)));
    fs::remove(s.site() / "data/meta-bbbbbbbbbbbb.json.gz");
    const auto before = files_under(s.site());
    const Status st = write_site(s.site(), next_site(s));
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("--full"), std::string::npos) << st.error().message;
    EXPECT_EQ(files_under(s.site()), before);
}

TEST(SiteOutput, AFullBuildReplacesTheWholeSite) {
    Scratch s;
    ASSERT_TRUE(write_site(s.site(), first_site(s)));
    std::ofstream(s.site() / "data/stray.txt") << "left by hand";
    SiteContents full;
    full.files = {{"data/manifest.json", "{\"v\":3}"}, {"index.html", "page 3"}};
    ASSERT_TRUE(write_site(s.site(), full));
    const std::map<std::string, std::string> want = {{"data/manifest.json", "{\"v\":3}"}, {"index.html", "page 3"}};
    EXPECT_EQ(files_under(s.site()), want);
}

TEST(SiteOutput, RefusesToReplaceAFolderThatIsNotASite) {
    Scratch s;
    fs::create_directories(s.site());
    std::ofstream(s.site() / "notes.txt") << "mine";
    const Status st = write_site(s.site(), first_site(s));
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("not a Folio site"), std::string::npos) << st.error().message;
    EXPECT_EQ(files_under(s.site()).size(), 1u);
}

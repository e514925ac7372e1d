#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <map>

#include "folio/ingest.h"

using namespace folio;

namespace {

const std::filesystem::path kTree = std::filesystem::path(FOLIO_FIXTURES_DIR) / "tree";

std::map<std::string, std::string> skipped_by_path(const IngestResult& r) {
    std::map<std::string, std::string> m;
    for (const auto& s : r.report.skipped) m[s.path] = s.reason;
    return m;
}

std::vector<std::string> post_paths(const IngestResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.posts) out.push_back(p.path);
    return out;
}

}  // namespace

TEST(IngestFolders, EveryFileIsBundledOrListedWithAReason) {
    std::size_t progress_calls = 0;
    auto r = ingest_folders({kTree / "site"}, {}, [&](std::size_t done, std::size_t total) {
        ++progress_calls;
        EXPECT_LE(done, total);
    });
    EXPECT_EQ(post_paths(r), (std::vector<std::string>{"_posts/2020-01-01-one.md", "_posts/2020-01-03-a.md",
                                                        "_posts/sub/2020-01-02-two.html"}));
    const auto skipped = skipped_by_path(r);
    EXPECT_EQ(skipped, (std::map<std::string, std::string>{{".trash/", "hidden"},
                                                           {"README.md", "outside-posts"},
                                                           {"_layouts/default.html", "outside-posts"},
                                                           {"_posts/.hidden.md", "hidden"},
                                                           {"_posts/notes.txt", "not-a-post"},
                                                           {"_posts/2020-01-04-b.md", "duplicate"}}));
    EXPECT_EQ(r.report.files_seen, r.posts.size() + r.report.skipped.size());
    EXPECT_EQ(progress_calls, 4u);  // one per post file read (a, b, one, two)
}

TEST(IngestFolders, KeepDuplicatesAndExtensionsAreOptions) {
    IngestOptions options;
    options.keep_duplicates = true;
    EXPECT_EQ(ingest_folders({kTree / "site"}, options).posts.size(), 4u);
    options.extensions = {".txt"};
    auto r = ingest_folders({kTree / "site/_posts"}, options);
    ASSERT_EQ(r.posts.size(), 1u);
    EXPECT_EQ(r.posts[0].path, "notes.txt");
}

TEST(IngestFolders, SeveralInputsKeepPathsDistinct) {
    auto r = ingest_folders({kTree / "site/_posts/sub", kTree / "site/_layouts"}, {});
    EXPECT_EQ(post_paths(r), (std::vector<std::string>{"sub/2020-01-02-two.html", "_layouts/default.html"}));
}

// Files are read and parsed on a thread pool; the result must not depend on how many threads.
TEST(IngestFolders, ThreadCountDoesNotChangeTheResult) {
    auto summary = [](unsigned threads) {
        IngestOptions options;
        options.threads = threads;
        const auto r = ingest_folders({std::filesystem::path(FOLIO_FIXTURES_DIR) / "ingest", kTree}, options);
        std::string out;
        for (const auto& p : r.posts)
            out += p.path + '|' + p.id + '|' + p.title + '|' + std::to_string(p.date.value_or(-1)) + '|' +
                   std::to_string(p.blocks.size()) + '|' + plain_text(p.blocks) + '\n';
        for (const auto& s : r.report.skipped) out += "skip " + s.path + '|' + s.reason + '|' + s.detail + '\n';
        for (const auto& w : r.report.warnings) out += "warn " + w.path + '|' + w.kind + '|' + w.message + '\n';
        return std::make_pair(r.posts.size(), out);
    };
    const auto serial = summary(1);
    EXPECT_GT(serial.first, 10u);
    EXPECT_EQ(summary(4), serial);
    EXPECT_EQ(summary(0), serial);
}

// A post is a copy when an earlier one (in path order) has its source URL or its title and text;
// the URL of a post dropped as a text copy still counts as taken, and each copy names the first.
TEST(IngestFolders, CopiesNameTheFirstPostWithTheirUrlOrText) {
    const auto dir = std::filesystem::temp_directory_path() / ("folio-test-copies-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto write = [&](const std::string& name, const std::string& url, const std::string& text) {
        std::ofstream(dir / name) << "---\ntitle: T\nfrom: " << url << "\n---\n" << text << "\n";
    };
    write("a.md", "https://x.org/1", "first text");
    write("b.md", "https://x.org/1", "other text");   // a's URL
    write("c.md", "https://x.org/2", "first text");   // a's title and text
    write("d.md", "https://x.org/2", "third text");   // c's URL, though c was dropped
    write("e.md", "https://x.org/3", "fourth text");  // new
    const auto r = ingest_folders({dir}, {});
    EXPECT_EQ(post_paths(r), (std::vector<std::string>{"a.md", "e.md"}));
    std::map<std::string, std::string> details;
    for (const auto& s : r.report.skipped) details[s.path] = s.reason + ": " + s.detail;
    EXPECT_EQ(details, (std::map<std::string, std::string>{{"b.md", "duplicate: same source URL as a.md"},
                                                           {"c.md", "duplicate: same title and text as a.md"},
                                                           {"d.md", "duplicate: same source URL as c.md"}}));
    std::filesystem::remove_all(dir);
}

// A build lists its inputs once, stat'ing every file, for its stamps and its ingest: that reads as a
// walk of the folders does, and a file gone between the listing and its read is reported, not lost.
TEST(IngestFolders, AListingWithStatsReadsAsTheFoldersDoAndReportsAFileGoneSince) {
    const auto listing = list_inputs({kTree / "site"}, true);
    ASSERT_EQ(listing.size(), 1u);
    for (const ListedEntry& e : listing[0].entries)
        if (!e.is_dir) {
            EXPECT_TRUE(e.stated) << e.rel;
            EXPECT_EQ(e.size, std::filesystem::file_size(kTree / "site" / e.rel)) << e.rel;
        }
    const auto listed = ingest_listed(listing, {});
    const auto walked = ingest_folders({kTree / "site"}, {});
    EXPECT_EQ(post_paths(listed), post_paths(walked));
    EXPECT_EQ(skipped_by_path(listed), skipped_by_path(walked));
    ASSERT_EQ(listed.files.size(), walked.files.size());
    for (std::size_t i = 0; i < listed.files.size(); ++i) {
        EXPECT_EQ(listed.files[i].path, walked.files[i].path);
        EXPECT_EQ(listed.files[i].hash, walked.files[i].hash);
        EXPECT_EQ(listed.files[i].mtime_ns, walked.files[i].mtime_ns);
    }

    const auto dir = std::filesystem::temp_directory_path() / ("folio-test-gone-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.md") << "---\ntitle: A\n---\nkept\n";
    std::ofstream(dir / "b.md") << "---\ntitle: B\n---\ngone\n";
    const auto before = list_inputs({dir}, true);
    std::filesystem::remove(dir / "b.md");
    const auto r = ingest_listed(before, {});
    EXPECT_EQ(post_paths(r), (std::vector<std::string>{"a.md"}));
    EXPECT_EQ(skipped_by_path(r), (std::map<std::string, std::string>{{"b.md", "unreadable"}}));
    std::filesystem::remove_all(dir);
}

// Inputs of the same name (two sites' _posts folders) keep distinct paths, from as many of their
// last path parts as set them apart; an input given twice is read once.
TEST(IngestFolders, InputsOfTheSameNameKeepDistinctPaths) {
    const auto dir = std::filesystem::temp_directory_path() / ("folio-test-same-name-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    for (const char* site : {"a", "b"}) {
        std::filesystem::create_directories(dir / site / "_posts");
        std::ofstream(dir / site / "_posts" / "2020-01-01-x.md") << "---\ntitle: " << site << "\n---\ntext of " << site << "\n";
    }
    std::filesystem::create_directories(dir / "c");
    std::ofstream(dir / "c" / "2020-01-02-y.md") << "---\ntitle: c\n---\ntext of c\n";
    const auto r = ingest_folders({dir / "a/_posts", dir / "b/_posts/", dir / "c", dir / "a/_posts"}, {});
    EXPECT_EQ(post_paths(r), (std::vector<std::string>{"a/_posts/2020-01-01-x.md", "b/_posts/2020-01-01-x.md", "c/2020-01-02-y.md"}));
    EXPECT_TRUE(r.report.skipped.empty());
    EXPECT_EQ(r.report.files_seen, 3u);
    std::filesystem::remove_all(dir);
}

#pragma once
// The folio subcommands; each returns the process exit status.
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace folio {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // nothing was written
inline constexpr int kExitUsage = 2;

struct BuildArgs {
    std::vector<std::string> inputs;
    std::string out_dir;            // site folder; empty: none
    std::string single_file;        // one self-contained HTML file; empty: none
    double single_file_limit_mb = 50;
    std::string report_path;
    std::string font;  // empty: Noto Sans CJK, a face per script
    bool no_font = false;
    std::string app_dir;
    std::vector<std::string> extensions;
    std::uint64_t max_file_bytes = 8u << 20;
    bool keep_duplicates = false;
    bool quiet = false;
    bool full = false;  // ignore the build cache: read every file again
    std::uint32_t shard_posts = 2000;  // posts per metadata/body shard; an index segment holds 1 to 10 (segment_ranges)
    std::uint32_t body_posts = 250;    // at most this many posts per body file (a part of a shard)
    std::uint32_t font_slice = 300;    // code points per font file after a face's first (twice as many frequent ones shared among the first slices)
    std::uint32_t body_kb = 12;        // about this many KB of JSON per body file (before gzip)
    std::uint32_t dictionary_posts = 1000;  // the body files' dictionary is trained on this many of the oldest dated posts
};

// The build cache's fingerprint: the generator and every option that changes what an input file
// reads as or what the stored files hold. A cache made under another fingerprint is not used.
std::string cache_fingerprint(const BuildArgs& args);

// Every BuildArgs field once, by whether cache_fingerprint must hold it. A field in neither list
// fails to compile (tests/unit/test_build_args.cpp), and the test there changes each field and
// checks that the fingerprint moves for the first list and only for it.
inline constexpr auto kFingerprintedArgs =
    std::make_tuple(&BuildArgs::font, &BuildArgs::no_font, &BuildArgs::extensions, &BuildArgs::max_file_bytes,
                    &BuildArgs::keep_duplicates, &BuildArgs::shard_posts, &BuildArgs::body_posts,
                    &BuildArgs::font_slice, &BuildArgs::body_kb, &BuildArgs::dictionary_posts);
// What each input reads as is cached by the file's path and bytes; the app's files and the single
// file are written again by every build; the rest only say where or how loudly to run.
inline constexpr auto kUnfingerprintedArgs =
    std::make_tuple(&BuildArgs::inputs, &BuildArgs::out_dir, &BuildArgs::single_file,
                    &BuildArgs::single_file_limit_mb, &BuildArgs::report_path, &BuildArgs::app_dir, &BuildArgs::quiet,
                    &BuildArgs::full);

int run_build(const BuildArgs& args);

int run_dump(const std::string& site_dir);

struct SearchArgs {
    std::string site_dir;
    std::string query;
    bool json = false;
    bool by_date = false;
    std::size_t limit = 20;
};
int run_search(const SearchArgs& args);

struct ServeArgs {
    std::string site_dir;
    std::string host = "127.0.0.1";
    int port = 8000;  // 0: any free port
    bool open = false;
};
int run_serve(const ServeArgs& args);

}  // namespace folio

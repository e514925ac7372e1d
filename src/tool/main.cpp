// folio: turns folders of Jekyll-style posts into a static site that opens in any browser.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "commands.h"
#include "folio/version.h"

int main(int argc, char** argv) {
    CLI::App app{"folio: turn folders of Jekyll-style posts into a static, searchable site"};
    app.set_version_flag("--version", std::string("folio ") + folio::kFolioVersion);
    app.require_subcommand(1);
    app.footer(
        "Exit status: 0 success (skipped files are listed, not errors); 1 the command failed and "
        "wrote nothing; 2 the command line was wrong.");

    folio::BuildArgs build;
    CLI::App* build_cmd = app.add_subcommand("build", "Read post folders and write a static site folder");
    build_cmd->add_option("inputs", build.inputs, "Folders (searched recursively) or files of posts")->required();
    build_cmd->add_option("-o,--out", build.out_dir, "Site folder to write (replaced atomically)");
    build_cmd->add_option("--single-file", build.single_file, "Also or instead write the whole site as one HTML file "
                                                              "that opens from disk (file://)");
    build_cmd->add_option("--single-file-limit", build.single_file_limit_mb, "Refuse --single-file when app.wasm and "
                                                                            "the data files exceed this many MB")->capture_default_str();
    build_cmd->add_option("--report", build.report_path, "Write a JSON report of every skipped file and warning");
    build_cmd->add_option("--font", build.font, "Draw every post with this font, FILE[:face] (TTF, OTF or TTC); "
                                                "default: Noto Sans CJK's SC, TC or JP face by each post's script");
    build_cmd->add_flag("--no-font", build.no_font, "Ship no font (the viewer falls back to its built-in Latin font)");
    build_cmd->add_option("--app-dir", build.app_dir, "Folder with the built web app (index.html, app.js, app.wasm)");
    build_cmd->add_option("--ext", build.extensions, "Post file extensions (default: .md .markdown .html .htm)")->delimiter(',');
    build_cmd->add_option("--max-file-size", build.max_file_bytes, "Skip files larger than this many bytes")->capture_default_str();
    build_cmd->add_flag("--keep-duplicates", build.keep_duplicates, "Keep posts with the same source URL or text");
    build_cmd->add_flag("-q,--quiet", build.quiet, "Print only errors");
    build_cmd->add_option("--shard-posts", build.shard_posts, "About this many posts per metadata file and run of body files (an index segment holds 1 to 10 such runs)")
        ->check(CLI::Range(1u, 1u << 20));
    build_cmd->add_option("--body-posts", build.body_posts, "At most this many posts per body file")
        ->check(CLI::Range(1u, 1u << 20))->capture_default_str();
    build_cmd->add_option("--body-kb", build.body_kb, "About this many KB of post text and markup (before compression) per body file; a longer post has one of its own")
        ->check(CLI::Range(1u, 1u << 20))->capture_default_str();
    build_cmd->add_option("--dictionary-posts", build.dictionary_posts, "Train the body files' compression dictionary on this many of the oldest dated posts (0: no dictionary)")
        ->check(CLI::Range(0u, 1u << 20))->capture_default_str();
    build_cmd->add_option("--font-slice", build.font_slice, "Code points per font file after a face's first; the first holds the UI's and the newest posts' characters and twice this many of the most frequent, the rest are fetched when shown")
        ->check(CLI::Range(1u, 1u << 20))->capture_default_str();
    build_cmd->add_flag("--full", build.full, "Read every file again, ignoring the build cache (<site>.folio-cache)");
    build_cmd->footer("Exit status: 0 site written; 1 failed, nothing written; 2 usage error.");

    std::string dump_dir;
    CLI::App* dump_cmd = app.add_subcommand("dump", "Print every post of a site as JSON Lines");
    dump_cmd->add_option("site", dump_dir, "Site folder written by folio build")->required();
    dump_cmd->footer("Exit status: 0 success; 1 the site could not be read; 2 usage error.");

    folio::SearchArgs search;
    CLI::App* search_cmd = app.add_subcommand("search", "Search a site with the viewer's engine");
    search_cmd->add_option("site", search.site_dir, "Site folder written by folio build")->required();
    search_cmd->add_option("query", search.query, "Query: words, CJK text, \"phrases\", -exclusions, tag:, category:, "
                                                 "author:, source:, after:YYYY-MM-DD, before:YYYY-MM-DD")->required();
    search_cmd->add_flag("--json", search.json, "Print one JSON object: {total, hits: [{id, title, date, score, snippet}]}");
    search_cmd->add_flag("--by-date", search.by_date, "Newest first instead of best match first");
    search_cmd->add_option("--limit", search.limit, "Print at most this many hits")->capture_default_str();
    search_cmd->footer("Exit status: 0 success (also when nothing matches); 1 the site could not be read; 2 usage error.");

    folio::ServeArgs serve;
    CLI::App* serve_cmd = app.add_subcommand("serve", "Serve a site folder over HTTP, to read it in a browser on this machine");
    serve_cmd->add_option("site", serve.site_dir, "Site folder written by folio build")->required();
    serve_cmd->add_option("--port", serve.port, "Port (0 picks a free one)")->capture_default_str();
    serve_cmd->add_option("--host", serve.host, "Address to listen on (0.0.0.0: other machines on your network too)")->capture_default_str();
    serve_cmd->add_flag("--open", serve.open, "Open the site in the default browser");
    serve_cmd->footer(
        "What it does: answers GET and HEAD with the files inside the site folder and nothing else (no\n"
        "listings, no dot files, no way out of the folder); sends every file with an ETag and Last-Modified\n"
        "and answers a browser's revalidation with 304; sends text and app.wasm compressed (br or gzip,\n"
        "compressed once per file and kept in memory); keeps up to 1,024 connections, closing one idle for\n"
        "15 s (the oldest idle first when full) and any request not fully arrived 5 s after its first byte.\n"
        "What it does not do: it is a local server for reading, not a public web server: no HTTPS, no\n"
        "access control, no logs, no limits per client. Keep the default --host 127.0.0.1; to publish a\n"
        "site, copy the folder to a static host or a real web server.\n"
        "Exit status: 0 stopped; 1 could not serve; 2 usage error.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? folio::kExitOk : folio::kExitUsage;
    }
    if (build_cmd->parsed()) {
        if (build.out_dir.empty() && build.single_file.empty()) {
            std::fprintf(stderr, "folio build: give -o SITE-DIR, --single-file FILE.html, or both\n");
            return folio::kExitUsage;
        }
        return folio::run_build(build);
    }
    if (dump_cmd->parsed()) return folio::run_dump(dump_dir);
    if (search_cmd->parsed()) return folio::run_search(search);
    if (serve_cmd->parsed()) return folio::run_serve(serve);
    return folio::kExitUsage;
}

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "folio/hash.h"
#include "folio/ingest.h"
#include "folio/search.h"
#include "folio/utf8.h"
#include "folio/version.h"
#include "fold_table.h"
#include "phase_timer.h"
#include "site_fonts.h"
#include "site_offline.h"
#include "site_output.h"

namespace folio {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Where the built web app (index.html, app.js, app.wasm) is found, first match wins.
Result<fs::path> find_app_dir(const std::string& flag) {
    std::vector<fs::path> candidates;
    if (!flag.empty()) candidates.emplace_back(flag);
    if (const char* env = std::getenv("FOLIO_APP_DIR")) candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/folio/app");
    candidates.emplace_back(FOLIO_DEFAULT_APP_DIR);
    for (const auto& dir : candidates)
        if (fs::exists(dir / "index.html", ec) && fs::exists(dir / "app.wasm", ec)) return dir;
    return Error{"the web app (index.html, app.js, app.wasm) was not found; build it with "
                 "`cmake --preset web && cmake --build --preset web`, or pass --app-dir DIR"};
}

std::string hex_codepoint(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

class ProgressLine {
public:
    explicit ProgressLine(bool quiet) : quiet_(quiet), tty_(::isatty(2)) {}
    void operator()(std::size_t done, std::size_t total) {
        if (quiet_ || total == 0) return;
        if (tty_) {
            const int width = 30;
            const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
            std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled, "##############################",
                         width - filled, "", done, total);
            if (done == total) std::fputc('\n', stderr);
        } else if (done == total || done * 10 / total != (done - 1) * 10 / total) {
            std::fprintf(stderr, "read %zu/%zu files\n", done, total);
        }
    }

private:
    bool quiet_, tty_;
};

std::string count_by(const std::map<std::string, std::size_t>& counts) {
    std::string out;
    for (const auto& [key, n] : counts) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + key;
    return out;
}

std::string hashed_data_name(const char* prefix, const std::string& bytes, const char* ext) {
    return std::string("data/") + prefix + "-" + hex64(fnv1a64(bytes)).substr(0, 12) + ext;
}

std::set<char32_t> archive_codepoints(const std::vector<Post>& posts) {
    std::vector<bool> seen(0x110000);  // a bit per code point: no set lookups per character
    auto mark = [&](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) seen[utf8_next(s, i)] = true;
    };
    for (const auto& p : posts) {
        mark(p.title);
        for (const auto& b : p.blocks) mark(b.text);
    }
    std::set<char32_t> used;
    for (char32_t cp = 0; cp < seen.size(); ++cp)
        if (seen[cp]) used.insert(used.end(), cp);
    return used;
}

// The search index: fold table, docs buffer and shards of about 4 MB of source text each.
void add_search_index(const std::vector<Post>& posts, const FoldTable& table, BundleOptions& bundle, SiteContents& site) {
    std::vector<SearchDoc> docs;
    docs.reserve(posts.size());
    std::size_t text_bytes = 0;
    for (const auto& p : posts) {
        SearchDoc d{p.title, plain_text(p.blocks), p.date.value_or(0), p.date.has_value()};
        text_bytes += d.title.size() + d.text.size();
        docs.push_back(std::move(d));
    }
    const auto shard_count = static_cast<std::uint32_t>(std::max<std::size_t>(1, text_bytes / (4u << 20)));
    SearchIndexFiles index = build_search_index(docs, table, shard_count);
    auto add = [&](const char* prefix, std::string bytes) {
        FileRef ref{hashed_data_name(prefix, bytes, ".bin"), bytes.size()};
        site.files.push_back({ref.file, std::move(bytes)});
        return ref;
    };
    bundle.search.fold = add("fold", encode_fold_table(table));
    bundle.search.docs = add("search-docs", std::move(index.docs));
    for (auto& shard : index.shards) bundle.search.shards.push_back(add("search", std::move(shard)));
}

// Replaces the app's sw.js template with the service worker for this build: its precache list names
// every file of the site with a hash of its bytes. A site without sw.js in the app simply has none.
Status add_service_worker(SiteContents& site) {
    const auto sw = std::find_if(site.copy_files.begin(), site.copy_files.end(),
                                 [](const fs::path& p) { return p.filename() == "sw.js"; });
    if (sw == site.copy_files.end()) return Ok{};
    auto template_js = read_file_bytes(*sw);
    if (!template_js) return template_js.error();
    site.copy_files.erase(sw);
    std::vector<BundleFile> files;
    for (const auto& src : site.copy_files) {
        auto bytes = read_file_bytes(src);
        if (!bytes) return bytes.error();
        files.push_back({src.filename().string(), std::move(*bytes)});
    }
    for (const auto& f : site.files) files.push_back({f.path, f.bytes});
    std::sort(files.begin(), files.end(), [](const BundleFile& a, const BundleFile& b) { return a.path < b.path; });
    auto js = make_service_worker(*template_js, files);
    if (!js) return js.error();
    site.files.push_back({"sw.js", std::move(*js)});
    return Ok{};
}

// The whole site as one HTML page: app.wasm and every data file inlined, within the size limit.
Result<std::string> single_file_page(const fs::path& app_dir, const SiteContents& site, double limit_mb) {
    AppPage page;
    for (auto [name, out] : {std::pair{"index.html", &page.index_html}, {"folio.css", &page.css},
                             {"folio-shell.js", &page.shell_js}, {"app.js", &page.app_js}}) {
        auto bytes = read_file_bytes(app_dir / name);
        if (!bytes) return bytes.error();
        *out = std::move(*bytes);
    }
    auto wasm = read_file_bytes(app_dir / "app.wasm");
    if (!wasm) return wasm.error();
    std::vector<BundleFile> files{{"app.wasm", std::move(*wasm)}};
    for (const auto& f : site.files)
        if (f.path != "sw.js") files.push_back(f);
    std::uint64_t total = 0;
    for (const auto& f : files) total += f.bytes.size();
    const double mb = static_cast<double>(total) / (1 << 20);
    if (mb > limit_mb) {
        char message[400];
        std::snprintf(message, sizeof message,
                      "--single-file: app.wasm and the data files come to %.1f MB, over the %.0f MB limit (a browser "
                      "holds the whole page in memory); build a site folder with -o instead and read it with "
                      "folio serve, or raise --single-file-limit", mb, limit_mb);
        return Error{message};
    }
    return make_single_file(page, files);
}

}  // namespace

int run_build(const BuildArgs& args) {
    PhaseTimer timer;
    IngestOptions options;
    if (!args.extensions.empty()) {
        options.extensions.clear();
        for (auto e : args.extensions) options.extensions.push_back(e.empty() || e[0] == '.' ? e : "." + e);
    }
    options.max_file_bytes = args.max_file_bytes;
    options.keep_duplicates = args.keep_duplicates;

    for (const auto& input : args.inputs) {
        std::error_code ec;
        if (!fs::exists(input, ec)) {
            std::fprintf(stderr, "folio: input %s does not exist\n", input.c_str());
            return kExitFailed;
        }
    }
    SiteContents site;
    std::optional<fs::path> app_dir;
    if (auto found = find_app_dir(args.app_dir); found) app_dir = *found;
    else {
        std::fprintf(stderr, "folio: %s\n", found.error().message.c_str());
        return kExitFailed;
    }
    for (const auto& entry : fs::directory_iterator(*app_dir))
        if (entry.is_regular_file()) site.copy_files.push_back(entry.path());

    std::vector<fs::path> inputs(args.inputs.begin(), args.inputs.end());
    ProgressLine progress(args.quiet);
    IngestResult ingest = ingest_folders(inputs, options, std::ref(progress));
    timer.mark("ingest");

    BundleOptions bundle;
    bundle.generator = std::string("folio ") + kFolioVersion;
    sort_newest_first(ingest.posts);  // the index numbers posts in bundle order
    timer.mark("sort");
    auto table = build_fold_table(archive_codepoints(ingest.posts));
    timer.mark("fold");
    if (!table) {
        std::fprintf(stderr, "folio: %s\n", table.error().message.c_str());
        return kExitFailed;
    }
    std::map<char32_t, std::string> font_missing;  // code point -> a post that uses it
    if (!args.no_font) {
        auto fonts = make_site_fonts(ingest.posts, *table, args.font);
        if (!fonts) {
            std::fprintf(stderr, "folio: %s\n", fonts.error().message.c_str());
            return kExitFailed;
        }
        bundle.fonts = std::move(fonts->faces);
        bundle.fallback = std::move(fonts->fallback);
        font_missing = std::move(fonts->missing);
        for (auto& f : fonts->files) site.files.push_back(std::move(f));
    }
    timer.mark("fonts");
    add_search_index(ingest.posts, *table, bundle, site);
    timer.mark("index");
    const std::size_t post_count = ingest.posts.size();
    for (auto& f : write_bundle(std::move(ingest.posts), bundle)) site.files.push_back(std::move(f));
    timer.mark("bundle");

    if (auto st = add_service_worker(site); !st) {
        std::fprintf(stderr, "folio: %s; nothing was written\n", st.error().message.c_str());
        return kExitFailed;
    }
    std::string single_file;
    if (!args.single_file.empty()) {
        auto page = single_file_page(*app_dir, site, args.single_file_limit_mb);
        if (!page) {
            std::fprintf(stderr, "folio: %s; nothing was written\n", page.error().message.c_str());
            return kExitFailed;
        }
        single_file = std::move(*page);
    }
    if (!args.out_dir.empty()) {
        if (auto st = write_site(args.out_dir, site); !st) {
            std::fprintf(stderr, "folio: %s; nothing was written\n", st.error().message.c_str());
            return kExitFailed;
        }
    }
    if (!args.single_file.empty()) {
        if (auto st = write_file_atomic(args.single_file, single_file); !st) {
            std::fprintf(stderr, "folio: %s\n", st.error().message.c_str());
            return kExitFailed;
        }
    }
    timer.mark("write");

    std::map<std::string, std::size_t> skipped_by, warnings_by;
    for (const auto& s : ingest.report.skipped) ++skipped_by[s.reason];
    for (const auto& w : ingest.report.warnings) ++warnings_by[w.kind];
    if (!args.report_path.empty()) {
        json report = {{"generator", bundle.generator}, {"files_seen", ingest.report.files_seen},
                       {"posts", post_count}, {"skipped", json::array()}, {"warnings", json::array()}};
        for (const auto& s : ingest.report.skipped)
            report["skipped"].push_back({{"path", s.path}, {"reason", s.reason}, {"detail", s.detail}});
        for (const auto& w : ingest.report.warnings)
            report["warnings"].push_back({{"path", w.path}, {"kind", w.kind}, {"message", w.message}});
        json missing = json::array();
        for (const auto& [cp, example] : font_missing)
            missing.push_back({{"codepoint", hex_codepoint(cp)}, {"example", example}});
        report["font_missing"] = missing;
        std::FILE* f = std::fopen(args.report_path.c_str(), "wb");
        const std::string text = report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
        if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
            std::fprintf(stderr, "folio: cannot write report %s\n", args.report_path.c_str());
            if (f) std::fclose(f);
            return kExitFailed;
        }
        std::fclose(f);
    }
    if (!args.quiet) {
        std::fprintf(stderr, "folio: %zu files seen, %zu posts bundled, %zu skipped%s%s%s, %zu warnings%s%s%s\n",
                     ingest.report.files_seen, post_count, ingest.report.skipped.size(),
                     skipped_by.empty() ? "" : " (", count_by(skipped_by).c_str(), skipped_by.empty() ? "" : ")",
                     ingest.report.warnings.size(), warnings_by.empty() ? "" : " (",
                     count_by(warnings_by).c_str(), warnings_by.empty() ? "" : ")");
        if (!font_missing.empty()) {
            std::fprintf(stderr, "folio: %zu characters used by the archive are in none of the fonts (shown as a replacement mark):",
                         font_missing.size());
            std::size_t shown = 0;
            for (const auto& [cp, example] : font_missing)
                if (shown++ < 5) std::fprintf(stderr, " %s (%s)", hex_codepoint(cp).c_str(), example.c_str());
            std::fprintf(stderr, "%s; --report lists them all\n", font_missing.size() > 5 ? " ..." : "");
        }
        if (!args.out_dir.empty()) std::fprintf(stderr, "folio: site written to %s\n", args.out_dir.c_str());
        if (!args.single_file.empty())
            std::fprintf(stderr, "folio: single file written to %s (%.1f MB)\n", args.single_file.c_str(),
                         static_cast<double>(single_file.size()) / (1 << 20));
    }
    return kExitOk;
}

}  // namespace folio

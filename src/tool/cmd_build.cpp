#include <unistd.h>

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
#include "font_subset.h"
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

void add_codepoints(std::set<char32_t>& set, std::string_view s) {
    for (std::size_t i = 0; i < s.size();) set.insert(utf8_next(s, i));
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

// The search index: fold table, docs buffer and shards of about 4 MB of source text each.
Status add_search_index(const std::vector<Post>& posts, BundleOptions& bundle, SiteContents& site) {
    std::set<char32_t> used;
    std::vector<SearchDoc> docs;
    docs.reserve(posts.size());
    std::size_t text_bytes = 0;
    for (const auto& p : posts) {
        SearchDoc d{p.title, plain_text(p.blocks), p.date.value_or(0), p.date.has_value()};
        add_codepoints(used, d.title);
        add_codepoints(used, d.text);
        text_bytes += d.title.size() + d.text.size();
        docs.push_back(std::move(d));
    }
    auto table = build_fold_table(used);
    if (!table) return table.error();
    const auto shard_count = static_cast<std::uint32_t>(std::max<std::size_t>(1, text_bytes / (4u << 20)));
    SearchIndexFiles index = build_search_index(docs, *table, shard_count);
    auto add = [&](const char* prefix, std::string bytes) {
        FileRef ref{hashed_data_name(prefix, bytes, ".bin"), bytes.size()};
        site.files.push_back({ref.file, std::move(bytes)});
        return ref;
    };
    bundle.search.fold = add("fold", encode_fold_table(*table));
    bundle.search.docs = add("search-docs", std::move(index.docs));
    for (auto& shard : index.shards) bundle.search.shards.push_back(add("search", std::move(shard)));
    return Ok{};
}

}  // namespace

int run_build(const BuildArgs& args) {
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

    BundleOptions bundle;
    bundle.generator = std::string("folio ") + kFolioVersion;
    std::vector<char32_t> font_missing;
    std::map<char32_t, std::string> missing_where;
    if (!args.no_font) {
        std::set<char32_t> wanted = base_codepoints();
        for (const auto& p : ingest.posts) {
            add_codepoints(wanted, p.title);
            add_codepoints(wanted, p.author);
            add_codepoints(wanted, site_of_url(p.source_url));
            for (const auto& t : p.tags) add_codepoints(wanted, t);
            for (const auto& t : p.categories) add_codepoints(wanted, t);
            for (const auto& b : p.blocks) add_codepoints(wanted, b.text);
        }
        wanted.erase('\n');
        wanted.erase('\t');
        std::string font_path = args.font;
        unsigned face = 0;
        if (auto colon = font_path.rfind(':'); colon != std::string::npos && colon + 1 < font_path.size() &&
                                               font_path.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
            face = static_cast<unsigned>(std::stoul(font_path.substr(colon + 1)));
            font_path.erase(colon);
        }
        auto font = subset_font(font_path, face, wanted);
        if (!font) {
            std::fprintf(stderr, "folio: %s (pass --font FILE[:face] or --no-font)\n", font.error().message.c_str());
            return kExitFailed;
        }
        const std::string name = hashed_data_name("font", font->bytes, ".otf");
        bundle.font = {name, font->bytes.size(), font->covered};
        font_missing = font->missing;
        for (const auto& p : ingest.posts) {  // one example post per missing code point
            std::set<char32_t> used;
            add_codepoints(used, p.title);
            for (const auto& b : p.blocks) add_codepoints(used, b.text);
            for (char32_t cp : font_missing)
                if (used.count(cp)) missing_where.try_emplace(cp, p.path);
        }
        site.files.push_back({name, std::move(font->bytes)});
    }
    sort_newest_first(ingest.posts);  // the index numbers posts in bundle order
    if (auto st = add_search_index(ingest.posts, bundle, site); !st) {
        std::fprintf(stderr, "folio: %s\n", st.error().message.c_str());
        return kExitFailed;
    }
    const std::size_t post_count = ingest.posts.size();
    for (auto& f : write_bundle(std::move(ingest.posts), bundle)) site.files.push_back(std::move(f));

    if (auto st = write_site(args.out_dir, site); !st) {
        std::fprintf(stderr, "folio: %s; nothing was written\n", st.error().message.c_str());
        return kExitFailed;
    }

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
        for (char32_t cp : font_missing) {
            auto it = missing_where.find(cp);
            missing.push_back({{"codepoint", hex_codepoint(cp)}, {"example", it == missing_where.end() ? "" : it->second}});
        }
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
        std::size_t shown_missing = 0;
        for (char32_t cp : font_missing) {
            if (!missing_where.count(cp)) continue;  // only code points the archive really uses
            if (shown_missing++ == 0) std::fprintf(stderr, "folio: the font lacks characters used by the archive:");
            if (shown_missing <= 10) std::fprintf(stderr, " %s (%s)", hex_codepoint(cp).c_str(), missing_where[cp].c_str());
        }
        if (shown_missing) std::fprintf(stderr, "%s; %zu in all\n", shown_missing > 10 ? " ..." : "", shown_missing);
        std::fprintf(stderr, "folio: site written to %s\n", args.out_dir.c_str());
    }
    return kExitOk;
}

}  // namespace folio

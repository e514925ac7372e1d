#include <unistd.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <atomic>
#include <thread>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "folio/glyph_plan.h"
#include "folio/hash.h"
#include "folio/ingest.h"
#include "folio/related.h"
#include "folio/search.h"
#include "folio/utf8.h"
#include "folio/version.h"
#include "fold_table.h"
#include "build_cache.h"
#include "build_stamps.h"
#include "gzip.h"
#include "parallel.h"
#include "phase_timer.h"
#include "post_store.h"
#include "site_fonts.h"
#include "site_offline.h"
#include "site_output.h"

namespace folio {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The body files' dictionary is trained on --dictionary-posts of the oldest dated posts (their first
// kDictionarySampleBytes each: one long post does not stand for all), when there are that many or at
// least kDictionaryMinPosts.
constexpr std::uint32_t kDictionaryMinPosts = 128;
constexpr std::size_t kDictionarySampleBytes = 16 * 1024;

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

// Data files are stored gzip-compressed; the page decodes them with DecompressionStream. A file
// the previous site already holds under the same name (names hash the raw bytes) is taken from it.
std::optional<std::string> stored_before(const fs::path& old_site, const std::string& path) {
    std::error_code ec;
    if (old_site.empty() || !fs::exists(old_site / path, ec)) return std::nullopt;
    if (auto bytes = read_file_bytes(old_site / path)) return std::move(*bytes);
    return std::nullopt;
}

FileEncoding gzip_encoding(const fs::path& old_site = {}) {
    return {".gz", [old_site](const std::string& path, const std::string& raw) {
                if (auto bytes = stored_before(old_site, path)) return std::move(*bytes);
                return gzip_compress(raw);
            }};
}

// Body files written with the site's preset dictionary ("*.gzd"). Their names hash the dictionary
// too, so a name the previous site holds is still the same bytes.
FileEncoding dictionary_encoding(const std::string& dictionary, const fs::path& old_site) {
    return {".gzd",
            [dictionary, old_site](const std::string& path, const std::string& raw) {
                if (auto bytes = stored_before(old_site, path)) return std::move(*bytes);
                return gzip_compress_with_dictionary(raw, dictionary);
            },
            fnv1a64(dictionary)};
}

// Names what a run of posts holds for incremental builds: their paths and file hashes in order (the
// fnv1a64 of "path\0hex(hash)" over the run, chained post by post rather than over one string).
std::uint64_t posts_key(const std::vector<Post>& posts, const std::vector<std::uint64_t>& file_hashes, std::uint32_t first,
                        std::uint32_t count) {
    std::uint64_t key = fnv1a64({});
    for (std::uint32_t i = first; i < first + count; ++i) {
        const auto hex = hex64_digits(file_hashes[i]);
        key = fnv1a64({hex.data(), hex.size()}, fnv1a64(std::string_view("", 1), fnv1a64(posts[i].path, key)));
    }
    return key;
}

// What the previous build left: its manifest and cache, when they belong together.
struct Previous {
    fs::path site;
    Manifest manifest;
    BuildCache cache;
};

std::optional<Previous> read_previous(const fs::path& out_dir, const std::string& fingerprint) {
    std::error_code ec;
    const fs::path site = fs::absolute(out_dir).lexically_normal();
    auto manifest_bytes = read_file_bytes(site / kManifestPath);
    if (!manifest_bytes) return std::nullopt;
    auto manifest = read_manifest([&](const std::string& rel) { return read_site_file(site, rel); });
    auto cache = read_build_cache(build_cache_path(out_dir));
    if (!manifest || !cache || cache->fingerprint != fingerprint || cache->manifest_hash != fnv1a64(*manifest_bytes) ||
        cache->body_keys.size() != manifest->meta.size() || cache->body_packs.size() != manifest->meta.size() ||
        cache->segment_keys.size() != manifest->search.segments.size())
        return std::nullopt;
    return Previous{site, std::move(*manifest), std::move(*cache)};
}

// Stores a font's slices compressed and points its references at the stored files; renamed maps
// each raw file name to the stored one.
void store_font(FontRef& ref, std::vector<BundleFile>& files, SiteContents& site,
                std::map<std::string, std::string>& renamed, const FileEncoding& encoding) {
    ref.slices = font_slices(ref);
    for (FontSlice& slice : ref.slices)
        for (auto& f : files) {
            if (f.path != slice.file) continue;
            const auto dot = slice.file.rfind('.');
            const std::string stem = slice.file.substr(5, slice.file.rfind('-') - 5);  // "data/" + prefix
            BundleFile stored = make_data_file(stem, f.bytes, slice.file.substr(dot), encoding);
            renamed[slice.file] = stored.path;
            slice.file = stored.path;
            slice.bytes = stored.bytes.size();
            site.files.push_back(std::move(stored));
            break;
        }
    ref.file = ref.slices.front().file;
    ref.bytes = ref.slices.front().bytes;
}

// The posts that use at least one character no font has, sorted.
std::vector<std::string> missing_posts(const std::map<char32_t, std::vector<std::string>>& missing) {
    std::set<std::string> paths;
    for (const auto& [cp, users] : missing) paths.insert(users.begin(), users.end());
    return {paths.begin(), paths.end()};
}

// Which index segments (segment_ranges: runs of whole chunks) the previous site holds for the same
// posts: their keys (posts_key) and, per segment, the previous one or null. A segment that is a
// previous one with newer posts before it (the newest segment after a day's posts, or the open run's
// older part when a new fine chunk joins it) extends it.
struct SegmentPlan {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
    std::vector<std::uint64_t> keys;
    std::vector<const SearchSegment*> kept;
    std::vector<const SearchSegment*> extends;  // per segment: the previous one its older posts are
};

SegmentPlan plan_segments(const std::vector<Post>& posts, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                          std::uint32_t per, const std::vector<std::uint64_t>& file_hashes, const Previous* prev) {
    SegmentPlan plan{segment_ranges(posts, chunks, per), {}, {}, {}};
    if (plan.ranges.empty()) plan.ranges.emplace_back(0, 0);  // an empty archive still has a (empty) index
    plan.kept.assign(plan.ranges.size(), nullptr);
    plan.extends.assign(plan.ranges.size(), nullptr);
    std::vector<bool> used;  // per previous segment: kept by one of this build's
    if (prev) used.assign(prev->cache.segment_keys.size(), false);
    for (std::size_t s = 0; s < plan.ranges.size(); ++s) {
        plan.keys.push_back(posts_key(posts, file_hashes, plan.ranges[s].first, plan.ranges[s].second));
        for (std::size_t k = 0; prev && k < prev->cache.segment_keys.size(); ++k)
            if (prev->cache.segment_keys[k] == plan.keys.back() && prev->manifest.search.segments[k].count == plan.ranges[s].second) {
                plan.kept[s] = &prev->manifest.search.segments[k];
                used[k] = true;
            }
    }
    // Only a previous segment no segment kept can be extended (its posts' keys are hashed once).
    for (std::size_t s = 0; prev && s < plan.ranges.size(); ++s) {
        const auto [first, count] = plan.ranges[s];
        for (std::size_t k = 0; !plan.kept[s] && !plan.extends[s] && k < used.size(); ++k) {
            const SearchSegment& old = prev->manifest.search.segments[k];
            if (!used[k] && old.count > 0 && old.count < count &&
                prev->cache.segment_keys[k] == posts_key(posts, file_hashes, first + count - old.count, old.count)) {
                plan.extends[s] = &old;
                used[k] = true;
            }
        }
    }
    return plan;
}

// A previous segment's files as build_search_index made them, read back from its site.
Result<SearchIndexFiles> read_segment(const fs::path& site, const SearchSegment& segment) {
    SearchIndexFiles files;
    auto docs = read_site_file(site, segment.docs.file);
    if (!docs) return docs.error();
    files.docs = std::move(*docs);
    for (const FileRef& shard : segment.shards) {
        auto bytes = read_site_file(site, shard.file);
        if (!bytes) return bytes.error();
        files.shards.push_back(std::move(*bytes));
    }
    return files;
}

// Posts [first, first + count) as the search index reads them.
Result<std::vector<SearchDoc>> search_docs(const LoadPosts& load, std::uint32_t first, std::uint32_t count) {
    auto posts = load(first, count);
    if (!posts) return posts.error();
    std::vector<SearchDoc> docs;
    docs.reserve(count);
    for (const Post& p : *posts) docs.push_back({p.title, plain_text(p.blocks), p.date.value_or(0), p.date.has_value()});
    return docs;
}

// A segment's files: the previous segment it extends (SegmentPlan::extends) with its newer posts
// (for a segment of 3,500 real posts, 1.2 s instead of 2.4 s rebuilding it from their text), else built
// from all its posts, as when the previous files are damaged or the new posts are not all newer.
Result<SearchIndexFiles> make_segment(const LoadPosts& load, const FoldTable& table, std::pair<std::uint32_t, std::uint32_t> range,
                                      const SearchSegment* extends, const Previous* prev, std::string& not_extended) {
    const auto [first, count] = range;
    std::optional<SearchIndexFiles> older;
    if (extends) {
        if (auto read = read_segment(prev->site, *extends)) older = std::move(*read);
        else not_extended = read.error().message;
    }
    if (older) {
        auto newer = search_docs(load, first, count - extends->count);
        if (!newer) return newer.error();
        auto files = extend_search_index(*newer, table, *older);
        if (files) return files;
        not_extended = files.error().message;
    }
    // A thousand posts' text at a time: two segments are built at once, each up to 10 chunks.
    std::uint32_t done = 0;
    const NextSearchDocs next = [&]() -> Result<std::vector<SearchDoc>> {
        const std::uint32_t batch = std::min<std::uint32_t>(1000, count - done);
        if (batch == 0) return std::vector<SearchDoc>{};
        done += batch;
        return search_docs(load, first + done - batch, batch);
    };
    return build_search_index_in_batches(next, table);
}

// The search index: the fold table and the segments, built in parallel; segments the previous
// site holds for the same posts are kept.
Status add_search_index(const LoadPosts& load, const FoldTable& table, BundleOptions& bundle, SiteContents& site,
                        const SegmentPlan& plan, const Previous* prev, std::size_t& extended_count,
                        std::vector<std::string>& notes) {
    const auto& ranges = plan.ranges;
    const auto& kept = plan.kept;
    // Each segment is built and its files encoded on one of the tool's threads.
    std::vector<std::optional<SearchSegment>> segments(ranges.size());
    std::vector<MadeFiles> seg_files(ranges.size());
    auto add = [&](MadeFiles& files, const char* prefix, const std::string& bytes) {
        BundleFile f = make_data_file(prefix, bytes, ".bin", bundle.encoding);
        const FileRef ref{f.path, f.bytes.size()};
        write_file_staged(site.staged, std::move(f), files);
        return ref;
    };
    std::vector<Status> loaded(ranges.size(), Ok{});
    std::vector<std::string> not_extended(ranges.size());  // why a segment planned to be extended was rebuilt
    parallel_for(ranges.size(), [&](std::size_t s) {
        if (kept[s]) return;
        auto built = make_segment(load, table, ranges[s], plan.extends[s], prev, not_extended[s]);
        if (!built) {
            loaded[s] = built.error();
            return;
        }
        SearchSegment seg{ranges[s].first, ranges[s].second, add(seg_files[s], "search-docs", built->docs), {}};
        for (const auto& shard : built->shards) seg.shards.push_back(add(seg_files[s], "search", shard));
        segments[s] = std::move(seg);
    });
    extended_count = 0;
    for (std::size_t s = 0; s < ranges.size(); ++s) {
        if (!kept[s] && plan.extends[s] && not_extended[s].empty()) ++extended_count;
        if (!not_extended[s].empty())
            notes.push_back("index segment " + std::to_string(s) + " was rebuilt from its posts, not extended: " + not_extended[s]);
    }
    MadeFiles fold_file;
    bundle.search.fold = add(fold_file, "fold", encode_fold_table(table));
    if (auto st = add_made_files(site, fold_file); !st) return st;
    for (std::size_t s = 0; s < ranges.size(); ++s) {
        if (kept[s]) {
            SearchSegment seg = *kept[s];
            seg.first = ranges[s].first;
            site.keep_files.push_back({prev->site / seg.docs.file, seg.docs.file, seg.docs.bytes});
            for (const auto& shard : seg.shards) site.keep_files.push_back({prev->site / shard.file, shard.file, shard.bytes});
            bundle.search.segments.push_back(std::move(seg));
            continue;
        }
        if (!loaded[s]) return loaded[s];
        if (auto st = add_made_files(site, seg_files[s]); !st) return st;
        bundle.search.segments.push_back(std::move(*segments[s]));
    }
    return Ok{};
}

// What the offline control downloads and shows (page_with_offline).
struct OfflineSummary {
    std::string list;
    std::uint64_t files = 0, site_bytes = 0;
};

// The list of every data file named by its content (data/offline-*, see make_offline_list), sorted by
// path, and the whole site's size. Before add_index_page, which names it.
Result<OfflineSummary> add_offline_list(SiteContents& site) {
    std::vector<OfflineFile> listed;
    std::uint64_t other = 0;
    for (const auto& f : site.files) {
        if (named_revision(f.path).empty()) other += f.bytes.size();
        else listed.push_back({f.path, f.bytes.size()});
    }
    for (const auto& kept : site.keep_files) {  // by the sizes the previous build recorded: a stat each cost 0.75 s at 300k
        if (named_revision(kept.rel).empty()) other += kept.bytes;
        else listed.push_back({kept.rel, kept.bytes});
    }
    for (const auto& src : site.copy_files) {
        std::error_code ec;
        other += fs::file_size(src, ec);
    }
    for (const auto& [path, size] : site.written) listed.push_back({path, size});  // all named by their content
    std::sort(listed.begin(), listed.end(), [](const OfflineFile& a, const OfflineFile& b) { return a.path < b.path; });
    BundleFile list = make_offline_list(listed, gzip_encoding());
    OfflineSummary out{list.path, listed.size() + 1, other + list.bytes.size()};
    for (const auto& f : listed) out.site_bytes += f.bytes;
    site.files.push_back(std::move(list));
    return out;
}

// Replaces the app's index.html with the site's: the same page listing the files it should request at
// once (page_with_preload), taken from this build's manifest, and what an offline copy holds. Before
// add_service_worker, which lists it.
Status add_index_page(SiteContents& site, const OfflineSummary& offline, const BodyPack& newest_body) {
    const auto index = std::find_if(site.copy_files.begin(), site.copy_files.end(),
                                    [](const fs::path& p) { return p.filename() == "index.html"; });
    const auto manifest = std::find_if(site.files.begin(), site.files.end(),
                                       [](const BundleFile& f) { return f.path == kManifestPath; });
    if (index == site.copy_files.end() || manifest == site.files.end()) return Ok{};
    auto html = read_file_bytes(*index);
    if (!html) return html.error();
    auto parsed = parse_manifest(manifest->bytes);
    if (!parsed) return parsed.error();
    site.copy_files.erase(index);
    // The viewer first: it compiles while the first screen's files arrive (after app.js it would start late).
    std::vector<std::string> early;
    if (std::any_of(site.files.begin(), site.files.end(), [](const BundleFile& f) { return f.path == kPackedWasm; }))
        early.push_back(kPackedWasm);
    for (auto& file : first_screen_files(*parsed, newest_body)) early.push_back(std::move(file));
    site.files.push_back({"index.html", page_with_offline(page_with_preload(*html, early), offline.list, offline.files,
                                                         offline.site_bytes)});
    return Ok{};
}

// Replaces the app's sw.js template with the service worker for this build: its precache list names
// the app's files with a hash of their bytes, and its version changes with any file of the site. A
// site without sw.js in the app simply has none.
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
    // Every file named by its content is in the offline list, whose own name is a hash of that list:
    // it stands for them all (listing the 181,000 of a 167k-post site here took 0.3 s of an update).
    auto stood_for = [](const std::string& path) {
        return !named_revision(path).empty() && path.rfind("data/offline-", 0) != 0;
    };
    for (const auto& f : site.files)
        if (!stood_for(f.path)) files.push_back({f.path, named_revision(f.path).empty() ? f.bytes : std::string()});
    for (const auto& [src, rel, size] : site.keep_files) {
        if (stood_for(rel)) continue;
        auto bytes = read_file_bytes(src);
        if (!bytes) return bytes.error();
        files.push_back({rel, std::move(*bytes)});
    }
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
        // The page itself is the file, and it has no offline control.
        if (f.path != "sw.js" && f.path != "index.html" && f.path != kPackedWasm && f.path.rfind("data/offline-", 0) != 0)
            files.push_back(f);
    for (const auto& [src, rel, size] : site.keep_files) {
        auto bytes = read_file_bytes(src);
        if (!bytes) return bytes.error();
        files.push_back({rel, std::move(*bytes)});
    }
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

// The command line as the reader's options (extensions get their dot).
IngestOptions ingest_options(const BuildArgs& args) {
    IngestOptions options;
    if (!args.extensions.empty()) {
        options.extensions.clear();
        for (auto e : args.extensions) options.extensions.push_back(e.empty() || e[0] == '.' ? e : "." + e);
    }
    options.max_file_bytes = args.max_file_bytes;
    options.keep_duplicates = args.keep_duplicates;
    return options;
}

// Everything one build carries from phase to phase; run_build lists the phases in order.
struct BuildState {
    explicit BuildState(const BuildArgs& a) : args(a) {}
    const BuildArgs& args;
    PhaseTimer timer;
    fs::path app_dir;
    IngestOptions options;          // with reuse hooks into prev when there is one
    std::optional<Previous> prev;   // the previous build of this site, when its cache fits
    std::atomic<std::size_t> reused{0}, unread{0};  // input files taken from prev (unread: not even read)
    std::int64_t trust_before_ns = 0;               // see cache_pieces
    std::optional<InputListing> listing;            // the inputs walked once, for the stamps and the ingest
    IngestResult ingest;                            // its posts in bundle order, until write_bundle takes them
    std::size_t post_count = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chunks;  // the metadata shards' runs of posts
    std::vector<bool> known;                        // per chunk: its cache piece (and code points) are the previous build's
    std::vector<ChunkCodepoints> counted;           // per chunk
    std::vector<std::optional<std::size_t>> same_run;  // per chunk: the previous build's run of the same posts
    bool same_dictionary = false;                   // the body files' dictionary is the previous build's
    SegmentPlan segments;
    std::optional<CachePlan> cache_plan;
    std::optional<fs::path> staged_cache;           // the next cache's pieces, before its head
    std::optional<std::string> stamps;              // what the build reads (build_stamps.h), none when a file is too new
    PostStore store;                                // the posts' blocks, out of memory
    std::vector<std::uint64_t> file_hashes;         // per post in bundle order: its file's fnv1a64 (posts_key)
    std::optional<FoldTable> table;
    std::map<char32_t, std::vector<std::string>> font_missing;  // code point -> the posts using it
    std::size_t with_copies = 0;    // posts with related posts (copies of their story)
    std::size_t extended_segments = 0;  // index segments made from a previous one and their new posts
    std::vector<std::string> notes;     // for the summary: what the build did otherwise than planned, and why
    BundleOptions bundle;
    BuildCache cache;               // for the next build
    SiteContents site;
    std::string single_file;        // the --single-file page
    bool done = false;              // nothing changed since the last build: the phases after stop
};

BuildState* g_finished_build = nullptr;  // run_build's state, never freed (see there)

// Input files whose bytes (or size and modification time) the previous build saw are taken from
// its cache instead of being parsed again.
void reuse_previous_reads(BuildState& b) {
    // Each path is asked for once, by one thread; the ingest moves the result out before the cache goes.
    b.options.reuse = [&cache = b.prev->cache, &reused = b.reused](const std::string& rel, std::uint64_t hash) -> FileResult* {
        auto it = cache.files.find(rel);
        if (it == cache.files.end() || it->second.hash != hash) return nullptr;
        it->second.taken = true;
        ++reused;
        return &it->second.result;
    };
    b.options.reuse_unread = [&cache = b.prev->cache, &reused = b.reused, &unread = b.unread](FileStamp& stamp) -> FileResult* {
        auto it = cache.files.find(stamp.path);
        if (it == cache.files.end() || it->second.mtime_ns == 0 || it->second.mtime_ns != stamp.mtime_ns ||
            it->second.size != stamp.size)
            return nullptr;
        stamp.hash = it->second.hash;
        it->second.taken = true;
        ++reused;
        ++unread;
        return &it->second.result;
    };
}

// Font subsets the previous build cut for the same font, face and code points, read back from its site.
FontRecall recall_previous_fonts(const Previous& prev) {
    return [&prev](std::uint64_t key) -> std::optional<SubsetFont> {
        for (const auto& [k, file] : prev.cache.font_keys) {
            if (k != key) continue;
            std::vector<const FontRef*> refs{&prev.manifest.fallback};
            for (const auto& ref : prev.manifest.fonts) refs.push_back(&ref);
            for (const FontRef* ref : refs) {
                const std::vector<FontSlice> slices = font_slices(*ref);
                const auto cps = slice_codepoints(*ref);
                for (std::size_t s = 0; s < slices.size() && s < cps.size(); ++s) {
                    if (slices[s].file != file) continue;
                    auto stored = read_file_bytes(prev.site / file);
                    auto raw = stored ? gzip_decompress(*stored) : Result<std::string>(stored.error());
                    const std::set<char32_t> covered(cps[s].begin(), cps[s].end());
                    if (raw) return SubsetFont{std::move(*raw), to_ranges(covered), {}};
                }
            }
        }
        return std::nullopt;
    };
}

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Walks and stats the inputs once: the stamps (build_stamps.h) and the ingest both read this listing.
void list_and_stamp_inputs(BuildState& b) {
    if (b.args.out_dir.empty()) return;
    // Taken before anything is read, they are what the build read or older: a file changed while
    // it runs only makes the next build look again.
    b.trust_before_ns = now_ns() - 2'000'000'000;
    b.listing = list_inputs({b.args.inputs.begin(), b.args.inputs.end()}, true);
    b.stamps = collect_stamps(*b.listing, b.app_dir, b.cache.fingerprint, b.trust_before_ns);
}

// Whether the site is the last build's and nothing it read has changed since: then the build says
// so and stops. Not for --full, --single-file or --report, which want a build.
bool nothing_changed(BuildState& b) {
    if (b.args.out_dir.empty()) return false;
    if (b.args.full || !b.args.single_file.empty() || !b.args.report_path.empty() || !b.stamps) return false;
    const auto summary = unchanged_since_last_build(build_cache_path(b.args.out_dir), b.args.out_dir, *b.stamps);
    if (!summary) return false;
    if (!b.args.quiet)
        std::fprintf(stderr, "%sfolio: nothing changed since the last build (every input file has the size and modification "
                             "time it had); %s is left as it was\n", summary->c_str(), b.args.out_dir.c_str());
    b.done = true;
    return true;
}

// Checks the inputs, finds the app, and reads what the previous build of the site left
// (incremental builds: see build_cache.h).
Status phase_plan(BuildState& b) {
    for (const auto& input : b.args.inputs) {
        std::error_code ec;
        if (!fs::exists(input, ec)) return Error{"input " + input + " does not exist"};
    }
    auto app_dir = find_app_dir(b.args.app_dir);
    if (!app_dir) return app_dir.error();
    b.app_dir = *app_dir;
    b.cache.fingerprint = cache_fingerprint(b.args);
    list_and_stamp_inputs(b);
    // The cache is read only after this: when nothing changed, reading it too would double the time and memory.
    if (nothing_changed(b)) return Ok{};
    b.timer.mark("walk+stamps");
    if (!b.args.full && !b.args.out_dir.empty()) b.prev = read_previous(b.args.out_dir, b.cache.fingerprint);
    b.timer.mark("read cache");
    for (const auto& entry : fs::directory_iterator(b.app_dir))
        if (entry.is_regular_file()) b.site.copy_files.push_back(entry.path());
    // A gzipped copy of the viewer for the page to fetch (plain static hosts send app.wasm as is).
    if (auto wasm = read_file_bytes(b.app_dir / "app.wasm")) b.site.files.push_back({kPackedWasm, gzip_compress(*wasm)});
    b.options = ingest_options(b.args);
    if (b.prev) reuse_previous_reads(b);
    b.timer.mark("plan");
    // Blocks wait in a spill file beside the site (the same disk), else in the temporary folder.
    fs::path spill_dir = fs::temp_directory_path();
    if (!b.args.out_dir.empty()) {
        const fs::path site = fs::absolute(b.args.out_dir).lexically_normal();
        spill_dir = (site.filename().empty() ? site.parent_path() : site).parent_path();
    }
    std::error_code ec;
    fs::create_directories(spill_dir, ec);
    if (auto st = b.store.open(spill_dir); !st) return st;
    b.options.store_blocks = [&store = b.store](Post& post) { store.store(post); };
    b.bundle.generator = std::string("folio ") + kFolioVersion;
    b.bundle.posts_per_shard = b.args.shard_posts;
    b.bundle.posts_per_body = b.args.body_posts;
    b.bundle.body_bytes = b.args.body_kb * 1024;
    b.bundle.parallel = parallel_for;
    b.bundle.encoding = gzip_encoding(b.prev ? b.prev->site : fs::path());
    if (!b.args.out_dir.empty() && b.args.single_file.empty()) {  // the single file needs every file's bytes
        auto staged = stage_site(b.args.out_dir);
        if (!staged) return staged.error();
        b.site.staged = *staged;
    }
    return Ok{};
}

// Reads every input file (or takes it from the previous build) and puts the posts in bundle order.
Status phase_ingest(BuildState& b) {
    if (!b.listing) {
        // Files modified from here on (less a tick of the coarsest file clocks) may change after they are read.
        b.trust_before_ns = now_ns() - 2'000'000'000;
        b.listing = list_inputs({b.args.inputs.begin(), b.args.inputs.end()}, false);
    }
    ProgressLine progress(b.args.quiet);
    b.ingest = ingest_listed(*b.listing, b.options, std::ref(progress));
    b.listing.reset();
    b.timer.mark("ingest");
    sort_newest_first(b.ingest.posts);  // the index numbers posts in bundle order
    std::function<std::optional<PostStore::CacheSlot>(const std::string&)> cached;
    if (b.prev)
        cached = [&files = b.prev->cache.files](const std::string& path) -> std::optional<PostStore::CacheSlot> {
            const auto it = files.find(path);
            if (it == files.end() || !it->second.taken) return std::nullopt;
            return PostStore::CacheSlot{it->second.piece, it->second.slot};
        };
    b.store.place(b.ingest.posts, cached, b.prev ? build_cache_path(b.args.out_dir) : fs::path(),
                  b.prev ? b.prev->cache.pieces : std::vector<std::string>{});
    // The cache's file map (an entry and a path per input file) is spent once its posts have moved
    // out: it goes now, not at exit (the +100 update's peak at a million posts: 2.66 -> 2.39 GB).
    if (b.prev) std::exchange(b.prev->cache.files, {});
    b.timer.mark("sort");
    return Ok{};
}

// Runs of the build's posts with their blocks, from its PostStore.
LoadPosts loader(const BuildState& b) {
    return [&b](std::uint32_t first, std::uint32_t count) { return b.store.load(b.ingest.posts, first, count); };
}

// Per chunk: its key (posts_key) and the previous build's run of the same posts, whose body
// files it keeps.
void match_runs(BuildState& b) {
    const Previous* prev = b.prev ? &*b.prev : nullptr;
    for (const auto& [first, count] : b.chunks) {
        b.cache.body_keys.push_back(posts_key(b.ingest.posts, b.file_hashes, first, count));
        std::optional<std::size_t> same;
        for (std::size_t k = 0; prev && k < prev->cache.body_keys.size(); ++k)
            if (prev->cache.body_keys[k] == b.cache.body_keys.back() && prev->manifest.meta[k].count == count) {
                same = k;
                break;
            }
        b.same_run.push_back(same);
    }
}

// Cuts the posts into chunks and index segments, and decides what the previous build left can
// stand for: a chunk's code points when its cache piece is the same, a segment's files, a run's
// body files. Only the posts of what is made again get their blocks back (PostStore::load).
Status phase_reuse(BuildState& b) {
    const auto& posts = b.ingest.posts;
    b.chunks = shard_ranges(posts, b.bundle.posts_per_shard);
    b.cache_plan = plan_cache_pieces(b.ingest.files, posts, b.chunks, b.ingest.report, b.trust_before_ns, b.cache.fingerprint);
    b.cache.pieces = b.cache_plan->names;
    b.counted.resize(b.chunks.size());
    b.known.assign(b.chunks.size(), false);
    const Previous* prev = b.prev ? &*b.prev : nullptr;
    std::unordered_map<std::string_view, std::uint64_t> hash_of;  // input path -> fnv1a64 of its bytes
    hash_of.reserve(b.ingest.files.size());
    for (const auto& f : b.ingest.files) hash_of.emplace(f.path, f.hash);
    b.file_hashes.reserve(posts.size());
    for (const Post& post : posts) {
        const auto it = hash_of.find(post.path);
        b.file_hashes.push_back(it == hash_of.end() ? 0 : it->second);
    }
    b.segments = plan_segments(posts, b.chunks, b.bundle.posts_per_shard, b.file_hashes, prev);
    b.cache.segment_keys = b.segments.keys;
    match_runs(b);
    for (std::size_t c = 0; prev && c < b.chunks.size(); ++c) {
        const auto it = prev->cache.codepoints.find(b.cache_plan->names[c]);
        b.known[c] = it != prev->cache.codepoints.end() && it->second.sketches.size() == b.chunks[c].second;
        if (b.known[c]) b.counted[c] = std::move(it->second);  // read nowhere else
    }
    b.timer.mark("reuse");
    return Ok{};
}

// The search fold table for the code points the archive uses (each new chunk's counted here), or
// the previous site's when they are the same.
Status phase_fold(BuildState& b) {
    std::vector<Status> loaded(b.chunks.size(), Ok{});
    parallel_for(b.chunks.size(), [&](std::size_t c) {
        if (b.known[c]) return;
        auto posts = b.store.load(b.ingest.posts, b.chunks[c].first, b.chunks[c].second);
        if (!posts) {
            loaded[c] = posts.error();
            return;
        }
        chunk_used_codepoints(*posts, 0, b.chunks[c].second, b.counted[c]);
        b.counted[c].sketches.clear();
        for (const Post& post : *posts) b.counted[c].sketches.push_back(related_sketch(post.blocks));
    });
    for (const auto& st : loaded)
        if (!st) return st;
    std::set<char32_t> used;
    for (const auto& chunk : b.counted) used.insert(chunk.used.begin(), chunk.used.end());
    std::string key_text;
    for (char32_t cp : used) utf8_append(key_text, cp);
    b.cache.fold_key = fnv1a64(key_text);
    if (b.prev && b.prev->cache.fold_key == b.cache.fold_key && !b.prev->manifest.search.fold.file.empty())
        if (auto bytes = read_site_file(b.prev->site, b.prev->manifest.search.fold.file))
            if (auto table = decode_fold_table(*bytes)) b.table = std::move(*table);
    if (!b.table) {
        auto table = build_fold_table(used);
        if (!table) return table.error();
        b.table = std::move(*table);
    }
    b.timer.mark("fold");
    return Ok{};
}

// Each post's copies among all the posts (folio/related.h), from every chunk's sketches (kept in the
// cache for the chunks that did not change), as one data file the manifest names when any are found.
Status phase_related(BuildState& b) {
    std::vector<Sketch> sketches;
    sketches.reserve(b.ingest.posts.size());
    for (const ChunkCodepoints& chunk : b.counted) sketches.insert(sketches.end(), chunk.sketches.begin(), chunk.sketches.end());
    if (sketches.size() != b.ingest.posts.size()) return Error{"internal error: a chunk of posts has no sketches"};
    std::vector<std::optional<std::int64_t>> dates;
    for (const Post& post : b.ingest.posts) dates.push_back(post.date);
    const RelatedLists lists = find_related(sketches, dates);
    for (std::size_t p = 0; p < lists.posts(); ++p) b.with_copies += lists.of(static_cast<std::uint32_t>(p)).empty() ? 0 : 1;
    if (b.with_copies > 0) {
        BundleFile file = make_data_file("related", related_json(lists), ".json", b.bundle.encoding);
        b.bundle.related = {file.path, file.bytes.size()};
        b.site.files.push_back(std::move(file));
    }
    b.timer.mark("related");
    return Ok{};
}

// Stores the fonts compressed, and lists them for the bundle and the next build's cache.
void store_fonts(BuildState& b, SiteFonts& made) {
    std::map<std::string, std::string> renamed;
    // With the previous site's encoding: a slice cut (or recalled) as before is its stored file, not compressed again.
    for (auto& face : made.faces) store_font(face, made.files, b.site, renamed, b.bundle.encoding);
    if (!made.fallback.file.empty()) store_font(made.fallback, made.files, b.site, renamed, b.bundle.encoding);
    for (const auto& [key, file] : made.keys) b.cache.font_keys.emplace_back(key, renamed[file]);
    b.bundle.fonts = std::move(made.faces);
    b.bundle.fallback = std::move(made.fallback);
    b.font_missing = std::move(made.missing);
}

// The fonts (one thread: script per post, then subsetting) are made while the search index is
// built on the others; the fonts set each post's font_face, which the index does not read.
Status phase_index_and_fonts(BuildState& b) {
    std::optional<Result<SiteFonts>> fonts;
    std::thread font_thread;
    if (!b.args.no_font) {
        FontRecall recall = b.prev ? recall_previous_fonts(*b.prev) : FontRecall();
        font_thread = std::thread([&b, &fonts, recall = std::move(recall)] {
            fonts = make_site_fonts(b.ingest.posts, b.chunks, b.counted, loader(b), *b.table, b.args.font, recall,
                                    b.args.font_slice);
        });
    }
    const Status indexed =
        add_search_index(loader(b), *b.table, b.bundle, b.site, b.segments, b.prev ? &*b.prev : nullptr, b.extended_segments,
                         b.notes);
    b.timer.mark("index+fonts");
    if (font_thread.joinable()) font_thread.join();
    if (!indexed) return indexed;
    if (fonts) {
        if (!*fonts) return fonts->error();
        for (std::size_t i = 0; i < b.ingest.posts.size(); ++i) b.ingest.posts[i].font_face = (*fonts)->post_faces[i];
        store_fonts(b, **fonts);
    }
    b.timer.mark("fonts (rest)");
    return Ok{};
}

// Per run of posts (chunks): the previous build's stored files for the same posts (match_runs).
// Its body files (parts) are kept, and its metadata file when the posts' font faces are numbered
// as before; write_bundle checks the rest (the count of parts, the dictionaries) and says which it used.
void offer_stored_runs(BuildState& b) {
    const Previous* prev = b.prev ? &*b.prev : nullptr;
    bool same_faces = prev && prev->manifest.fonts.size() == b.bundle.fonts.size() &&
                      prev->manifest.fallback.file.empty() == b.bundle.fallback.file.empty();
    for (std::size_t f = 0; same_faces && f < b.bundle.fonts.size(); ++f)
        same_faces = prev->manifest.fonts[f].name == b.bundle.fonts[f].name;
    for (const auto& same : b.same_run) {
        std::vector<BodyPack> ready;
        FileRef meta;
        if (same && b.same_dictionary) {  // a metadata file names its body files, which name the dictionary
            ready = prev->cache.body_packs[*same];
            if (same_faces) meta = {prev->manifest.meta[*same].file, prev->manifest.meta[*same].bytes};
        }
        b.bundle.ready_bodies.push_back(std::move(ready));
        b.bundle.ready_meta.push_back(std::move(meta));
    }
    if (prev)
        b.bundle.ready_meta_dictionaries = {prev->manifest.authors, prev->manifest.sites, prev->manifest.tags,
                                            prev->manifest.categories};
}

// The next build's cache pieces, staged beside the site's (each new one encoded and written while
// the posts still have their blocks, one per thread at a time).
Status stage_cache(BuildState& b) {
    if (b.args.out_dir.empty()) return Ok{};
    const CacheSources sources(b.ingest.posts, b.ingest.report);
    const ChunkCodepoints none;
    auto staged = stage_cache_pieces(
        build_cache_path(b.args.out_dir), *b.cache_plan, b.prev ? b.prev->cache.pieces : std::vector<std::string>{},
        [&](std::size_t k) -> Result<PieceBytes> {
            std::vector<Post> posts;
            if (k < b.chunks.size()) {
                auto loaded = b.store.load(b.ingest.posts, b.chunks[k].first, b.chunks[k].second);
                if (!loaded) return loaded.error();
                posts = std::move(*loaded);
            }
            return encode_cache_piece(*b.cache_plan, k, posts, sources, b.trust_before_ns,
                                      k < b.counted.size() ? b.counted[k] : none);
        });
    if (staged) b.staged_cache = *staged;
    else if (!b.args.quiet)
        std::fprintf(stderr, "folio: could not write the build cache: %s (the next build reads every file)\n",
                     staged.error().message.c_str());
    return Ok{};
}

// The body files of the runs the previous site does not hold, made run by run on the tool's threads
// (each run's posts loaded with their blocks, written as they are made), so that write_bundle finds
// every run's bodies ready. Returns the files' names.
Result<std::set<std::string>> make_bodies(BuildState& b) {
    std::vector<std::size_t> todo;
    for (std::size_t r = 0; r < b.chunks.size(); ++r) {
        std::uint64_t ready = 0;
        for (const auto& pack : b.bundle.ready_bodies[r]) ready += pack.count;
        if (ready != b.chunks[r].second || b.bundle.ready_bodies[r].empty()) todo.push_back(r);
    }
    std::vector<MadeFiles> made(todo.size());
    std::vector<std::vector<BodyPack>> packs(todo.size());
    parallel_for(todo.size(), [&](std::size_t t) {
        auto posts = b.store.load(b.ingest.posts, b.chunks[todo[t]].first, b.chunks[todo[t]].second);
        if (!posts) {
            made[t].status = posts.error();
            return;
        }
        for (auto& f : body_files(*posts, 0, b.chunks[todo[t]].second, b.bundle, packs[t]))
            write_file_staged(b.site.staged, std::move(f), made[t]);
    });
    std::set<std::string> names;
    for (std::size_t t = 0; t < todo.size(); ++t) {
        if (auto st = add_made_files(b.site, made[t]); !st) return st.error();
        for (const auto& pack : packs[t]) names.insert(pack.file);
        b.bundle.ready_bodies[todo[t]] = std::move(packs[t]);
    }
    return names;
}

// The body files' preset dictionary (gzip.h), trained on the oldest dated posts' bodies: the end of
// the archive a day's new posts leave alone, so the dictionary, and every body file with it, stays
// the same from one update to the next. The previous build's when those posts are the same; none
// for an archive too small to train on.
Status choose_body_dictionary(BuildState& b) {
    const auto& posts = b.ingest.posts;
    auto end = static_cast<std::uint32_t>(posts.size());
    while (end > 0 && !posts[end - 1].date) --end;  // undated posts are last
    // Fewer dated posts than asked for: a power of two of them, so that the sample (and every body
    // file) changes only when the archive doubles, not with each day's posts.
    const std::uint32_t wanted = b.args.dictionary_posts;
    const std::uint32_t count = end >= wanted ? wanted : end == 0 ? 0 : std::bit_floor(end);
    const std::uint32_t first = end - count;
    const bool enough = count > 0 && count >= std::min(wanted, kDictionaryMinPosts);
    b.cache.dictionary_key = enough ? posts_key(posts, b.file_hashes, first, count) : 0;
    std::string dictionary;
    const Previous* prev = b.prev ? &*b.prev : nullptr;
    // The same sample as the previous build's: its dictionary, or none when those posts were too little to train on.
    bool known = b.cache.dictionary_key && prev && prev->cache.dictionary_key == b.cache.dictionary_key;
    if (known && !prev->manifest.dictionary.file.empty()) {
        auto bytes = read_site_file(prev->site, prev->manifest.dictionary.file);
        if (bytes) dictionary = std::move(*bytes);
        known = bytes.ok();
    }
    if (b.cache.dictionary_key && !known) {
        auto loaded = b.store.load(posts, first, count);
        if (!loaded) return loaded.error();
        std::vector<std::string> samples;
        for (const Post& post : *loaded) samples.push_back(post_body_json(post.blocks).substr(0, kDictionarySampleBytes));
        dictionary = train_dictionary(samples);
    }
    if (!dictionary.empty()) {
        BundleFile file = make_data_file("dict", dictionary, ".bin", b.bundle.encoding);
        b.bundle.dictionary = {file.path, file.bytes.size()};
        b.bundle.body_encoding = dictionary_encoding(dictionary, prev ? prev->site : fs::path());
        b.site.files.push_back(std::move(file));
    }
    b.same_dictionary = prev && prev->manifest.dictionary.file == b.bundle.dictionary.file;
    b.timer.mark("dictionary");
    return Ok{};
}

// The bundle's metadata and body files and the manifest, and the cache's pieces for the next build.
Status phase_bundle(BuildState& b) {
    if (auto st = choose_body_dictionary(b); !st) return st;
    offer_stored_runs(b);
    if (auto st = stage_cache(b); !st) return st;
    b.timer.mark("cache");
    auto made = make_bodies(b);
    if (!made) return made.error();
    b.post_count = b.ingest.posts.size();
    std::vector<std::string> kept;  // stored body and metadata files the manifest lists (and the bodies just made)
    MadeFiles files;
    for (auto& f : write_bundle(std::move(b.ingest.posts), b.bundle, &kept, &b.cache.body_packs))
        write_file_staged(b.site.staged, std::move(f), files);
    if (auto st = add_made_files(b.site, files); !st) return st;
    b.cache.manifest_hash = fnv1a64(b.site.files.back().bytes);  // the manifest is write_bundle's last file (not staged)
    std::unordered_map<std::string, std::uint64_t> stored_bytes;  // the stored files' sizes as the previous build recorded them
    for (const FileRef& meta : b.bundle.ready_meta) stored_bytes.emplace(meta.file, meta.bytes);
    for (const auto& packs : b.bundle.ready_bodies)
        for (const BodyPack& pack : packs) stored_bytes.emplace(pack.file, pack.bytes);
    for (const std::string& file : kept) {
        if (made->count(file)) continue;
        const auto size = stored_bytes.find(file);
        if (size == stored_bytes.end()) return Error{"internal error: the stored file " + file + " has no recorded size"};
        b.site.keep_files.push_back({b.prev->site / file, file, size->second});
    }
    b.timer.mark("bundle");
    return Ok{};
}

std::string summary_counts(const BuildState& b);

// The staged cache replaces the previous one once the site is written. A failed write leaves the
// old site and its cache, so the next build is still incremental; a write cut short (the process
// killed) may leave a new manifest beside the old cache, which read_previous then refuses: the
// cache names the hash of the manifest it belongs to.
Status write_site_and_cache(const BuildState& b) {
    const fs::path cache_path = build_cache_path(b.args.out_dir);
    std::error_code ec;
    if (auto st = write_site(b.args.out_dir, b.site); !st) {
        if (b.staged_cache) fs::remove_all(*b.staged_cache, ec);
        return Error{st.error().message + "; nothing was written"};
    }
    if (!b.staged_cache) {
        fs::remove_all(cache_path, ec);  // the old site's
        return Ok{};
    }
    const Status cached = commit_build_cache(*b.staged_cache, b.cache, cache_path);
    if (!cached && !b.args.quiet)
        std::fprintf(stderr, "folio: could not write the build cache %s: %s (the next build reads every file)\n",
                     cache_path.c_str(), cached.error().message.c_str());
    if (cached && b.stamps)
        write_stamps(cache_path, fs::absolute(b.args.out_dir).lexically_normal(), *b.stamps, b.cache.manifest_hash,
                     summary_counts(b));
    return Ok{};
}

// The site's page and service worker, then the site folder with its cache and the single file, each
// all or nothing.
Status phase_write(BuildState& b) {
    auto offline = add_offline_list(b.site);
    if (!offline) return Error{offline.error().message + "; nothing was written"};
    // The newest post is the first of the first chunk: the list's first row, which the reader shows at once.
    const bool any_body = !b.cache.body_packs.empty() && !b.cache.body_packs[0].empty();
    const BodyPack newest_body = any_body ? b.cache.body_packs[0][0] : BodyPack{};
    if (auto st = add_index_page(b.site, *offline, newest_body); !st) return Error{st.error().message + "; nothing was written"};
    if (auto st = add_service_worker(b.site); !st) return Error{st.error().message + "; nothing was written"};
    if (!b.args.single_file.empty()) {
        auto page = single_file_page(b.app_dir, b.site, b.args.single_file_limit_mb);
        if (!page) return Error{page.error().message + "; nothing was written"};
        b.single_file = std::move(*page);
    }
    if (!b.args.out_dir.empty())
        if (auto st = write_site_and_cache(b); !st) return st;
    if (!b.args.single_file.empty())
        if (auto st = write_file_atomic(b.args.single_file, b.single_file); !st) return st;
    b.timer.mark("write");
    return Ok{};
}

// --report: every skipped file, warning and character no font has, as JSON. A file is replaced
// atomically; a pipe, a device (--report /dev/stdout) or a link's target is written in place.
Status write_report(const BuildState& b) {
    const IngestReport& r = b.ingest.report;
    json report = {{"generator", b.bundle.generator}, {"files_seen", r.files_seen},
                   {"posts", b.post_count}, {"skipped", json::array()}, {"warnings", json::array()}};
    for (const auto& s : r.skipped)
        report["skipped"].push_back({{"path", s.path}, {"reason", s.reason}, {"detail", s.detail}});
    for (const auto& w : r.warnings)
        report["warnings"].push_back({{"path", w.path}, {"kind", w.kind}, {"message", w.message}});
    json missing = json::array();
    for (const auto& [cp, paths] : b.font_missing) {
        std::string ch;
        utf8_append(ch, cp);
        missing.push_back({{"codepoint", hex_codepoint(cp)}, {"char", ch}, {"posts", paths}});
    }
    report["font_missing"] = missing;
    report["font_missing_posts"] = missing_posts(b.font_missing);
    const std::string text = report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    const fs::path path = b.args.report_path;
    std::error_code ec;
    const fs::file_type type = fs::symlink_status(path, ec).type();
    if (type == fs::file_type::not_found || type == fs::file_type::regular) {
        if (auto st = write_file_atomic(path, text); !st)
            return Error{"cannot write report " + b.args.report_path + ": " + st.error().message};
        return Ok{};
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) return Error{"cannot write report " + b.args.report_path};
    return Ok{};
}

// The summary on stderr: files seen, posts bundled, skipped files and warnings by kind, missing
// characters, what an incremental build reused, and where the output went.
// printf into a string.
template <class... Args>
std::string format(const char* fmt, Args... args) {
    std::string out(static_cast<std::size_t>(std::snprintf(nullptr, 0, fmt, args...)), '\0');
    std::snprintf(out.data(), out.size() + 1, fmt, args...);
    return out;
}

// What the site holds: files, posts, skips and warnings, characters no font has, copies found. A
// build with nothing changed prints it again (build_stamps.h).
std::string summary_counts(const BuildState& b) {
    const IngestReport& r = b.ingest.report;
    std::map<std::string, std::size_t> skipped_by, warnings_by;
    for (const auto& s : r.skipped) ++skipped_by[s.reason];
    for (const auto& w : r.warnings) ++warnings_by[w.kind];
    std::string out = format("folio: %zu files seen, %zu posts bundled, %zu skipped%s%s%s, %zu warnings%s%s%s\n",
                             r.files_seen, b.post_count, r.skipped.size(), skipped_by.empty() ? "" : " (",
                             count_by(skipped_by).c_str(), skipped_by.empty() ? "" : ")", r.warnings.size(),
                             warnings_by.empty() ? "" : " (", count_by(warnings_by).c_str(), warnings_by.empty() ? "" : ")");
    if (!b.font_missing.empty()) {
        out += format("folio: %zu distinct characters in %zu posts are in none of the fonts (shown as a replacement mark):",
                      b.font_missing.size(), missing_posts(b.font_missing).size());
        std::size_t shown = 0;
        for (const auto& [cp, paths] : b.font_missing)
            if (shown++ < 5)
                out += format(" %s (%s%s)", hex_codepoint(cp).c_str(), paths.front().c_str(),
                              paths.size() > 1 ? (" and " + std::to_string(paths.size() - 1) + " more").c_str() : "");
        out += format("%s; --report lists them all\n", b.font_missing.size() > 5 ? " ..." : "");
    }
    if (b.with_copies > 0)
        out += format("folio: %zu posts are copies of the same story as other posts (shown as \"Also in\")\n", b.with_copies);
    return out;
}

void print_summary(const BuildState& b) {
    std::fputs(summary_counts(b).c_str(), stderr);
    if (b.prev)
        std::fprintf(stderr, "folio: incremental build: %zu of %zu files unchanged (not parsed again; %zu not even read, "
                             "by size and modification time), %zu stored files kept, %zu index segments extended with new posts\n",
                     b.reused.load(), b.ingest.files.size(), b.unread.load(), b.site.keep_files.size(), b.extended_segments);
    for (const std::string& note : b.notes) std::fprintf(stderr, "folio: %s\n", note.c_str());
    if (!b.args.out_dir.empty()) std::fprintf(stderr, "folio: site written to %s\n", b.args.out_dir.c_str());
    if (!b.args.single_file.empty())
        std::fprintf(stderr, "folio: single file written to %s (%.1f MB)\n", b.args.single_file.c_str(),
                     static_cast<double>(b.single_file.size()) / (1 << 20));
}

// The report file, then the summary.
Status phase_report(BuildState& b) {
    if (!b.args.report_path.empty())
        if (auto st = write_report(b); !st) return st;
    if (!b.args.quiet) print_summary(b);
    return Ok{};
}

}  // namespace

std::string cache_fingerprint(const BuildArgs& args) {
    const IngestOptions options = ingest_options(args);
    std::string fingerprint = std::string("folio ") + kFolioVersion + "\n" + args.font + "\n" +
                              (args.no_font ? "no-font" : "font") + "\n" + std::to_string(options.max_file_bytes) +
                              (options.keep_duplicates ? " keep" : " drop");
    for (const auto& e : options.extensions) fingerprint += " " + e;
    fingerprint += " shard " + std::to_string(args.shard_posts) + " body " + std::to_string(args.body_posts) + " " +
                   std::to_string(args.body_kb) + " KB font slice " + std::to_string(args.font_slice) +
                   " dictionary " + std::to_string(args.dictionary_posts);
    // Reads and stored files of another rule or format are never kept.
    fingerprint += " ingest " + std::to_string(kIngestVersion);
    fingerprint += " bundle " + std::to_string(kBundleVersion) + " index " + std::to_string(kSearchIndexVersion) + " " +
                   std::to_string(kShardBytes) + " " + std::to_string(kPieceBytes);
    return fingerprint;
}

// A build is these phases in order over one BuildState; the first that fails ends it.
int run_build(const BuildArgs& args) {
    // Left to the process's exit, not freed: freeing 167,000 posts' records took 0.23 s of a 9 s
    // update. g_finished_build keeps it reachable for leak checkers (one build per process).
    g_finished_build = std::make_unique<BuildState>(args).release();
    BuildState& b = *g_finished_build;
    for (Status (*phase)(BuildState&) :
         {phase_plan, phase_ingest, phase_reuse, phase_fold, phase_related, phase_index_and_fonts, phase_bundle, phase_write,
          phase_report})
        if (auto st = b.done ? Status(Ok{}) : phase(b); !st) {
            std::error_code ec;
            if (b.staged_cache) fs::remove_all(*b.staged_cache, ec);
            if (!b.site.staged.empty()) fs::remove_all(b.site.staged, ec);
            std::fprintf(stderr, "folio: %s\n", st.error().message.c_str());
            b.timer.print();
            return kExitFailed;
        }
    b.timer.print();
    return kExitOk;
}

}  // namespace folio

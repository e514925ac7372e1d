#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <deque>
#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "folio/hash.h"
#include "folio/ingest.h"

namespace folio {
namespace {

namespace fs = std::filesystem;

// What the ingest keeps of a file's result once its post has moved out.
struct Outcome {
    std::uint64_t content_hash = 0;
    FileResult* rest = nullptr;  // the result, when it has warnings or was skipped
    bool hashed = false, has_post = false;
};

struct Candidate {
    std::string rel;  // with the input's prefix
    const ListedInput* input = nullptr;
    const ListedEntry* entry = nullptr;
    // Where to open it (not kept: a million of these strings were 60 MB).
    std::string file() const { return input->is_file ? input->root.string() : (input->root / entry->rel).string(); }
};

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Twice the cores, at most 16: a thread waiting on the file system leaves its core to another
// (a cold 20,000-post ingest took 3.3-4.0 s on 2 threads, 2.5-3.1 s on 4; the same with the files cached).
unsigned io_threads() { return std::max(1u, std::min(2 * std::thread::hardware_concurrency(), 16u)); }

// Runs worker on `threads` threads (this one among them) and waits for them all.
template <class F>
void run_on_threads(unsigned threads, const F& worker) {
    std::vector<std::thread> others;
    for (unsigned t = 1; t < threads; ++t) others.emplace_back(worker);
    worker();
    for (auto& t : others) t.join();
}

// Stats path, relative to the folder dir_fd when that is open (AT_FDCWD: path as it is), following links.
void stat_file(const char* path, ListedEntry& entry, int dir_fd = AT_FDCWD) {
    struct ::stat st {};
    if (::fstatat(dir_fd, path, &st, 0) != 0) {
        entry.error = std::error_code(errno, std::generic_category()).message();
        return;
    }
    entry.stated = true;
    entry.size = static_cast<std::uint64_t>(st.st_size);
    entry.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// Stats the listed files on io_threads(), each by its name in its folder, opened once: with a whole
// path per file the kernel looked up every folder on it again. Past kMaxOpenFolders folders (an
// archive in a folder per day), the rest are stated by their whole paths.
constexpr std::size_t kMaxOpenFolders = 256;

void stat_listed(const fs::path& root, std::vector<ListedEntry>& entries) {
    std::unordered_map<std::string_view, int> folders;  // folder below root ("" is root) -> its descriptor
    std::vector<int> fd_of(entries.size(), AT_FDCWD);
    std::vector<std::uint32_t> name_at(entries.size(), 0);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ListedEntry& e = entries[i];
        if (e.is_dir || e.walk_error) continue;
        const auto slash = e.rel.rfind('/');
        const std::string_view folder = slash == std::string::npos ? std::string_view() : std::string_view(e.rel).substr(0, slash);
        auto [it, added] = folders.try_emplace(folder, -1);
        if (added && folders.size() <= kMaxOpenFolders)
            it->second = ::open((root / std::string(folder)).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (it->second < 0) continue;  // stated by its whole path below, which reports the error
        fd_of[i] = it->second;
        name_at[i] = slash == std::string::npos ? 0 : static_cast<std::uint32_t>(slash + 1);
    }
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < entries.size(); i = next++) {
            ListedEntry& e = entries[i];
            if (e.is_dir || e.walk_error) continue;
            if (fd_of[i] == AT_FDCWD) stat_file((root / e.rel).c_str(), e);
            else stat_file(e.rel.c_str() + name_at[i], e, fd_of[i]);  // the name: rel's end, no copy
        }
    };
    run_on_threads(io_threads(), worker);
    for (const auto& [folder, fd] : folders)
        if (fd >= 0) ::close(fd);
}

ListedInput list_input(const fs::path& root, bool stat_files) {
    ListedInput listed{root, false, {}, {}};
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
        listed.is_file = true;
        listed.entries.push_back({root.filename().generic_string(), {}, 0, 0, false, true, false, false});
        if (stat_files) stat_file(root.c_str(), listed.entries.back());
        return listed;
    }
    const std::string root_text = root.generic_string();
    const std::size_t root_length = root_text.size() + (root_text.ends_with('/') ? 0 : 1);
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
        listed.error = ec.message();
        return listed;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) {
            listed.entries.push_back({it->path().generic_string(), ec.message(), 0, 0, false, false, false, true});
            ec.clear();
            continue;
        }
        const fs::directory_entry& entry = *it;
        ListedEntry e;
        // The iterator's paths are root's followed by a separator: cut, not lexically_relative (a third
        // of the walk). POSIX paths are already generic (forward slashes): no copy to make them so.
        e.rel.assign(entry.path().native(), root_length);
        e.is_dir = entry.is_directory(ec);
        if (e.is_dir) {
            const auto slash = e.rel.rfind('/');
            if (e.rel[slash == std::string::npos ? 0 : slash + 1] == '.') it.disable_recursion_pending();
        }
        if (!e.is_dir) e.is_regular = entry.is_regular_file(ec);
        listed.entries.push_back(std::move(e));
    }
    if (stat_files) stat_listed(root, listed.entries);  // a stat waits on the file system: threads overlap the waits
    return listed;
}

// Collects post files under one listed input in path order; hidden entries and other files are reported.
void scan(const ListedInput& listed, const std::string& prefix, const IngestOptions& options,
          std::vector<Candidate>& out, IngestReport& report) {
    const fs::path& root = listed.root;
    if (listed.is_file) {
        out.push_back({prefix + root.filename().generic_string(), &listed, &listed.entries.front()});
        return;
    }
    if (!listed.error.empty()) {
        report.skipped.push_back({root.generic_string(), "unreadable", listed.error});
        return;
    }
    std::vector<Candidate> found;
    bool has_posts_dir = false;
    for (const ListedEntry& entry : listed.entries) {
        if (entry.walk_error) {
            report.skipped.push_back({entry.rel, "unreadable", entry.error});
            continue;
        }
        const std::string rel = prefix + entry.rel;
        const std::size_t slash = entry.rel.rfind('/');
        const std::string_view name = std::string_view(entry.rel).substr(slash == std::string::npos ? 0 : slash + 1);
        if (!name.empty() && name[0] == '.') {
            ++report.files_seen;
            report.skipped.push_back({rel + (entry.is_dir ? "/" : ""), "hidden",
                                      entry.is_dir ? "hidden folder, not searched" : "hidden file"});
            continue;
        }
        if (entry.is_dir) {
            if (name == "_posts") has_posts_dir = true;
            continue;
        }
        ++report.files_seen;
        if (!entry.is_regular) {
            report.skipped.push_back({rel, "not-a-file", "not a regular file"});
            continue;
        }
        // fs::path's extension() without making a path of each of a large archive's names.
        const std::size_t dot = name.rfind('.');
        const std::string ext = lower(std::string(dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot)));
        if (std::find(options.extensions.begin(), options.extensions.end(), ext) == options.extensions.end()) {
            report.skipped.push_back({rel, "not-a-post", "extension '" + ext + "' is not a post type (--ext)"});
            continue;
        }
        found.push_back({rel, &listed, &entry});
    }
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.rel < b.rel; });
    // In a Jekyll site, posts live in _posts folders; pages, layouts and READMEs elsewhere are not posts.
    for (auto& c : found) {
        const std::string_view within = std::string_view(c.rel).substr(prefix.size());
        if (has_posts_dir && within.rfind("_posts/", 0) != 0 && within.find("/_posts/") == std::string::npos)
            report.skipped.push_back({c.rel, "outside-posts", "the folder has _posts folders and this file is not in one"});
        else
            out.push_back(std::move(c));
    }
}

bool read_whole_file(const std::string& path, std::uint64_t limit, std::string& bytes, std::uint64_t size, std::string& error) {
    if (size > limit) return true;  // read_post reports it from the size alone
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return false;
    }
    bytes.resize(size);
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return true;
}

// Reads one candidate into `own` (or takes an earlier build's result by its stamp or bytes, left
// where the reuse hook keeps it) and points `result` at it; true when its bytes' hash is known (the
// stamp then goes to IngestResult::files).
bool read_candidate(const Candidate& c, const IngestOptions& options, FileStamp& stamp, std::unique_ptr<FileResult>& own,
                    FileResult*& result) {
    bool hashed = false;
    std::string bytes, error;
    stamp.path = c.rel;
    ListedEntry stated_now;
    const ListedEntry* entry = c.entry;
    if (!entry->stated && entry->error.empty()) {  // not stat'ed by the listing
        stat_file(c.file().c_str(), stated_now);
        entry = &stated_now;
    }
    const bool stated = entry->stated;
    stamp.size = entry->size;
    stamp.mtime_ns = entry->mtime_ns;
    if (stated && stamp.size <= options.max_file_bytes && options.reuse_unread && (result = options.reuse_unread(stamp)))
        return true;
    error = entry->error;
    const std::string file = c.file();  // only now: most files of an update are taken by their stamp
    own = std::make_unique<FileResult>();
    result = own.get();
    if (!stated || !read_whole_file(file, options.max_file_bytes, bytes, stamp.size, error)) {
        own->skip_reason = "unreadable";
        own->skip_detail = error;
    } else if (stamp.size > options.max_file_bytes) {
        own->skip_reason = "too-large";
        own->skip_detail = std::to_string(stamp.size) + " bytes, over the limit of " +
                           std::to_string(options.max_file_bytes) + " (--max-file-size)";
    } else {
        stamp.size = bytes.size();
        stamp.hash = fnv1a64(bytes);
        hashed = true;
        if (FileResult* earlier = options.reuse ? options.reuse(c.rel, stamp.hash) : nullptr) {
            own.reset();
            result = earlier;
        } else {
            *own = read_post(c.rel, bytes, options);
            if (options.store_blocks && own->post) options.store_blocks(*own->post);
        }
    }
    return hashed;
}

// The parts of an input's absolute path, its name first.
std::vector<std::string> parts_from_name(const fs::path& root) {
    std::vector<std::string> parts;
    for (const fs::path& part : fs::absolute(root).lexically_normal())
        if (!part.empty() && part != "/") parts.push_back(part.generic_string());
    std::reverse(parts.begin(), parts.end());
    return parts;
}

// With several inputs, paths start with the input's folder name so they stay distinct; inputs of
// the same name (a/_posts and b/_posts) take as many of their last path parts as set them apart
// ("a/_posts/", "b/_posts/"). An input given again is read once: nullopt.
std::vector<std::optional<std::string>> input_prefixes(const InputListing& listing) {
    std::vector<std::optional<std::string>> out(listing.size(), std::string());
    if (listing.size() < 2) return out;
    std::vector<std::vector<std::string>> parts;
    for (const ListedInput& input : listing) parts.push_back(parts_from_name(input.root));
    for (std::size_t i = 0; i < listing.size(); ++i) {
        std::size_t depth = 1;
        for (std::size_t j = 0; j < listing.size(); ++j) {
            if (j == i) continue;
            const auto [mine, theirs] = std::mismatch(parts[i].begin(), parts[i].end(), parts[j].begin(), parts[j].end());
            if (mine == parts[i].end() && theirs == parts[j].end()) {  // the same input
                if (j < i) out[i] = std::nullopt;
                continue;
            }
            depth = std::max(depth, static_cast<std::size_t>(mine - parts[i].begin()) + 1);
        }
        if (!out[i]) continue;
        for (std::size_t k = std::min(depth, parts[i].size()); k-- > 0;) *out[i] += parts[i][k] + "/";
    }
    return out;
}

}  // namespace

InputListing list_inputs(const std::vector<fs::path>& inputs, bool stat_files) {
    InputListing listing;
    for (const auto& input : inputs) listing.push_back(list_input(input, stat_files));
    return listing;
}

IngestResult ingest_folders(const std::vector<fs::path>& inputs, const IngestOptions& options, const Progress& progress) {
    return ingest_listed(list_inputs(inputs, false), options, progress);
}

IngestResult ingest_listed(const InputListing& listing, const IngestOptions& options, const Progress& progress) {
    IngestResult result;
    std::vector<Candidate> candidates;
    const std::vector<std::optional<std::string>> prefixes = input_prefixes(listing);
    for (std::size_t i = 0; i < listing.size(); ++i)
        if (prefixes[i]) scan(listing[i], *prefixes[i], options, candidates, result.report);
    // Each post moves into its candidate's slot of result.posts as soon as it is read; its result
    // is kept only when it has warnings or was skipped (whole results held until the end, 400 bytes
    // a file beside the posts: a million-post ingest's peak fell from 1.79 to 1.43 GB without them).
    // The kept posts are then packed in place.
    result.posts.resize(candidates.size());
    std::vector<Outcome> outcomes(candidates.size());
    std::vector<std::unique_ptr<FileResult>> own(candidates.size());
    std::vector<FileStamp> stamps(candidates.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex progress_mutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < candidates.size(); i = next++) {
            FileResult* r = nullptr;
            Outcome& o = outcomes[i];
            o.hashed = read_candidate(candidates[i], options, stamps[i], own[i], r);
            o.content_hash = r->content_hash;
            o.has_post = r->post.has_value();
            if (o.has_post) result.posts[i] = std::move(*r->post);
            if (!o.has_post || !r->warnings.empty()) o.rest = r;
            else own[i].reset();  // all it had has moved out
            const std::size_t d = ++done;
            if (progress) {
                std::lock_guard lock(progress_mutex);
                progress(d, candidates.size());
            }
        }
    };
    run_on_threads(options.threads ? options.threads : io_threads(), worker);

    // The maps hold views of URLs where they stay (a kept post's in its final slot, which is never
    // moved again; a skipped copy's in copy_urls) and candidate numbers, not copies: a million
    // posts' URLs and paths copied into them were a fifth of the ingest's peak memory.
    std::unordered_map<std::string_view, std::uint32_t> by_url;   // source URL -> the first post with it
    std::unordered_map<std::uint64_t, std::uint32_t> by_content;  // hash of title and text -> the post kept
    std::deque<std::string> copy_urls;                            // URLs of skipped copies, still taken
    std::size_t kept = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        Outcome& o = outcomes[i];
        if (o.hashed) {
            stamps[i].content_hash = o.content_hash;
            result.files.push_back(std::move(stamps[i]));
        }
        if (o.rest)
            for (auto& w : o.rest->warnings) result.report.warnings.push_back(std::move(w));
        if (!o.has_post) {
            result.report.skipped.push_back({candidates[i].rel, std::move(o.rest->skip_reason), std::move(o.rest->skip_detail)});
            continue;
        }
        Post& p = result.posts[i];
        const auto number = static_cast<std::uint32_t>(i);
        if (!options.keep_duplicates) {
            if (!p.source_url.empty())
                if (const auto it = by_url.find(p.source_url); it != by_url.end()) {
                    result.report.skipped.push_back({p.path, "duplicate", "same source URL as " + candidates[it->second].rel});
                    continue;
                }
            if (o.content_hash)
                if (const auto it = by_content.find(o.content_hash); it != by_content.end()) {
                    // Its URL still counts as taken (a later post with it is a copy of this one).
                    if (!p.source_url.empty()) by_url.emplace(copy_urls.emplace_back(p.source_url), number);
                    result.report.skipped.push_back({p.path, "duplicate", "same title and text as " + candidates[it->second].rel});
                    continue;
                }
        }
        if (kept != i) result.posts[kept] = std::move(p);
        const Post& placed = result.posts[kept++];
        if (!options.keep_duplicates) {
            if (!placed.source_url.empty()) by_url.emplace(placed.source_url, number);
            if (o.content_hash) by_content.emplace(o.content_hash, number);
        }
    }
    result.posts.resize(kept);
    return result;
}

}  // namespace folio

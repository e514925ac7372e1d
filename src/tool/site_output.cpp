#include "site_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_set>

#include "folio/bundle.h"
#include "gzip.h"
#include "site_offline.h"

namespace folio {
namespace fs = std::filesystem;

// Sized by fstat and read in a few calls: a stream read char by char was a tenth of an incremental build.
Result<std::string> read_file_bytes(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{"cannot open " + path.string()};
    struct stat st {};
    std::string bytes(::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0, '\0');
    std::size_t have = 0;
    char more[4096];  // past the size: a file that grew, or one without a size (a pipe)
    for (;;) {
        const bool full = have == bytes.size();
        const ssize_t n = full ? ::read(fd, more, sizeof more) : ::read(fd, bytes.data() + have, bytes.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return Error{"cannot read " + path.string() + ": " + std::strerror(errno)};
        }
        if (n == 0) break;
        if (full) bytes.append(more, static_cast<std::size_t>(n));
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(have);  // a file that shrank
    return bytes;
}

Result<std::string> read_site_file(const fs::path& root, const std::string& rel, std::string_view dictionary) {
    auto bytes = read_file_bytes(root / rel);
    const bool with_dictionary = rel.ends_with(".gzd");
    if (!bytes || !(with_dictionary || rel.ends_with(".gz"))) return bytes;
    if (with_dictionary && dictionary.empty()) return Error{rel + ": the site's manifest names no dictionary for it"};
    auto raw = with_dictionary ? gzip_decompress_with_dictionary(*bytes, dictionary) : gzip_decompress(*bytes);
    if (!raw) return Error{rel + ": " + raw.error().message};
    return raw;
}

Result<std::string> read_site_dictionary(const fs::path& root) {
    auto manifest = read_manifest([&](const std::string& rel) { return read_site_file(root, rel); });
    if (!manifest) return manifest.error();
    if (manifest->dictionary.file.empty()) return std::string();
    return read_site_file(root, manifest->dictionary.file);
}

namespace {

// One open, write and close: a build writes tens of thousands of files, and on some disks making
// one costs a quarter of a millisecond already (its folder is made only when the open finds none).
Status write_file(const fs::path& path, const std::string& bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) return Error{"cannot create folder " + path.parent_path().string() + ": " + ec.message()};
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0) return Error{"cannot write " + path.string() + ": " + std::strerror(errno)};
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const int write_errno = done == bytes.size() ? 0 : (errno ? errno : EIO);
    if (::close(fd) != 0 && write_errno == 0) return Error{"cannot write " + path.string() + ": " + std::strerror(errno)};
    if (write_errno != 0) return Error{"cannot write " + path.string() + ": " + std::strerror(write_errno)};
    return Ok{};
}

// Writes the site's files into dir: the generated ones, the kept ones unless link_kept is false
// (they are in the site already), and the app's.
Status fill(const fs::path& dir, const SiteContents& contents, bool link_kept) {
    for (const auto& f : contents.files)
        if (auto st = write_file(dir / f.path, f.bytes); !st) return st;
    fs::path made;  // the folder last made, so most kept files cost one link call (61,000 at 100k posts)
    for (const auto& [src, rel, bytes] : contents.keep_files) {
        if (!link_kept) break;
        std::error_code ec;
        const fs::path to = dir / rel;
        if (to.parent_path() != made) {
            fs::create_directories(to.parent_path(), ec);
            made = to.parent_path();
        }
        fs::create_hard_link(src, to, ec);
        // Names carry a hash of the bytes: a file already there (two equal parts) is this one.
        if (ec == std::errc::file_exists) continue;
        if (ec) fs::copy_file(src, to, fs::copy_options::overwrite_existing, ec);
        if (ec) return Error{"cannot copy " + src.string() + ", a file of the previous site (" + ec.message() +
                             "); if it was removed by hand, build with --full"};
    }
    for (const auto& src : contents.copy_files) {
        std::error_code ec;
        fs::copy_file(src, dir / src.filename(), fs::copy_options::overwrite_existing, ec);
        if (ec) return Error{"cannot copy " + src.string() + ": " + ec.message()};
    }
    return Ok{};
}

}  // namespace

Status write_file_atomic(const fs::path& path, const std::string& bytes) {
    std::error_code ec;
    const fs::path target = fs::absolute(path).lexically_normal();
    if (fs::is_directory(target, ec)) return Error{target.string() + " is a folder"};
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".folio-" + std::to_string(::getpid()) + "-new");
    if (auto st = write_file(tmp, bytes); !st) {
        fs::remove(tmp, ec);
        return st;
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        const std::string message = ec.message();
        fs::remove(tmp, ec);
        return Error{"cannot move " + target.string() + " into place: " + message};
    }
    return Ok{};
}

namespace {

// The site folder out_dir names, when it may be replaced, and the new one's name beside it.
Result<std::pair<fs::path, fs::path>> site_target(const fs::path& out_dir) {
    std::error_code ec;
    const fs::path out = fs::absolute(out_dir).lexically_normal();
    const fs::path target = out.filename().empty() ? out.parent_path() : out;
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec)) return Error{target.string() + " exists and is not a folder"};
        if (!fs::is_empty(target, ec) && !fs::exists(target / kManifestPath, ec))
            return Error{"refusing to replace " + target.string() +
                         ": it is not empty and not a Folio site (no " + kManifestPath + ")"};
    }
    fs::create_directories(target.parent_path(), ec);
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".folio-" + std::to_string(::getpid()) + "-new");
    return std::pair{target, tmp};
}

}  // namespace

Result<fs::path> stage_site(const fs::path& out_dir) {
    auto where = site_target(out_dir);
    if (!where) return where.error();
    std::error_code ec;
    fs::remove_all(where->second, ec);
    fs::create_directories(where->second, ec);
    if (ec) return Error{"cannot create " + where->second.string() + ": " + ec.message()};
    return where->second;
}

void write_file_staged(const fs::path& staged, BundleFile file, MadeFiles& out) {
    if (staged.empty() || named_revision(file.path).empty()) {
        out.kept.push_back(std::move(file));
        return;
    }
    if (auto st = write_file(staged / file.path, file.bytes); !st) {
        if (out.status) out.status = st;
        return;
    }
    out.written.emplace_back(file.path, file.bytes.size());
}

Status add_made_files(SiteContents& contents, MadeFiles& made) {
    if (!made.status) return made.status;
    for (auto& f : made.kept) contents.files.push_back(std::move(f));
    contents.written.insert(contents.written.end(), made.written.begin(), made.written.end());
    made = {};
    return Ok{};
}

namespace {

// Whether every kept file is the target site's own (an incremental build of it), so the site can be
// updated where it is.
bool keeps_own_files(const fs::path& target, const SiteContents& contents) {
    std::error_code ec;
    if (contents.keep_files.empty() || !fs::exists(target / kManifestPath, ec)) return false;
    // As strings: a hundred thousand paths made and compared part by part took a tenth of a second.
    const std::string root = target.string() + "/";
    return std::all_of(contents.keep_files.begin(), contents.keep_files.end(), [&](const auto& kept) {
        const std::string& src = kept.src.native();
        return src.size() == root.size() + kept.rel.size() && src.starts_with(root) && src.ends_with(kept.rel);
    });
}

// Every path of the new site, relative to its root: views of contents' paths and of app_names (the
// copied app files' names).
std::unordered_set<std::string_view> site_paths(const SiteContents& contents, std::vector<std::string>& app_names) {
    std::unordered_set<std::string_view> paths;
    paths.reserve(contents.files.size() + contents.written.size() + contents.keep_files.size() + contents.copy_files.size());
    for (const auto& f : contents.files) paths.insert(f.path);
    for (const auto& [path, bytes] : contents.written) paths.insert(path);
    for (const auto& kept : contents.keep_files) paths.insert(kept.rel);
    app_names.clear();
    for (const auto& src : contents.copy_files) app_names.push_back(src.filename().string());
    for (const auto& name : app_names) paths.insert(name);
    return paths;
}

// An incremental build changes a few hundred of a large site's files: linking the rest into a new
// folder and removing the old one cost 1.7 s at 100,000 posts. Here the new files, written in tmp,
// move into the site: first the data files named by their content, which the old manifest never
// names (if one fails, those moved go again and the old site is whole); then the manifest, the app
// and the page, each replaced at once, the page last; then what the new site no longer has goes.
Status update_in_place(const fs::path& target, const fs::path& tmp, const SiteContents& contents) {
    std::error_code ec;
    std::vector<std::string> before;  // the old site's entries in its root and data folder
    for (const std::string& dir : {std::string("data/"), std::string()})
        for (const auto& entry : fs::directory_iterator(target / dir, ec)) before.push_back(dir + entry.path().filename().string());
    std::unordered_set<std::string_view> present;
    present.reserve(before.size());
    for (const std::string& rel : before) present.insert(rel);
    for (const auto& kept : contents.keep_files)
        if (!present.count(kept.rel)) {
            fs::remove_all(tmp, ec);
            return Error{"cannot find " + kept.src.string() + ", a file of the previous site; if it was removed by hand, "
                         "build with --full"};
        }
    if (auto st = fill(tmp, contents, false); !st) {
        fs::remove_all(tmp, ec);
        return st;
    }
    std::vector<std::string> named, others;
    for (const auto& [path, bytes] : contents.written) named.push_back(path);
    for (const auto& f : contents.files) (named_revision(f.path).empty() ? others : named).push_back(f.path);
    std::sort(named.begin(), named.end());  // equal parts (the same posts twice) have one file
    named.erase(std::unique(named.begin(), named.end()), named.end());
    for (const auto& src : contents.copy_files) others.push_back(src.filename().string());
    std::stable_partition(others.begin(), others.end(), [](const std::string& p) { return p != "index.html"; });
    std::vector<std::string> added;  // named files the old site did not have
    for (const std::string& rel : named) {
        const fs::path to = target / rel;
        fs::create_directories(to.parent_path(), ec);
        const bool had = present.count(rel) > 0;
        fs::rename(tmp / rel, to, ec);
        if (ec) {
            const std::string message = "cannot move " + rel + " into " + target.string() + ": " + ec.message();
            for (const std::string& gone : added) fs::remove(target / gone, ec);
            fs::remove_all(tmp, ec);
            return Error{message};
        }
        if (!had) added.push_back(rel);
    }
    for (const std::string& rel : others) {
        fs::rename(tmp / rel, target / rel, ec);
        if (ec) {
            const std::string message = "cannot move " + rel + " into " + target.string() + ": " + ec.message();
            fs::remove_all(tmp, ec);
            return Error{message + " (the site is partly updated: build again)"};
        }
    }
    fs::remove_all(tmp, ec);
    std::vector<std::string> app_names;
    const auto keep = site_paths(contents, app_names);
    for (const std::string& rel : before)
        if (rel != "data" && !keep.count(rel)) fs::remove_all(target / rel, ec);
    return Ok{};
}

}  // namespace

Status write_site(const fs::path& out_dir, const SiteContents& contents) {
    std::error_code ec;
    auto where = site_target(out_dir);
    if (!where) return where.error();
    const auto& [target, tmp] = *where;
    if (contents.staged.empty()) fs::remove_all(tmp, ec);
    if (keeps_own_files(target, contents)) return update_in_place(target, tmp, contents);
    const std::string suffix = ".folio-" + std::to_string(::getpid());
    const fs::path old = target.parent_path() / ("." + target.filename().string() + suffix + "-old");
    if (auto st = fill(tmp, contents, true); !st) {
        fs::remove_all(tmp, ec);
        return st;
    }
    const bool had_old = fs::exists(target, ec);
    if (had_old) {
        fs::rename(target, old, ec);
        if (ec) {
            fs::remove_all(tmp, ec);
            return Error{"cannot move the old site aside: " + ec.message()};
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        const std::string message = ec.message();
        if (had_old) fs::rename(old, target, ec);
        fs::remove_all(tmp, ec);
        return Error{"cannot move the new site into place: " + message};
    }
    if (had_old) fs::remove_all(old, ec);
    return Ok{};
}

}  // namespace folio

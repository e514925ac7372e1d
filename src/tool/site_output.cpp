#include "site_output.h"

#include <fstream>
#include <unistd.h>

#include "gzip.h"
#include "site_offline.h"

namespace folio {
namespace fs = std::filesystem;

Result<std::string> read_file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot open " + path.string()};
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Error{"cannot read " + path.string()};
    return bytes;
}

Result<std::string> read_site_file(const fs::path& root, const std::string& rel) {
    auto bytes = read_file_bytes(root / rel);
    if (!bytes || !rel.ends_with(".gz")) return bytes;
    auto raw = gzip_decompress(*bytes);
    if (!raw) return Error{rel + ": " + raw.error().message};
    return raw;
}

namespace {

Status write_file(const fs::path& path, const std::string& bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return Error{"cannot create folder " + path.parent_path().string() + ": " + ec.message()};
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return Error{"cannot write " + path.string()};
    return Ok{};
}

Status fill(const fs::path& dir, const SiteContents& contents) {
    for (const auto& f : contents.files)
        if (auto st = write_file(dir / f.path, f.bytes); !st) return st;
    fs::path made;  // the folder last made, so most kept files cost one link call (61,000 at 100k posts)
    for (const auto& [src, rel] : contents.keep_files) {
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
        if (ec) return Error{"cannot copy " + src.string() + ": " + ec.message()};
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

Status write_site(const fs::path& out_dir, const SiteContents& contents) {
    std::error_code ec;
    auto where = site_target(out_dir);
    if (!where) return where.error();
    const auto& [target, tmp] = *where;
    const std::string suffix = ".folio-" + std::to_string(::getpid());
    const fs::path old = target.parent_path() / ("." + target.filename().string() + suffix + "-old");
    if (contents.staged.empty()) fs::remove_all(tmp, ec);
    if (auto st = fill(tmp, contents); !st) {
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

#include "build_stamps.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "build_cache.h"
#include "folio/hash.h"
#include "folio/version.h"
#include "site_output.h"

namespace folio {
namespace fs = std::filesystem;

namespace {

// Mixes one entry's hash so that the sum over entries does not depend on their order.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// One entry: its path, and (when stat_it) its kind, size and modification time, following links as ingest does.
void add_entry(TreeStamp& out, const fs::path& path, const std::string& rel, bool stat_it) {
    std::string text = rel;
    struct ::stat st {};
    if (stat_it) {
        if (::stat(path.c_str(), &st) == 0) {
            const std::int64_t mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
            text += '\0' + std::to_string(st.st_mode & S_IFMT) + ' ' + std::to_string(st.st_size) + ' ' + std::to_string(mtime);
            out.newest_ns = std::max(out.newest_ns, mtime);
        } else {
            text += "\0unreadable";
        }
    }
    out.hash += mix(fnv1a64(text));
    ++out.files;
}

}  // namespace

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

TreeStamp stamp_tree(const std::vector<fs::path>& roots, const std::string& skip) {
    TreeStamp out;
    for (std::size_t r = 0; r < roots.size(); ++r) {
        const std::string prefix = std::to_string(r) + ":";
        std::error_code ec;
        if (!fs::is_directory(roots[r], ec)) {
            add_entry(out, roots[r], prefix + fs::absolute(roots[r]).string(), true);
            continue;
        }
        add_entry(out, roots[r], prefix + fs::absolute(roots[r]).string() + "/", false);
        fs::recursive_directory_iterator it(roots[r], fs::directory_options::skip_permission_denied, ec), end;
        if (ec) add_entry(out, roots[r], prefix + "unreadable", false);
        for (; !ec && it != end; it.increment(ec)) {
            const std::string rel = prefix + it->path().lexically_relative(roots[r]).generic_string();
            const bool is_dir = it->is_directory(ec);
            const std::string name = it->path().filename().string();
            if (name == skip) continue;
            if (!name.empty() && name[0] == '.') {  // not searched by ingest: only its name counts
                if (is_dir) it.disable_recursion_pending();
                add_entry(out, it->path(), rel + (is_dir ? "/" : ""), false);
            } else {
                add_entry(out, it->path(), rel + (is_dir ? "/" : ""), !is_dir);
            }
        }
        if (ec) add_entry(out, roots[r], prefix + "unreadable " + ec.message(), false);
    }
    return out;
}

std::string make_stamp_key(const std::string& options, const TreeStamp& inputs, const TreeStamp& app,
                           const fs::path& site_dir, std::uint64_t manifest_hash) {
    const TreeStamp site = stamp_tree({site_dir});
    const TreeStamp cache = stamp_tree({build_cache_path(site_dir)}, "stamps.txt");
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const TreeStamp binary = stamp_tree({exe});
    std::ostringstream key;
    key << "stamps 1\nfolio " << kFolioVersion << ' ' << hex64(binary.hash) << "\noptions " << hex64(fnv1a64(options))
        << "\ninputs " << hex64(inputs.hash) << ' ' << inputs.files << "\napp " << hex64(app.hash) << ' ' << app.files
        << "\nsite " << hex64(site.hash) << ' ' << site.files << "\ncache " << hex64(cache.hash) << ' ' << cache.files << "\nmanifest " << hex64(manifest_hash) << '\n';
    return key.str();
}

fs::path stamps_path(const fs::path& site_dir) { return build_cache_path(site_dir) / "stamps.txt"; }

std::optional<BuildStamps> read_stamps(const fs::path& site_dir) {
    auto bytes = read_file_bytes(stamps_path(site_dir));
    if (!bytes) return std::nullopt;
    const auto split = bytes->find("\n\n");  // key, blank line, input count, summary
    if (split == std::string::npos) return std::nullopt;
    const auto line = bytes->find('\n', split + 2);
    if (line == std::string::npos) return std::nullopt;
    BuildStamps stamps{bytes->substr(0, split + 1), bytes->substr(line + 1), 0};
    try {
        stamps.files = std::stoull(bytes->substr(split + 2, line - split - 2));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return stamps;
}

void write_stamps(const fs::path& site_dir, const BuildStamps& stamps) {
    (void)write_file_atomic(stamps_path(site_dir), stamps.key + "\n" + std::to_string(stamps.files) + "\n" + stamps.summary);
}

}  // namespace folio

#include "build_stamps.h"

#include <sys/stat.h>

#include <charconv>

#include "folio/hash.h"
#include "site_output.h"

namespace fs = std::filesystem;

namespace folio {
namespace {

constexpr const char* kStampsFile = "stamps.txt";
constexpr std::string_view kMagic = "folio stamps 1\n";

// One line per entry: its size and modification time (ns), or false when it is too new to trust.
bool stamp(std::string& out, const fs::path& path, const std::string& name, std::int64_t trust_before_ns) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        out += "missing " + name + "\n";
        return true;
    }
    const std::int64_t mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (mtime >= trust_before_ns) return false;
    out += std::to_string(st.st_size) + " " + std::to_string(mtime) + " " + name + "\n";
    return true;
}

// A listed file's line, or false when it is too new to trust.
bool stamp_entry(std::string& out, const ListedEntry& entry, const std::string& name, std::int64_t trust_before_ns) {
    if (!entry.stated) {
        out += "missing " + name + "\n";
        return true;
    }
    if (entry.mtime_ns >= trust_before_ns) return false;
    // Appended in place: a string made per file was a quarter of a no-change build at 167,000 posts.
    char numbers[48];
    char* end = std::to_chars(numbers, numbers + 21, entry.size).ptr;
    *end++ = ' ';
    end = std::to_chars(end, numbers + 46, entry.mtime_ns).ptr;
    *end++ = ' ';
    out.append(numbers, end);
    out += name;
    out += '\n';
    return true;
}

// Every file under an input as the ingest walks it (hidden folders not entered).
bool stamp_input(std::string& out, const ListedInput& input, std::int64_t trust_before_ns) {
    const std::string root = fs::absolute(input.root).lexically_normal().generic_string();
    if (input.is_file) return stamp_entry(out, input.entries.front(), root, trust_before_ns);
    if (!input.error.empty()) return false;  // the build reports it, so it is not skipped
    out += "input " + root + "\n";
    std::size_t bytes = 0;
    for (const ListedEntry& entry : input.entries) bytes += entry.rel.size() + 32;
    out.reserve(out.size() + bytes);
    for (const ListedEntry& entry : input.entries) {
        if (entry.walk_error) return false;
        if (!entry.is_dir && !stamp_entry(out, entry, entry.rel, trust_before_ns)) return false;
    }
    return true;
}

// The site's folders' modification times: a file added to or removed from the site by hand
// changes them (the build writes them before its stamps).
std::string site_stamp(const fs::path& site) {
    std::string out;
    for (const fs::path& dir : {site, site / "data"}) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0) return "none";
        out += std::to_string(static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec) + " ";
    }
    return out;
}

}  // namespace

std::optional<std::string> collect_stamps(const InputListing& inputs, const fs::path& app_dir,
                                          const std::string& fingerprint, std::int64_t trust_before_ns) {
    std::string out(kMagic);
    out += fingerprint + "\n";
    std::error_code ec;
    // The folio that builds: another binary of the same version may write other bytes.
    if (!stamp(out, fs::read_symlink("/proc/self/exe", ec), "folio", trust_before_ns)) return std::nullopt;
    out += "app " + fs::absolute(app_dir).lexically_normal().generic_string() + "\n";
    for (const auto& entry : fs::directory_iterator(app_dir, ec))
        if (!stamp(out, entry.path(), entry.path().filename().string(), trust_before_ns)) return std::nullopt;
    for (const ListedInput& input : inputs)
        if (!stamp_input(out, input, trust_before_ns)) return std::nullopt;
    return out;
}

void write_stamps(const fs::path& cache_dir, const fs::path& site, const std::string& stamps, std::uint64_t manifest_hash,
                  const std::string& summary) {
    // Best effort: without it the next build only takes the longer way.
    (void)write_file_atomic(cache_dir / kStampsFile, std::to_string(manifest_hash) + " " + site_stamp(site) + "\n" +
                                                         std::to_string(summary.size()) + "\n" + summary + stamps);
}

std::optional<std::string> unchanged_since_last_build(const fs::path& cache_dir, const fs::path& site, const std::string& stamps) {
    const auto stored = read_file_bytes(cache_dir / kStampsFile);
    if (!stored) return std::nullopt;
    const std::string& s = *stored;
    const std::size_t a = s.find('\n'), b = a == std::string::npos ? a : s.find('\n', a + 1);
    if (b == std::string::npos) return std::nullopt;
    const std::string hash = s.substr(0, a), size = s.substr(a + 1, b - a - 1);
    if (size.empty() || size.find_first_not_of("0123456789") != std::string::npos || size.size() > 9) return std::nullopt;
    const std::size_t summary_bytes = std::stoul(size);
    if (b + 1 + summary_bytes > s.size() || s.compare(b + 1 + summary_bytes, std::string::npos, stamps) != 0) return std::nullopt;
    const auto manifest = read_file_bytes(site / "data" / "manifest.json");
    if (!manifest || std::to_string(fnv1a64(*manifest)) + " " + site_stamp(site) != hash) return std::nullopt;  // the site was changed by hand
    return s.substr(b + 1, summary_bytes);
}

}  // namespace folio

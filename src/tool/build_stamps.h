#pragma once
// The stamps of a build (<site>.folio-cache/stamps.txt): what the build read and wrote, by path,
// size and modification time, so that the next build with nothing changed can say so without
// reading its cache or touching the site. Written after the site and its cache; any difference
// (an input, the app, the options, the folio binary, the site itself) means a normal build.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace folio {

// Every entry under the folders (or the files themselves), order-independently hashed by path,
// kind, size and modification time; hidden entries by name only, not searched (as ingest does).
struct TreeStamp {
    std::uint64_t hash = 0;
    std::size_t files = 0;
    std::int64_t newest_ns = 0;  // the latest modification time seen
};
// skip: a name left out wherever it is (the stamps file itself).
TreeStamp stamp_tree(const std::vector<std::filesystem::path>& roots, const std::string& skip = {});

struct BuildStamps {
    std::string key;      // everything that must be the same (make_stamp_key)
    std::string summary;  // the summary lines the build printed (its counts)
    std::size_t files = 0;  // input entries
};

// The key: the options' text, the folio binary (its version, size and modification time), the
// inputs' and the app's trees, and the site's and its build cache's trees and the manifest's hash.
std::string make_stamp_key(const std::string& options, const TreeStamp& inputs, const TreeStamp& app,
                           const std::filesystem::path& site_dir, std::uint64_t manifest_hash);

std::filesystem::path stamps_path(const std::filesystem::path& site_dir);
std::optional<BuildStamps> read_stamps(const std::filesystem::path& site_dir);
// Fails quietly: without stamps the next build is a normal one.
void write_stamps(const std::filesystem::path& site_dir, const BuildStamps& stamps);

// The current time, in the nanoseconds of file modification times.
std::int64_t now_ns();

}  // namespace folio

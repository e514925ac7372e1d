#pragma once
// A build's stamps: what it read (every file under its inputs by path, size and modification time,
// the app folder's files, the folio binary, the options) and the manifest it wrote, kept in the
// build cache's folder. A build whose stamps are the same as the last one's, into a site whose
// manifest is the one that build wrote, has nothing to do: it stops before decoding the cache
// (the no-change case of incremental builds, build_cache.h).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "folio/ingest.h"

namespace folio {

// The stamps of what a build reads now (the inputs listed with their files stat'ed); none when a file
// was modified at or after trust_before_ns (it may change again within the file clock's tick: such a
// build is never skipped).
std::optional<std::string> collect_stamps(const InputListing& inputs, const std::filesystem::path& app_dir,
                                          const std::string& fingerprint, std::int64_t trust_before_ns);

// Kept beside the cache after a successful build: the stamps, the manifest's hash, the site's
// folders' modification times and the summary it printed.
void write_stamps(const std::filesystem::path& cache_dir, const std::filesystem::path& site, const std::string& stamps,
                  std::uint64_t manifest_hash, const std::string& summary);

// The last build's summary when nothing changed since: the same stamps now, the site's manifest
// is still the one it wrote and no file was added to or removed from its folders. Else none (the
// build goes on as usual).
std::optional<std::string> unchanged_since_last_build(const std::filesystem::path& cache_dir, const std::filesystem::path& site,
                                                      const std::string& stamps);

}  // namespace folio

#pragma once
// The build cache of incremental builds: what the last `folio build` read from each input file
// (by the fnv1a64 of its bytes) and which stored files it wrote for each body chunk and index
// segment (by a key over the posts they hold). Kept beside the site as <site>.folio-cache, so a
// deployed site folder stays free of it; valid only for the site whose manifest it names.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "folio/ingest.h"
#include "folio/result.h"

namespace folio {

struct BuildCache {
    struct Entry {
        std::uint64_t hash = 0, size = 0;
        std::int64_t mtime_ns = 0;  // 0: not to be trusted (the file was written during or after that build)
        FileResult result;
    };
    std::string fingerprint;  // generator and every option that changes what a file reads as
    std::uint64_t manifest_hash = 0;  // fnv1a64 of the site's data/manifest.json
    std::map<std::string, Entry> files;  // by input path
    std::vector<std::uint64_t> body_keys;     // one per manifest body chunk, in order
    std::vector<std::uint64_t> segment_keys;  // one per manifest search segment, in order
    std::vector<std::pair<std::uint64_t, std::string>> font_keys;  // SiteFonts::keys -> the stored font file
};

std::filesystem::path build_cache_path(const std::filesystem::path& site_dir);
// The files part, from a build's results: every file read but those skipped as duplicates
// (read again next time, since what they duplicate may change). A modification time from
// trust_before_ns on is stored as 0: a file written while the build ran (or in the same clock tick)
// may have changed since it was read, so the next build reads it again (git's "racy clean" rule).
std::string encode_cache_files(const std::vector<FileStamp>& files, const std::vector<Post>& posts,
                               const IngestReport& report, std::int64_t trust_before_ns);
// The whole cache: cache's header fields (its files map is ignored) and the files part.
std::string encode_build_cache(const BuildCache& cache, const std::string& files_section);
// Fails on anything damaged or of another cache version (the build then reads every file).
Result<BuildCache> decode_build_cache(std::string_view bytes);

}  // namespace folio

#pragma once
// The build cache of incremental builds: what the last `folio build` read from each input file
// (by its size and modification time, and the fnv1a64 of its bytes) and which stored files it
// wrote for each body chunk, index segment and font subset. Kept beside the site as the folder
// <site>.folio-cache, so a deployed site folder stays free of it; valid only for the site whose
// manifest it names.
//
// head.bin           fingerprint, manifest hash, chunk/segment keys, each chunk's body files, font
//                    keys, the piece names
// files-<key>.bin    the entries of one body chunk's files (one more piece holds the files that
//                    gave no post); named by a key over those files' stamps, so a build whose
//                    chunk did not change links the previous piece instead of writing it again.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "folio/bundle.h"
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
    std::vector<std::uint64_t> body_keys;     // one per body chunk (a metadata shard's run), in order
    std::vector<std::vector<BodyPack>> body_packs;  // each chunk's body files, in order
    std::vector<std::uint64_t> segment_keys;  // one per manifest search segment, in order
    std::vector<std::pair<std::uint64_t, std::string>> font_keys;  // SiteFonts::keys -> the stored font file
    std::vector<std::string> pieces;  // the piece files' names
};

// A piece of the cache to write: its name and bytes; empty bytes: the previous cache has it.
struct CachePiece {
    std::string name;
    std::string bytes;
};

std::filesystem::path build_cache_path(const std::filesystem::path& site_dir);

// Cuts a build's results into pieces: a piece per body chunk (`chunks` over `posts`, which are in
// bundle order), one for the files that gave no post. Files skipped as duplicates are left out
// (read again next time, since what they duplicate may change). A modification time from
// trust_before_ns on is stored as 0: a file written while the build ran (or in the same clock tick)
// may have changed since it was read, so the next build reads it again (git's "racy clean" rule).
// A piece named in `existing` is not encoded again.
std::vector<CachePiece> cache_pieces(const std::vector<FileStamp>& files, const std::vector<Post>& posts,
                                     const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                                     const IngestReport& report, std::int64_t trust_before_ns,
                                     const std::string& fingerprint, const std::vector<std::string>& existing);

// The bytes of head.bin and of one piece, and back; decoding fails on anything damaged or of
// another cache version (the build then reads every file).
std::string encode_cache_head(const BuildCache& cache);
Result<BuildCache> decode_cache_head(std::string_view bytes);
Status decode_cache_piece(std::string_view bytes, std::map<std::string, BuildCache::Entry>& out);

// The whole cache of a site: the head, then every piece it names (read in parallel).
Result<BuildCache> read_build_cache(const std::filesystem::path& cache_dir);
// Writes head and pieces into a new folder beside cache_dir (pieces with no bytes hard-linked,
// else copied, from `previous`) and returns it; commit_build_cache moves it into place.
Result<std::filesystem::path> stage_build_cache(const std::filesystem::path& cache_dir, const BuildCache& cache,
                                                const std::vector<CachePiece>& pieces, const std::filesystem::path& previous);
Status commit_build_cache(const std::filesystem::path& staged, const std::filesystem::path& cache_dir);

}  // namespace folio

#pragma once
// The build cache of incremental builds: what the last `folio build` read from each input file
// (by its size and modification time, and the fnv1a64 of its bytes) and which stored files it
// wrote for each body chunk, index segment and font subset. Kept beside the site as the folder
// <site>.folio-cache, so a deployed site folder stays free of it; valid only for the site whose
// manifest it names.
//
// head.bin           fingerprint, manifest hash, chunk/segment keys, each chunk's body files, font
//                    keys, the fold table's input hash, the piece names
// files-<key>.bin    the entries of one body chunk's files (one more piece holds the files that
//                    gave no post), their posts without blocks, and the chunk's code points
//                    (ChunkCodepoints); named by a key over those files' stamps, so a build whose
//                    chunk did not change links the previous piece instead of writing it again.
// blocks-<key>.bin   the blocks of that piece's posts, read only when a post's text is needed again.
#include <cstdint>
#include <functional>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "folio/bundle.h"
#include "folio/ingest.h"
#include "folio/result.h"
#include "site_fonts.h"

namespace folio {

struct BuildCache {
    struct Entry {
        std::uint64_t hash = 0, size = 0;
        std::int64_t mtime_ns = 0;  // 0: not to be trusted (the file was written during or after that build)
        FileResult result;  // its post without blocks: they stay in the piece's blocks file
        std::uint32_t piece = 0, slot = 0;  // the piece (index in pieces) and the post's place in its blocks file
        bool taken = false;  // its result went to this build (the reuse hooks)
    };
    std::string fingerprint;  // generator and every option that changes what a file reads as
    std::uint64_t manifest_hash = 0;  // fnv1a64 of the site's data/manifest.json
    std::unordered_map<std::string, Entry> files;  // by input path
    std::vector<std::uint64_t> body_keys;     // one per body chunk (a metadata shard's run), in order
    std::vector<std::vector<BodyPack>> body_packs;  // each chunk's body files, in order
    std::vector<std::uint64_t> segment_keys;  // one per manifest search segment, in order
    std::vector<std::pair<std::uint64_t, std::string>> font_keys;  // SiteFonts::keys -> the stored font file
    std::uint64_t fold_key = 0;  // a hash of the code points the site's fold table was built for
    std::uint64_t dictionary_key = 0;  // the posts the body files' dictionary was trained on (posts_key), 0: none
    std::vector<std::string> pieces;  // the piece files' names
    std::map<std::string, ChunkCodepoints> codepoints;  // by piece name: its chunk's (read back only)
};

// The input files of each piece of the cache (a body chunk's, then those that gave no post), and
// each piece's name: a key over the files' stamps.
struct CachePlan {
    std::vector<std::vector<const FileStamp*>> groups;
    std::vector<std::string> names;
};

std::filesystem::path build_cache_path(const std::filesystem::path& site_dir);

// Groups a build's files into pieces: a piece per body chunk (`chunks` over `posts`, which are in
// bundle order), one for the files that gave no post. Files skipped as duplicates are left out
// (read again next time, since what they duplicate may change). A modification time from
// trust_before_ns on is stored as 0: a file written while the build ran (or in the same clock tick)
// may have changed since it was read, so the next build reads it again (git's "racy clean" rule).
CachePlan plan_cache_pieces(const std::vector<FileStamp>& files, const std::vector<Post>& posts,
                            const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                            const IngestReport& report, std::int64_t trust_before_ns, const std::string& fingerprint);

// The bytes of piece k (files-*.bin) and of its blocks (blocks-*.bin); its posts must have their
// blocks. counted: the chunk's code points (none for the last piece).
struct PieceBytes {
    std::string files, blocks;
};
// Each post (its metadata), skipped file and warning by its path (pointing into posts and report).
struct CacheSources {
    CacheSources(const std::vector<Post>& posts, const IngestReport& report);
    std::unordered_map<std::string_view, const Post*> post_of;
    std::unordered_map<std::string_view, const SkippedFile*> skip_of;
    std::unordered_map<std::string_view, std::vector<const Warning*>> warnings_of;
};
// posts: the piece's own posts with their blocks (none for the last piece).
PieceBytes encode_cache_piece(const CachePlan& plan, std::size_t k, const std::vector<Post>& posts,
                              const CacheSources& sources, std::int64_t trust_before_ns, const ChunkCodepoints& counted);
std::string blocks_file_name(const std::string& piece);

// The bytes of head.bin and of one piece, and back; decoding fails on anything damaged or of
// another cache version (the build then reads every file).
std::string encode_cache_head(const BuildCache& cache);
Result<BuildCache> decode_cache_head(std::string_view bytes);
// piece: the piece's index, noted in each entry.
using CacheEntries = std::unordered_map<std::string, BuildCache::Entry>;
Status decode_cache_piece(std::string_view bytes, std::uint32_t piece, CacheEntries& out,
                          ChunkCodepoints& counted);
// One post's blocks as the cache stores them, and back (no checksum: for the build's own spill file).
std::string encode_blocks(const std::vector<Block>& blocks);
Result<std::vector<Block>> decode_blocks(std::string_view bytes);
// The blocks of every post of a piece, in slot order.
Result<std::vector<std::vector<Block>>> decode_cache_blocks(std::string_view bytes);

// The whole cache of a site: the head, then every piece it names (read in parallel), without blocks.
Result<BuildCache> read_build_cache(const std::filesystem::path& cache_dir);
Result<std::vector<std::vector<Block>>> read_cache_blocks(const std::filesystem::path& cache_dir, const std::string& piece);
// A new folder beside cache_dir for the next cache, and into it: each piece of the plan, encoded
// (parallel, one at a time per thread) unless `previous` has it (then hard-linked, else copied).
// encode(k) gives piece k's bytes. commit_build_cache writes the head and moves it into place.
Result<std::filesystem::path> stage_cache_pieces(const std::filesystem::path& cache_dir, const CachePlan& plan,
                                                 const std::vector<std::string>& previous_pieces,
                                                 const std::function<Result<PieceBytes>(std::size_t)>& encode);
Status commit_build_cache(const std::filesystem::path& staged, const BuildCache& cache,
                          const std::filesystem::path& cache_dir);

}  // namespace folio

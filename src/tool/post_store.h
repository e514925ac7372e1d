#pragma once
// Where the posts' blocks wait while a build runs: the build keeps every post's metadata in memory
// but the blocks only of the posts it is working on, so its memory does not grow with the
// archive's text. Blocks read at ingest go to a spill file (unlinked at once: it goes with the
// process); those of posts the previous build's cache gave stay in its blocks files.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "folio/model.h"
#include "folio/result.h"

namespace folio {

class PostStore {
public:
    PostStore() = default;
    PostStore(const PostStore&) = delete;
    PostStore& operator=(const PostStore&) = delete;
    ~PostStore();
    // A spill file in dir. Without one, posts keep their blocks.
    Status open(const std::filesystem::path& dir);
    // Ingest's hook (IngestOptions::store_blocks): the post's blocks go to the spill file. Thread-safe.
    void store(Post& post);
    // A post whose blocks are in blocks file `piece` (of cache_dir), at `slot`.
    struct CacheSlot {
        std::uint32_t piece = 0, slot = 0;
    };
    // Once the posts are in their final order: where each one's blocks are. cached: the previous
    // cache's slot of a post it gave without blocks.
    void place(const std::vector<Post>& posts, const std::function<std::optional<CacheSlot>(const std::string& path)>& cached,
               const std::filesystem::path& cache_dir, const std::vector<std::string>& pieces);
    // Copies of posts [first, first + count) with their blocks. Thread-safe after place().
    Result<std::vector<Post>> load(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count) const;

private:
    struct Where {
        std::uint8_t kind = 0;  // 0: the post itself, 1: the spill file, 2: the previous cache
        std::uint32_t size = 0;  // spill: bytes; cache: the slot
        std::uint64_t at = 0;    // spill: offset; cache: the piece
    };
    int fd_ = -1;
    std::mutex mutex_;
    std::uint64_t end_ = 0;
    std::unordered_map<std::string, Where> spilled_;  // by path, until place()
    std::vector<Where> where_;                        // by post
    std::filesystem::path cache_dir_;
    std::vector<std::string> pieces_;
};

}  // namespace folio

#include "post_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include "build_cache.h"

namespace folio {

PostStore::~PostStore() {
    if (fd_ >= 0) ::close(fd_);
}

Status PostStore::open(const std::filesystem::path& dir) {
    std::string name = (dir / ".folio-spill-XXXXXX").string();
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) return Error{"cannot create a spill file in " + dir.string() + ": " + std::strerror(errno)};
    ::unlink(name.c_str());
    return Ok{};
}

void PostStore::store(Post& post) {
    if (fd_ < 0) return;
    const std::string bytes = encode_blocks(post.blocks);
    Where w{1, static_cast<std::uint32_t>(bytes.size()), 0};
    {
        std::lock_guard lock(mutex_);
        w.at = end_;
        end_ += bytes.size();
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(w.at + done));
        if (n <= 0) return;  // the post keeps its blocks
        done += static_cast<std::size_t>(n);
    }
    std::vector<Block>().swap(post.blocks);
    std::lock_guard lock(mutex_);
    spilled_.insert_or_assign(post.path, w);
}

void PostStore::place(const std::vector<Post>& posts, const std::function<std::optional<CacheSlot>(const std::string&)>& cached,
                      const std::filesystem::path& cache_dir, const std::vector<std::string>& pieces) {
    where_.assign(posts.size(), {});
    for (std::size_t i = 0; i < posts.size(); ++i) {
        if (auto it = spilled_.find(posts[i].path); it != spilled_.end()) where_[i] = it->second;
        else if (const auto slot = cached ? cached(posts[i].path) : std::nullopt) where_[i] = {2, slot->slot, slot->piece};
    }
    std::unordered_map<std::string, Where>().swap(spilled_);
    cache_dir_ = cache_dir;
    pieces_ = pieces;
}

Result<std::vector<Post>> PostStore::load(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count) const {
    std::vector<Post> out(posts.begin() + first, posts.begin() + first + count);
    std::map<std::uint64_t, std::vector<std::pair<std::uint32_t, std::size_t>>> from_cache;  // piece -> (slot, post)
    std::string bytes;
    for (std::uint32_t k = 0; k < count; ++k) {
        const Where& w = first + k < where_.size() ? where_[first + k] : Where{};
        if (w.kind == 2) from_cache[w.at].emplace_back(w.size, k);
        if (w.kind != 1) continue;
        bytes.resize(w.size);
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(w.at + done));
            if (n <= 0) return Error{std::string("cannot read the build's spill file: ") + std::strerror(errno)};
            done += static_cast<std::size_t>(n);
        }
        auto blocks = decode_blocks(bytes);
        if (!blocks) return blocks.error();
        out[k].blocks = std::move(*blocks);
    }
    for (const auto& [piece, slots] : from_cache) {
        auto blocks = read_cache_blocks(cache_dir_, pieces_.at(piece));
        if (!blocks) return Error{blocks.error().message + " (build with --full)"};
        for (const auto& [slot, k] : slots) {
            if (slot >= blocks->size()) return Error{"a piece of the build cache is damaged (build with --full)"};
            out[k].blocks = std::move((*blocks)[slot]);
        }
    }
    return out;
}

}  // namespace folio

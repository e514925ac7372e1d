#pragma once
// What `folio serve` answers for a site file: validators (ETag, Last-Modified) and 304s, and the
// bytes of text and wasm compressed once per version of a file, in a cache of bounded size.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace httplib {
class Server;
}

namespace folio {

// One version of a file on disk: a file rebuilt, replaced or touched is another version.
struct FileVersion {
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileVersion&) const = default;
};

// A file version as the server keeps it: the hash of its bytes, and for files worth compressing
// (small enough) the bytes themselves in every coding; other files are read from disk per request.
struct KeptFile {
    std::string hash;  // SHA-256 of the bytes on disk, 32 hex digits
    bool in_memory = false;
    std::string raw, gzip, brotli;
};

// Thread-safe. Holds at most max_bytes of file bytes and max_files versions, dropping the least
// recently used; answers handed out stay valid after they are dropped.
class FileCache {
public:
    FileCache(std::size_t max_bytes, std::size_t max_files) : max_bytes_(max_bytes), max_files_(max_files) {}
    // This version of the file at path (opened as fd), read and compressed by the first caller
    // only: later callers wait for that and share it. nullptr when the file cannot be read.
    std::shared_ptr<const KeptFile> get(const std::string& path, int fd, const FileVersion& version, bool compress);
    std::size_t bytes() const;

private:
    using Ready = std::shared_future<std::shared_ptr<const KeptFile>>;
    struct Slot {
        FileVersion version;
        Ready ready;
        std::uint64_t serial = 0;  // which load filled it
        std::size_t bytes = 0;
        std::list<std::string>::iterator place;  // in lru_
    };
    void settle(const std::string& path, std::uint64_t serial, const std::shared_ptr<const KeptFile>& kept);
    void drop(std::unordered_map<std::string, Slot>::iterator slot);

    const std::size_t max_bytes_, max_files_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Slot> slots_;
    std::list<std::string> lru_;  // least recently used first
    std::size_t bytes_ = 0;
    std::uint64_t serial_ = 0;
};

// Answers GET and HEAD for every path with the file under root (404 outside it or for none).
void serve_site_files(httplib::Server& server, const std::filesystem::path& root, FileCache& cache);

}  // namespace folio

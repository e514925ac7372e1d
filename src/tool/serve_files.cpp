#include "serve_files.h"

#include <brotli/encode.h>
#include <fcntl.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "folio/hash.h"
#include "gzip.h"
#include "static_files.h"

namespace folio {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t kMaxCompressedFile = 16u << 20;  // larger text goes out as it is, read from disk
constexpr std::size_t kReadChunk = 64u << 10;
// app.wasm (1.2 MB): 385 KB in 60 ms at quality 5; quality 11 saves 12% more but takes 2 s.
constexpr int kBrotliQuality = 5;

class UniqueFd {
public:
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

std::string brotli_compress(std::string_view raw) {
    std::size_t size = BrotliEncoderMaxCompressedSize(raw.size());
    std::string out(size, '\0');
    if (size == 0 || !BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, raw.size(),
                                            reinterpret_cast<const std::uint8_t*>(raw.data()), &size,
                                            reinterpret_cast<std::uint8_t*>(out.data())))
        return {};  // not offered in br
    out.resize(size);
    return out;
}

// Reads size bytes through fd (pread: no shared offset), hashing them; keep gets the bytes if given.
// Nothing when the file is shorter than size or cannot be read.
std::optional<std::string> read_and_hash(int fd, std::uint64_t size, std::string* keep) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || !EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr)) return std::nullopt;
    std::string chunk(kReadChunk, '\0');
    for (std::uint64_t offset = 0; offset < size;) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, size - offset));
        const ssize_t n = pread(fd, chunk.data(), want, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        EVP_DigestUpdate(ctx.get(), chunk.data(), static_cast<std::size_t>(n));
        if (keep) keep->append(chunk.data(), static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!EVP_DigestFinal_ex(ctx.get(), digest, &length) || length < 16) return std::nullopt;
    std::uint64_t high = 0, low = 0;
    for (int i = 0; i < 8; ++i) {
        high = high << 8 | digest[i];
        low = low << 8 | digest[i + 8];
    }
    return hex64(high) + hex64(low);
}

std::shared_ptr<const KeptFile> load_kept(int fd, const FileVersion& version, bool compress) {
    auto kept = std::make_shared<KeptFile>();
    kept->in_memory = compress && version.size <= kMaxCompressedFile;
    if (kept->in_memory) kept->raw.reserve(static_cast<std::size_t>(version.size));
    auto hash = read_and_hash(fd, version.size, kept->in_memory ? &kept->raw : nullptr);
    if (!hash) return nullptr;
    kept->hash = std::move(*hash);
    if (kept->in_memory && !kept->raw.empty()) {
        kept->gzip = gzip_compress(kept->raw);
        kept->brotli = brotli_compress(kept->raw);
    }
    return kept;
}

}  // namespace

std::shared_ptr<const KeptFile> FileCache::get(const std::string& path, int fd, const FileVersion& version, bool compress) {
    std::promise<std::shared_ptr<const KeptFile>> promise;
    Ready ready;
    std::uint64_t serial = 0;
    {
        std::lock_guard lock(mutex_);
        const auto slot = slots_.find(path);
        if (slot != slots_.end() && slot->second.version == version) {
            lru_.splice(lru_.end(), lru_, slot->second.place);
            ready = slot->second.ready;
        } else {
            if (slot != slots_.end()) drop(slot);
            ready = promise.get_future().share();
            serial = ++serial_;
            slots_.emplace(path, Slot{version, ready, serial, 0, lru_.insert(lru_.end(), path)});
        }
    }
    if (serial == 0) return ready.get();  // another request is loading it, or has
    std::shared_ptr<const KeptFile> kept;
    try {
        kept = load_kept(fd, version, compress);
    } catch (const std::bad_alloc&) {
        kept = nullptr;  // this request fails; the server goes on
    }
    promise.set_value(kept);
    settle(path, serial, kept);
    return kept;
}

void FileCache::settle(const std::string& path, std::uint64_t serial, const std::shared_ptr<const KeptFile>& kept) {
    std::lock_guard lock(mutex_);
    const auto slot = slots_.find(path);
    if (slot == slots_.end() || slot->second.serial != serial) return;  // replaced or dropped while loading
    if (!kept) return drop(slot);                                         // the next request tries again
    slot->second.bytes = kept->raw.size() + kept->gzip.size() + kept->brotli.size() + path.size() + sizeof(Slot);
    bytes_ += slot->second.bytes;
    while ((bytes_ > max_bytes_ || slots_.size() > max_files_) && !lru_.empty()) drop(slots_.find(lru_.front()));
}

void FileCache::drop(std::unordered_map<std::string, Slot>::iterator slot) {
    bytes_ -= slot->second.bytes;
    lru_.erase(slot->second.place);
    slots_.erase(slot);
}

std::size_t FileCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

namespace {

// Bytes from memory, handed to httplib without a copy (and so never compressed again by it).
void send_bytes(httplib::Response& res, std::shared_ptr<const std::string> bytes, const std::string& type) {
    if (bytes->empty()) return res.set_content("", type);
    const std::size_t size = bytes->size();
    res.set_content_provider(size, type, [bytes = std::move(bytes)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(bytes->data() + offset, length);
    });
}

void send_text(httplib::Response& res, int status, const char* text) {
    res.status = status;
    send_bytes(res, std::make_shared<const std::string>(text), "text/plain; charset=utf-8");
}

// A file too large to keep, read from disk a chunk at a time as the socket takes it.
void send_file(httplib::Response& res, std::shared_ptr<UniqueFd> fd, std::uint64_t size, const std::string& type) {
    if (size == 0) return res.set_content("", type);
    auto chunk = std::make_shared<std::string>(kReadChunk, '\0');
    res.set_content_provider(static_cast<std::size_t>(size), type,
                             [fd = std::move(fd), chunk](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 const ssize_t n = pread(fd->get(), chunk->data(), std::min(length, chunk->size()),
                                                         static_cast<off_t>(offset));
                                 return n > 0 && sink.write(chunk->data(), static_cast<std::size_t>(n));
                             });
}

// If-None-Match decides when sent; If-Modified-Since only without it (RFC 9110, 13.2.2).
bool not_modified(const httplib::Request& req, const std::string& hash, std::time_t mtime) {
    if (req.has_header("If-None-Match")) return etag_matches(req.get_header_value("If-None-Match"), hash);
    if (!req.has_header("If-Modified-Since")) return false;
    const auto since = parse_http_date(req.get_header_value("If-Modified-Since"));
    return since && mtime <= *since;
}

const std::string& bytes_in(const KeptFile& kept, Encoding encoding) {
    if (encoding == Encoding::Brotli) return kept.brotli;
    if (encoding == Encoding::Gzip) return kept.gzip;
    return kept.raw;
}

void answer_file(const fs::path& root, FileCache& cache, const httplib::Request& req, httplib::Response& res) {
    const auto file = resolve_site_path(root, req.path);
    if (!file) return send_text(res, 404, "not found\n");
    auto fd = std::make_shared<UniqueFd>(::open(file->c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (fd->get() < 0 || fstat(fd->get(), &st) != 0) return send_text(res, 500, "cannot read the file\n");
    const FileVersion version{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                              static_cast<std::uint64_t>(st.st_size),
                              std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
    const auto kept = cache.get(file->string(), fd->get(), version, worth_compressing(*file));
    if (!kept) return send_text(res, 500, "cannot read the file\n");
    // Ranges count bytes of the file as it is: they get it uncompressed.
    Encoding encoding = kept->in_memory && req.ranges.empty() ? pick_encoding(req.get_header_value("Accept-Encoding"))
                                                              : Encoding::Identity;
    if (bytes_in(*kept, encoding).empty()) encoding = Encoding::Identity;  // empty file, or br failed
    res.set_header("Cache-Control", cache_control_for(*file));
    res.set_header("ETag", etag_for(kept->hash, encoding));
    res.set_header("Last-Modified", http_date(st.st_mtime));
    if (kept->in_memory) res.set_header("Vary", "Accept-Encoding");
    if (not_modified(req, kept->hash, st.st_mtime)) {
        res.status = 304;
        // What a 200 would carry (else httplib writes 0, which RFC 9110 forbids on a 304).
        res.set_header("Content-Length", std::to_string(kept->in_memory ? bytes_in(*kept, encoding).size() : version.size));
        return;
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    const std::string type = content_type_for(*file);
    if (!kept->in_memory) return send_file(res, std::move(fd), version.size, type);
    if (encoding != Encoding::Identity) res.set_header("Content-Encoding", encoding_name(encoding));
    send_bytes(res, std::shared_ptr<const std::string>(kept, &bytes_in(*kept, encoding)), type);
}

}  // namespace

void serve_site_files(httplib::Server& server, const fs::path& root, FileCache& cache) {
    server.Get(".*", [root, &cache](const httplib::Request& req, httplib::Response& res) { answer_file(root, cache, req, res); });
}

}  // namespace folio

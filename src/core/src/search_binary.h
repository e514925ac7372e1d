#pragma once
// Private: little-endian varint writing and bounds-checked reading for the search file formats.
#include <cstdint>
#include <string>
#include <string_view>

#include "folio/hash.h"

namespace folio::search_binary {

inline void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

inline std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

inline void put_u64_le(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Every read checks the bytes left; after the first failure all reads fail, so callers may
// chain reads and test ok() once.
class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == bytes_.size(); }
    std::size_t remaining() const { return bytes_.size() - pos_; }
    std::size_t position() const { return pos_; }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; ok_ && shift < 64; shift += 7) {
            if (pos_ >= bytes_.size()) break;
            const auto b = static_cast<unsigned char>(bytes_[pos_++]);
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        ok_ = false;
        return 0;
    }
    // A varint that must not exceed limit (a count checked against what can possibly follow).
    std::uint64_t bounded(std::uint64_t limit) {
        const std::uint64_t v = varint();
        if (v > limit) ok_ = false;
        return ok_ ? v : 0;
    }
    std::string_view bytes(std::uint64_t n) {
        if (!ok_ || n > remaining()) {
            ok_ = false;
            return {};
        }
        std::string_view s = bytes_.substr(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }
    std::uint8_t byte() {
        auto s = bytes(1);
        return s.empty() ? 0 : static_cast<std::uint8_t>(s[0]);
    }
    void fail() { ok_ = false; }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

// Files are: 4-byte magic, content, 8-byte FNV-1a of everything before it. The checksum turns
// any flipped byte into a clean rejection instead of a silently wrong index.
inline std::string seal(std::string content) {
    put_u64_le(content, fnv1a64(content));
    return content;
}

// Returns the content after the magic, or nullopt-like empty result with ok=false.
inline bool unseal(std::string_view file, std::string_view magic, std::string_view& content) {
    if (file.size() < magic.size() + 8 || file.substr(0, magic.size()) != magic) return false;
    const std::string_view body = file.substr(0, file.size() - 8);
    std::uint64_t stored = 0;
    for (int i = 0; i < 8; ++i)
        stored |= static_cast<std::uint64_t>(static_cast<unsigned char>(file[body.size() + static_cast<std::size_t>(i)]))
                  << (8 * i);
    if (stored != fnv1a64(body)) return false;
    content = body.substr(magic.size());
    return true;
}

}  // namespace folio::search_binary

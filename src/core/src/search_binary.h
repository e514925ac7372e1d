#pragma once
// Private: little-endian varint writing and bounds-checked reading for the search file formats.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
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

// Bits appended low bit first into bytes; padded() gives them with the last byte filled by zeros.
class BitWriter {
public:
    void bits(std::uint64_t v, unsigned n) {  // n <= 32
        acc_ |= (v & ((std::uint64_t{1} << n) - 1)) << used_;
        used_ += n;
        if (used_ >= 32) {  // whole 32-bit words out: a quarter of the appends of a byte at a time
            const char word[4] = {static_cast<char>(acc_), static_cast<char>(acc_ >> 8), static_cast<char>(acc_ >> 16),
                                  static_cast<char>(acc_ >> 24)};
            out_.append(word, 4);
            acc_ >>= 32;
            used_ -= 32;
        }
    }
    // Exponential-Golomb of order 0: for v+1 of w bits, w-1 zeros, a one, then its w-1 low bits.
    void golomb0(std::uint64_t v) {
        const unsigned width = static_cast<unsigned>(std::bit_width(v + 1));
        bits(std::uint64_t{1} << (width - 1), width);
        bits(v + 1, width - 1);
    }
    // Rice with parameter k: v >> k in unary (ones, then a zero), then k low bits; a quotient
    // of kRiceEscape or more is kRiceEscape ones, then the rest of it in golomb0.
    void rice(std::uint64_t v, unsigned k) {
        const std::uint64_t q = v >> k;
        if (q < kRiceEscape) {
            bits((std::uint64_t{1} << q) - 1, static_cast<unsigned>(q) + 1);
        } else {
            bits((std::uint64_t{1} << kRiceEscape) - 1, kRiceEscape);
            golomb0(q - kRiceEscape);
        }
        if (k > 0) bits(v, k);
    }
    // The bytes so far, the last padded with zero bits: their count, appended to `to`, or as a string.
    std::size_t padded_size() const { return out_.size() + (used_ + 7) / 8; }
    void append_padded(std::string& to) const {
        to += out_;
        for (unsigned at = 0; at < used_; at += 8) to += static_cast<char>(acc_ >> at);
    }
    std::string padded() const {
        std::string out;
        append_padded(out);
        return out;
    }
    static constexpr unsigned kRiceEscape = 24;

private:
    std::string out_;
    std::uint64_t acc_ = 0;
    unsigned used_ = 0;
};

// Reads what BitWriter wrote; past the end, or on a code too long to be one, every read fails.
class BitReader {
public:
    explicit BitReader(std::string_view bytes) : bytes_(bytes), size_(bytes.size() * 8) {}
    bool ok() const { return ok_; }
    // True when every byte was read and the last byte's padding is zeros.
    bool at_end() const {
        return ok_ && (pos_ + 7) / 8 == bytes_.size() &&
               (pos_ % 8 == 0 || (static_cast<unsigned char>(bytes_.back()) >> (pos_ % 8)) == 0);
    }
    std::uint64_t bits(unsigned n) {  // n <= 32
        if (!ok_ || pos_ + n > size_) return fail(), 0;
        const std::uint64_t v = window() & ((std::uint64_t{1} << n) - 1);
        pos_ += n;
        return v;
    }
    std::uint64_t golomb0() {
        const unsigned zeros = static_cast<unsigned>(std::countr_zero(window()));
        if (!ok_ || zeros > 32 || pos_ + zeros + 1 > size_) return fail(), 0;
        pos_ += zeros + 1;
        return ((std::uint64_t{1} << zeros) | bits(zeros)) - 1;
    }
    std::uint64_t rice(unsigned k) {
        std::uint64_t q = std::min<unsigned>(static_cast<unsigned>(std::countr_one(window())), BitWriter::kRiceEscape);
        if (!ok_ || pos_ + q + (q < BitWriter::kRiceEscape) > size_) return fail(), 0;
        pos_ += q + (q < BitWriter::kRiceEscape);  // the ones and the zero that ends them
        if (q == BitWriter::kRiceEscape) q += golomb0();
        if (q > (std::uint64_t{1} << 32)) fail();  // no real gap is longer; keeps q << k in range
        const std::uint64_t low = bits(k);
        return ok_ ? (q << k) | low : 0;
    }
    void fail() { ok_ = false; }

private:
    // The next bits from pos_, at least 57 of them (zeros past the end).
    std::uint64_t window() const {
        std::uint64_t w = 0;
        const std::size_t at = pos_ / 8;
        if (at + 8 <= bytes_.size() && std::endian::native == std::endian::little) {
            std::memcpy(&w, bytes_.data() + at, 8);
            return w >> (pos_ % 8);
        }
        for (std::size_t i = 0; i < 8 && at + i < bytes_.size(); ++i)
            w |= std::uint64_t{static_cast<unsigned char>(bytes_[at + i])} << (8 * i);
        return w >> (pos_ % 8);
    }
    std::string_view bytes_;
    std::size_t size_ = 0, pos_ = 0;  // in bits
    bool ok_ = true;
};

// The Rice parameter for gaps averaging about total / count: log2 of the mean times ln 2.
inline unsigned rice_parameter(std::uint64_t total, std::uint64_t count) {
    if (count == 0) return 0;
    const std::uint64_t mean = total * 45426 / (count * 65536);  // both below 2^33: no overflow
    return mean == 0 ? 0 : std::min(30u, static_cast<unsigned>(std::bit_width(mean)) - 1);
}

// Files are: 4-byte magic, content, 8-byte FNV-1a of everything before it. The checksum turns
// any flipped byte into a clean rejection instead of a silently wrong index.
inline std::string seal(std::string content) {
    content.reserve(content.size() + 8);  // no doubling: files are held until written
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

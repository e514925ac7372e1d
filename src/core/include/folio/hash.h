#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace folio {

// 64-bit FNV-1a: stable across platforms and builds (ids, content-hashed file names).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// The splitmix64 finalizer: spreads every input bit over the result (FNV's low bits are weak).
constexpr std::uint64_t mix64(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string hex64(std::uint64_t value);  // 16 lowercase hex digits

// hex64's digits without a string (a heap allocation each: 16 digits are past std::string's own room).
constexpr std::array<char, 16> hex64_digits(std::uint64_t value) {
    constexpr char kDigits[] = "0123456789abcdef";
    std::array<char, 16> out{};
    for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    return out;
}

}  // namespace folio

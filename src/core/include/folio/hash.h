#pragma once
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

}  // namespace folio

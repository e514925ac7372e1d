#pragma once
// The search files end in an FNV-1a checksum of everything before it, which random bytes never
// match. Fuzzers append it to their input so the decoders past the checksum get exercised; the
// seed corpora hold real files with those last 8 bytes cut off.
#include <cstdint>
#include <string>
#include <string_view>

#include "folio/hash.h"

inline std::string fuzz_seal(std::string_view content) {
    std::string out(content);
    std::uint64_t sum = folio::fnv1a64(out);
    for (int i = 0; i < 8; ++i, sum >>= 8) out += static_cast<char>(sum & 0xFF);
    return out;
}

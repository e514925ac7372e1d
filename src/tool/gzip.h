#pragma once
// gzip (RFC 1952), written with libdeflate and read with zlib: site data files are stored compressed and named "*.gz".
#include <string>
#include <string_view>

#include "folio/result.h"

namespace folio {

// Deterministic output (no time stamp or file name in the header), so builds stay byte-identical.
std::string gzip_compress(std::string_view raw);
// Fails on anything that is not one complete gzip stream (truncated, damaged, trailing bytes).
Result<std::string> gzip_decompress(std::string_view gz);

}  // namespace folio

#pragma once
// Reading the site's gzip files natively (zlib): the tool's `dump`, `search` and build, and the null
// platform's fetch. The page reads them with the browser's DecompressionStream instead.
#include <string>
#include <string_view>

#include "folio/result.h"

namespace folio {

// Fails on anything that is not one complete gzip stream (truncated, damaged, trailing bytes).
Result<std::string> gzip_decompress(std::string_view gz);
// A ".gzd" body file, read with its site's dictionary (folio/bundle.h: with_dictionary_block).
Result<std::string> gzip_decompress_with_dictionary(std::string_view gzd, std::string_view dictionary);

}  // namespace folio

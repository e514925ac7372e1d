#pragma once
// gzip (RFC 1952), written with libdeflate and read with zlib: site data files are stored compressed and named "*.gz"
// (body files "*.gzd" when the site has a dictionary).
#include <string>
#include <string_view>
#include <vector>

#include "folio/gunzip.h"
#include "folio/result.h"

namespace folio {

// Deterministic output (no time stamp or file name in the header), so builds stay byte-identical.
std::string gzip_compress(std::string_view raw);

// gzip whose deflate data is written with `dictionary` (at most 32 KB) as its preset dictionary,
// with zlib (libdeflate has none): the body files' ".gzd" (folio/bundle.h, with_dictionary_block).
std::string gzip_compress_with_dictionary(std::string_view raw, std::string_view dictionary);
// folio/gunzip.h reads such a file back.

// A preset dictionary for deflate from sample texts: zstd's dictionary builder (fastCover) picks the
// segments they share most, and its content without zstd's header is taken, at most 32 KB with the
// most useful last (nearest the data). Empty when the samples are too few to train on.
std::string train_dictionary(const std::vector<std::string>& samples);

}  // namespace folio

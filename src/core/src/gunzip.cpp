#include "folio/gunzip.h"

#include <zlib.h>

#include "folio/bundle.h"

namespace folio {
namespace {
constexpr int kGzipWindow = 15 + 16;  // zlib's way of asking for a gzip header and trailer
}  // namespace

Result<std::string> gzip_decompress(std::string_view gz) {
    z_stream z{};
    if (inflateInit2(&z, kGzipWindow) != Z_OK) return Error{"cannot start zlib"};
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = static_cast<uInt>(gz.size());
    std::string out;
    char buf[1 << 16];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended before the stream did
    }
    const bool complete = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    if (!complete) return Error{"the compressed file is truncated or damaged"};
    return out;
}

Result<std::string> gzip_decompress_with_dictionary(std::string_view gzd, std::string_view dictionary) {
    if (dictionary.size() > kDictionaryWindowBytes) dictionary = dictionary.substr(dictionary.size() - kDictionaryWindowBytes);
    const std::string whole = with_dictionary_block(gzd, dictionary);
    if (whole.empty()) return Error{"the compressed file is truncated or damaged"};
    auto out = gzip_decompress(whole);
    if (!out) return out.error();
    if (out->compare(0, dictionary.size(), dictionary) != 0) return Error{"the compressed file is damaged"};
    return out->substr(dictionary.size());
}

}  // namespace folio

#include "gzip.h"

#include <zlib.h>

namespace folio {
namespace {
constexpr int kGzipWindow = 15 + 16;  // zlib's way of asking for a gzip header and trailer
}

std::string gzip_compress(std::string_view raw) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(raw.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    z.avail_in = static_cast<uInt>(raw.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);  // the bound guarantees one call finishes
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

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

}  // namespace folio

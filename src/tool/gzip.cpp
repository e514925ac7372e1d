#include "gzip.h"

#include <libdeflate.h>
#include <zlib.h>

#include <memory>

namespace folio {
namespace {
constexpr int kGzipWindow = 15 + 16;  // zlib's way of asking for a gzip header and trailer
}

std::string gzip_compress(std::string_view raw) {
    // A compressor per thread: they are not shareable, and making one per file costs more than the small ones take.
    thread_local std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor{
        libdeflate_alloc_compressor(6), libdeflate_free_compressor};
    std::string out(libdeflate_gzip_compress_bound(compressor.get(), raw.size()), '\0');
    out.resize(libdeflate_gzip_compress(compressor.get(), raw.data(), raw.size(), out.data(), out.size()));
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

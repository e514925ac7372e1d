#include "gzip.h"

#include <libdeflate.h>
#include <zdict.h>
#include <zlib.h>

#include <memory>

#include "folio/bundle.h"

namespace folio {
namespace {

void put_u32_le(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

struct Deflater {
    z_stream z{};
    bool ready = false;
    ~Deflater() {
        if (ready) deflateEnd(&z);
    }
};
}  // namespace

std::string gzip_compress(std::string_view raw) {
    // A compressor per thread: they are not shareable, and making one per file costs more than the small ones take.
    thread_local std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor{
        libdeflate_alloc_compressor(6), libdeflate_free_compressor};
    std::string out(libdeflate_gzip_compress_bound(compressor.get(), raw.size()), '\0');
    out.resize(libdeflate_gzip_compress(compressor.get(), raw.data(), raw.size(), out.data(), out.size()));
    return out;
}

std::string gzip_compress_with_dictionary(std::string_view raw, std::string_view dictionary) {
    if (dictionary.size() > kDictionaryWindowBytes) dictionary = dictionary.substr(dictionary.size() - kDictionaryWindowBytes);
    thread_local Deflater d;  // reset per file: its 256 KB of tables are not made again each time
    if (!d.ready) d.ready = deflateInit2(&d.z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    else deflateReset(&d.z);
    if (!d.ready) return {};
    auto* dict = reinterpret_cast<const Bytef*>(dictionary.data());
    deflateSetDictionary(&d.z, dict, static_cast<uInt>(dictionary.size()));
    // No name, no time, no flags: with_dictionary_block finds the deflate data at byte 10.
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    const std::size_t header = out.size();
    out.resize(header + deflateBound(&d.z, static_cast<uLong>(raw.size())) + 16);
    d.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    d.z.avail_in = static_cast<uInt>(raw.size());
    d.z.next_out = reinterpret_cast<Bytef*>(out.data() + header);
    d.z.avail_out = static_cast<uInt>(out.size() - header);
    if (deflate(&d.z, Z_FINISH) != Z_STREAM_END) return {};
    out.resize(header + d.z.total_out);
    uLong crc = crc32(crc32(0, nullptr, 0), dict, static_cast<uInt>(dictionary.size()));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(raw.data()), static_cast<uInt>(raw.size()));
    put_u32_le(out, static_cast<std::uint32_t>(crc));
    put_u32_le(out, static_cast<std::uint32_t>(dictionary.size() + raw.size()));
    return out;
}

std::string train_dictionary(const std::vector<std::string>& samples) {
    std::string joined;
    std::vector<size_t> sizes;
    for (const auto& s : samples) {
        joined += s;
        sizes.push_back(s.size());
    }
    // Room for zstd's header (entropy tables, a few hundred bytes) besides the content kept.
    std::string dict(kDictionaryWindowBytes + 4096, '\0');
    const size_t made = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                              static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(made)) return {};
    const size_t header = ZDICT_getDictHeaderSize(dict.data(), made);
    if (ZDICT_isError(header) || header >= made) return {};
    const size_t content = std::min(made - header, kDictionaryWindowBytes);
    return dict.substr(made - content, content);
}

}  // namespace folio

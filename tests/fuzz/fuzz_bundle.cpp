// The bundle reader. Input: manifest \0 meta shard \0 body file (missing parts are empty).
// load_site reads every meta file of the manifest as the meta part and every other file (the body
// files the meta shards name) as the body part; the parts are also parsed directly against a
// ShardRef built from the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "folio/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::string_view part[3];
    for (int i = 0; i < 3; ++i) {
        auto cut = i < 2 ? in.find('\0') : std::string_view::npos;
        part[i] = in.substr(0, cut);
        in = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1);
    }
    auto manifest = folio::parse_manifest(part[0]);
    auto site = folio::load_site([&](const std::string& path) -> folio::Result<std::string> {
        if (path == folio::kManifestPath) return std::string(part[0]);
        if (manifest)
            for (const auto& ref : manifest->meta)
                if (ref.file == path) return std::string(part[1]);
        return std::string(part[2]);
    });
    if (site)
        for (std::size_t i = 0; i < site->catalog.size(); ++i) (void)folio::post_from_site(*site, i);

    // A ShardRef from the sizes of the parts, so the direct parsers see varied ranges.
    folio::ShardRef ref;
    ref.file = "data/x.json";
    ref.first = static_cast<std::uint32_t>(part[0].size() % 7);
    ref.count = static_cast<std::uint32_t>(part[2].size() % 13);
    ref.bytes = part[1].size();
    folio::Manifest empty;
    const folio::Manifest& m = manifest ? *manifest : empty;
    folio::Catalog catalog;
    (void)folio::parse_meta_shard(part[1], m, ref, catalog);
    (void)folio::parse_body_chunk(part[2], ref);
    return 0;
}

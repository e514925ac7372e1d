// The search index buffers. Input: 4-byte little-endian length L, then L bytes of a docs buffer,
// then a shard buffer, both without their checksums (added here; see seal.h). The shard is loaded
// as every shard of the docs buffer, and a fixed query searched. The raw input is loaded too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/search.h"
#include "seal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    {
        folio::SearchIndex index;
        if (index.load_docs(in)) (void)index.load_shard(0, in);
    }
    if (size < 4) return 0;
    const std::size_t len = data[0] | (data[1] << 8) | (data[2] << 16) | (std::size_t{data[3]} << 24);
    in.remove_prefix(4);
    const std::string_view docs = in.substr(0, len);
    const std::string_view shard = len < in.size() ? in.substr(len) : std::string_view();

    static const folio::FoldTable table;
    folio::SearchIndex index;
    if (!index.load_docs(fuzz_seal(docs))) return 0;
    const auto sealed_shard = fuzz_seal(shard);
    for (std::uint32_t s = 0; s < index.shard_count() && s < 16; ++s) (void)index.load_shard(s, sealed_shard);
    for (const char* q : {"vacc 疫苗", "\"body text\" -x", "台风 after:2020-01-01", "a"}) {
        auto query = folio::parse_query(q, table);
        (void)folio::shards_needed(query, index);
        (void)folio::search(index, query, {}, folio::SortOrder::Relevance, 10);
        (void)folio::search(index, query, {}, folio::SortOrder::Newest, 10);
    }
    return 0;
}

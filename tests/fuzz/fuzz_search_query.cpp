// The query parser, then matches and a snippet of the same bytes as text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/search.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const folio::FoldTable table;
    auto query = folio::parse_query(text, table);
    auto matches = folio::find_matches(text, query, table);
    for (const auto& [b, e] : matches)
        if (b > e || e > text.size()) __builtin_trap();
    auto snippet = folio::make_snippet(text, query, table, 80);
    for (const auto& [b, e] : snippet.highlights)
        if (b > e || e > snippet.text.size()) __builtin_trap();
    return 0;
}

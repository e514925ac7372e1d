// The related posts file (fetched from any static host, possibly damaged): parse with checks, and
// a parsed file round-trips and keeps what the viewer relies on (symmetric, in range, ascending).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/related.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t posts = data[0] % 16;  // the site's post count, as the manifest says
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto lists = folio::parse_related(text, posts);
    if (!lists) return 0;
    if (lists->posts() != posts) __builtin_trap();
    for (std::uint32_t p = 0; p < posts; ++p)
        for (const std::uint32_t o : lists->of(p)) {
            const auto back = lists->of(o);
            if (o >= posts || o == p || !std::binary_search(back.begin(), back.end(), p)) __builtin_trap();
        }
    const auto again = folio::parse_related(folio::related_json(*lists), posts);
    if (!again || !(*again == *lists)) __builtin_trap();
    return 0;
}

// The URL hash parser (pasted links are hostile): parse, format, parse again must give the same view,
// and a formatted hash holds only URL-safe characters.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/view_hash.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const folio::ViewState view = folio::parse_view_hash(text);
    const std::string hash = folio::format_view_hash(view);
    for (char c : hash) {
        const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~' || c == '%' || c == '&' || c == '=' || c == '#';
        if (!safe) __builtin_trap();
    }
    // Within the documented size limit, formatting then parsing gives the same view back.
    if (hash.size() <= folio::kMaxHashBytes && !(folio::parse_view_hash(hash) == view)) __builtin_trap();
    return 0;
}

// Imported bookmark files (picked by the user, made anywhere): parse, and a parsed file round-trips.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/marks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto marks = folio::parse_marks(text);
    if (!marks) return 0;
    const auto again = folio::parse_marks(folio::format_marks(*marks, "site"));
    if (!again || !(*again == *marks)) __builtin_trap();
    return 0;
}

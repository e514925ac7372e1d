// Front matter: arbitrary bytes, cleaned as read_post does, then split and read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto clean = folio::clean_text(std::string_view(reinterpret_cast<const char*>(data), size));
    auto fm = folio::read_front_matter(clean.text);
    if (fm.body_offset > clean.text.size()) __builtin_trap();
    return 0;
}

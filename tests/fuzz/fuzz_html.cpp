// Raw HTML (fragment or document) -> blocks; the bytes go in uncleaned as well as cleaned.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    bool flattened = false;
    (void)folio::html_to_blocks(folio::clean_text(bytes).text, &flattened);
    return 0;
}

// Markdown -> HTML (md4c) -> blocks (gumbo), as read_post does for .md bodies.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto clean = folio::clean_text(std::string_view(reinterpret_cast<const char*>(data), size));
    auto html = folio::markdown_to_html(clean.text);
    bool flattened = false;
    (void)folio::html_to_blocks(html, &flattened);
    return 0;
}

// The whole file reader, under a Markdown and an HTML name (both body readers on every input).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    static const folio::IngestOptions options;
    (void)folio::read_post("2021-05-07-fuzz.md", bytes, options);
    (void)folio::read_post("posts/fuzz.html", bytes, options);
    return 0;
}

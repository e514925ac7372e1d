// The fold table decoder (input = a table without its checksum, which is added here; the raw
// input is decoded too). A decoded table then folds and tokenizes mixed-script text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio/search_fold.h"
#include "seal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)folio::decode_fold_table(bytes);
    auto table = folio::decode_fold_table(fuzz_seal(bytes));
    if (table) {
        (void)folio::decode_fold_table(folio::encode_fold_table(*table));
        auto folded = folio::fold_text("Ａｂｃ É ﬁx 颱風 かな 한국 covid-19", *table);
        (void)folio::tokenize_folded(folded.text);
        (void)folded.source_range(0, folded.text.size());
    }
    return 0;
}

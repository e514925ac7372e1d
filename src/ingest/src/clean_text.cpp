#include "folio/ingest.h"
#include "folio/utf8.h"

namespace folio {

CleanText clean_text(std::string_view in) {
    CleanText out;
    out.text.reserve(in.size());
    std::size_t i = 0;
    if (in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (c >= 0x20 && c < 0x80) {  // printable ASCII: the common case
            out.text += static_cast<char>(c);
            ++i;
            continue;
        }
        if (c == '\n' || c == '\t') {
            out.text += static_cast<char>(c);
            ++i;
            continue;
        }
        if (c == '\r') {
            out.text += '\n';
            i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2u : 1u;
            continue;
        }
        if (c < 0x20) {
            ++out.controls_dropped;
            ++i;
            continue;
        }
        const std::size_t start = i;
        char32_t cp = utf8_next(in, i);
        if (cp == 0xFFFD && !(in.substr(start, 3) == "\xEF\xBF\xBD")) {
            if (out.invalid_offsets.size() < 16) out.invalid_offsets.push_back(start);
            ++out.invalid_count;
        }
        if (cp == 0x2028 || cp == 0x2029) cp = '\n';
        utf8_append(out.text, cp);
    }
    return out;
}

}  // namespace folio

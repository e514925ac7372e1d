#include "folio/ingest.h"
#include "folio/utf8.h"

namespace folio {

CleanText clean_text(std::string_view in) {
    CleanText out;
    out.text.reserve(in.size());
    std::size_t i = 0;
    if (in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    // Bytes that pass unchanged are copied a run at a time (valid UTF-8 is canonical, see utf8_next).
    std::size_t run = i;
    auto flush = [&](std::size_t end) {
        out.text.append(in.data() + run, end - run);
    };
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if ((c >= 0x20 && c < 0x80) || c == '\n' || c == '\t') {  // the common case
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t start = i;
            const char32_t cp = utf8_next(in, i);
            if (cp != 0xFFFD && cp != 0x2028 && cp != 0x2029) continue;
            flush(start);
            run = i;
            if (cp == 0xFFFD && !(in.substr(start, 3) == "\xEF\xBF\xBD")) {
                if (out.invalid_offsets.size() < 16) out.invalid_offsets.push_back(start);
                ++out.invalid_count;
            }
            if (cp == 0x2028 || cp == 0x2029) out.text += '\n';
            else utf8_append(out.text, cp);
            continue;
        }
        flush(i);
        if (c == '\r') {
            out.text += '\n';
            i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2u : 1u;
        } else {
            ++out.controls_dropped;
            ++i;
        }
        run = i;
    }
    flush(i);
    return out;
}

}  // namespace folio

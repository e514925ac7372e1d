#include <md4c-html.h>

#include "folio/ingest.h"

namespace folio {

std::string markdown_to_html(std::string_view markdown) {
    std::string html;
    html.reserve(markdown.size() + markdown.size() / 4);
    auto append = [](const MD_CHAR* text, MD_SIZE size, void* userdata) {
        static_cast<std::string*>(userdata)->append(text, size);
    };
    const unsigned parser_flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
    // md_html only fails on out-of-memory; what it produced so far is still the best we have.
    md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append, &html, parser_flags, 0);
    return html;
}

}  // namespace folio

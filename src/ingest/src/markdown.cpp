// Markdown -> HTML with md4c-html; html_to_blocks (gumbo) then makes the blocks, as for .html posts.
//
// Why not build blocks from md4c's callbacks directly: the posts this reads are mostly Markdown
// with raw HTML inside (news mirrors: <div>, <p>, <img>, <table>, ad slots and scripts in about four
// in five .md files of the developer corpus). md4c hands raw HTML over as opaque text pieces, and
// an element may open in one and close in a later one, so those pieces need an HTML5 parser anyway;
// only one that sees the whole document nests and repairs them as a browser would. One path
// through gumbo also keeps the cleaning (dropped tags, ad slots, tracking pixels, link spans, the
// block model) in one place for both kinds of post.
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

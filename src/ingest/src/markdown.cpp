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

#include <algorithm>
#include <cctype>

#include "folio/ingest.h"
#include "folio/utf8.h"

namespace folio {
namespace {

std::string_view line_at(std::string_view text, std::size_t at) {
    const std::size_t eol = text.find('\n', at);
    return text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
}

// The fence a line opens or closes code with (``` or ~~~, three or more), or empty.
std::string_view fence_of(std::string_view rest) {
    if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return {};
    const std::size_t n = std::min(rest.find_first_not_of(rest[0]), rest.size());
    return n >= 3 ? rest.substr(0, n) : std::string_view();
}

// kramdown (Jekyll's Markdown) keeps a raw <pre> whole; CommonMark ends an HTML block that began
// with <p> or <div> at its first blank line, so a listing inside one fell apart into headings and
// paragraphs. Each blank line of a raw <pre> (a line that begins with it, outside fenced code)
// becomes a "&#10;" at the end of the line before it: the same newline in the <pre>, and no blank
// line to end the block (nor an indent to end a list item, nor a comment to end one around it).
std::string keep_raw_pre_whole(std::string_view markdown) {
    std::string out, fence;  // fence: the open code fence, if any
    bool in_pre = false;
    for (std::size_t at = 0; at < markdown.size();) {
        const std::string_view line = line_at(markdown, at);
        const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        const std::string_view rest = line.substr(indent);
        const std::string_view marks = indent < 4 && !in_pre ? fence_of(rest) : std::string_view();
        if (!marks.empty() && fence.empty()) fence = marks;  // opens: what follows is code
        else if (!marks.empty() && marks[0] == fence[0] && marks.size() >= fence.size() &&
                 rest.find_first_not_of(" \t", marks.size()) == std::string_view::npos)
            fence.clear();
        if (!in_pre && fence.empty() && indent < 4 && starts_with_nocase(rest, "<pre") &&
            (rest.size() == 4 || rest[4] == '>' || rest[4] == ' ' || rest[4] == '\t'))
            in_pre = true;
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (in_pre && blank && out.ends_with('\n')) {
            out.insert(out.size() - 1, "&#10;");
            at += line.size() + 1;
            continue;
        }
        out += line;
        if (in_pre) {
            std::string lower(line);
            for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            in_pre = lower.find("</pre>") == std::string::npos;
        }
        at += line.size();
        if (at < markdown.size()) out += markdown[at++];  // the newline
    }
    return out;
}

}  // namespace

std::string markdown_to_html(std::string_view input) {
    const std::string kept = input.find("<pre") == std::string_view::npos && input.find("<PRE") == std::string_view::npos
                                 ? std::string()
                                 : keep_raw_pre_whole(input);
    const std::string_view markdown = kept.empty() ? input : std::string_view(kept);
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

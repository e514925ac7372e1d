// HTML -> blocks with a real HTML5 parser (gumbo), walked iteratively so nesting depth costs no stack.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "folio/ingest.h"
#include "folio/utf8.h"

namespace folio {
namespace {

const char* attr(const GumboElement& el, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
    return a ? a->value : nullptr;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_ad_token(const std::string& t) {
    static constexpr const char* kPrefixes[] = {"dfp-ad", "dfp_ad", "innity", "adsbygoogle", "google_ad",
                                                "google-ad", "gpt-ad", "ad-slot", "ad_slot", "adslot",
                                                "advert", "ad-container", "ad-wrapper", "ad-unit", "adunit"};
    if (t == "ad" || t == "ads" || t == "adv") return true;
    return std::any_of(std::begin(kPrefixes), std::end(kPrefixes),
                       [&](const char* p) { return t.rfind(p, 0) == 0; });
}

// Ad slots are recognised by their id or any class token.
bool is_ad_slot(const GumboElement& el) {
    if (const char* id = attr(el, "id"); id && is_ad_token(lower(id))) return true;
    if (const char* cls = attr(el, "class")) {
        std::string all = lower(cls);
        std::size_t pos = 0;
        while (pos < all.size()) {
            std::size_t end = all.find_first_of(" \t\n", pos);
            if (end == std::string::npos) end = all.size();
            if (end > pos && is_ad_token(all.substr(pos, end - pos))) return true;
            pos = end + 1;
        }
    }
    return false;
}

bool is_hidden(const GumboElement& el) {
    if (attr(el, "hidden")) return true;
    const char* style = attr(el, "style");
    if (!style) return false;
    std::string s = lower(style);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

bool is_dropped_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
        case GUMBO_TAG_MAP: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_PARAM:
        case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_APPLET:
            return true;
        default:
            return false;
    }
}

// Elements that start and end a block of text (content before and after them is separate).
bool is_block_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV:
        case GUMBO_TAG_ASIDE: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_DL:
        case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_FORM: case GUMBO_TAG_HGROUP:
        case GUMBO_TAG_FIGURE: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP:
            return true;
        default:
            return false;
    }
}

bool is_collapsible_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f'; }

std::string keep_href(const char* href) {
    if (!href) return {};
    std::string_view h(href);
    while (!h.empty() && (h.front() == ' ' || h.front() == '\n' || h.front() == '\t')) h.remove_prefix(1);
    const std::string l = lower(h.substr(0, 8));
    if (l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0 || l.rfind("mailto:", 0) == 0)
        return std::string(h);
    if (h.substr(0, 2) == "//") return "https:" + std::string(h);
    return {};  // relative, javascript:, data: and the like are not kept as links
}

// Lazy-loading pages put a placeholder in src and the real image in data-src or similar.
std::string image_source(const GumboElement& el) {
    for (const char* name : {"src", "data-src", "data-original", "data-lazy-src", "data-url"}) {
        const char* v = attr(el, name);
        if (!v || !*v) continue;
        std::string s = keep_href(v);
        if (!s.empty()) return s;
    }
    return {};
}

// An emoji or emoticon drawn as a picture inside text (WordPress's wp-smiley, Weibo's [泪] faces): a
// browser shows it in the line, so its alt text stays in the sentence instead of breaking it.
bool is_inline_icon(const GumboElement& el, const std::string& src) {
    if (const char* cls = attr(el, "class")) {
        const std::string all = lower(cls);
        for (std::size_t pos = 0; pos < all.size();) {  // whole class tokens: "surface-photo" is no face
            const std::size_t end = std::min(all.find_first_of(" \t\n", pos), all.size());
            const std::string_view token = std::string_view(all).substr(pos, end - pos);
            if (token.starts_with("emoji") || token == "wp-smiley" || token == "smiley" || token.ends_with("_face") ||
                token.ends_with("-face"))
                return true;
            pos = end + 1;
        }
    }
    const std::string path = lower(src);
    return path.find("/emoji/") != std::string::npos || path.find("/expression/") != std::string::npos ||
           path.find("/emoticon") != std::string::npos;
}

bool is_tracking_pixel(const GumboElement& el) {
    for (const char* name : {"width", "height"}) {
        const char* v = attr(el, name);
        if (v && (std::strcmp(v, "0") == 0 || std::strcmp(v, "1") == 0 || std::strcmp(v, "1px") == 0)) return true;
    }
    return false;
}

class BlockBuilder {
public:
    std::vector<Block> blocks;

    void text(std::string_view s) {
        if (preformatted_ > 0) {
            start_open_links();
            text_ += s;
            return;
        }
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t start = i;
            char32_t cp = utf8_next(s, i);
            if (is_collapsible_space(cp)) {
                pending_space_ = true;
                pending_newline_ = pending_newline_ || cp == '\n';
                continue;
            }
            if (pending_space_ && !text_.empty() && text_.back() != ' ' && text_.back() != '\n') {
                // CSS Text 3: a line break between two wide (CJK) characters renders as nothing.
                const bool drop = pending_newline_ && is_cjk_wide(last_) && is_cjk_wide(cp);
                if (!drop) text_ += ' ';
            }
            pending_space_ = pending_newline_ = false;
            start_open_links();
            if (cp == 0xA0) cp = ' ';  // a non-breaking space shows as a space
            if (cp == ' ' || cp == 0xFFFD) utf8_append(text_, cp);
            else text_.append(s.data() + start, i - start);  // valid UTF-8 is canonical: the same bytes
            last_ = cp;
        }
    }

    void line_break() {
        if (!text_.empty()) text_ += '\n';
        pending_space_ = pending_newline_ = false;
    }

    // Links opened since the last character start here: a space before one is not the link's.
    void start_open_links() {
        for (auto& open : open_links_)
            if (open.first == kAtNextChar) open.first = static_cast<std::uint32_t>(text_.size());
    }

    void open_link(std::string href) { open_links_.push_back({kAtNextChar, std::move(href)}); }
    void close_link() {
        if (open_links_.empty()) return;
        auto [begin, href] = std::move(open_links_.back());
        open_links_.pop_back();
        if (!href.empty() && begin != kAtNextChar && text_.size() > begin)
            links_.push_back({begin, static_cast<std::uint32_t>(text_.size()), std::move(href)});
    }

    // Ends the current run of inline content and files it under the innermost kind.
    void flush() {
        for (auto& open : open_links_) {  // links that span the boundary continue in the next block
            if (!open.second.empty() && open.first != kAtNextChar && text_.size() > open.first)
                links_.push_back({open.first, static_cast<std::uint32_t>(text_.size()), open.second});
            open.first = kAtNextChar;
        }
        Block b = take_inline();
        pending_space_ = pending_newline_ = false;
        last_ = 0;
        if (b.text.empty()) return;
        const Frame& f = kinds_.empty() ? kParagraph : kinds_.back();
        if (f.kind == BlockKind::TableRow) {  // inside a cell: collect into the row
            append_cell_text(b);
            return;
        }
        b.kind = f.kind;
        b.level = f.level;
        b.number = f.number;
        b.quote = quote_;
        if (f.kind == BlockKind::ListItem && kinds_.back().used) b.number = 0;
        if (!kinds_.empty()) kinds_.back().used = true;
        blocks.push_back(std::move(b));
    }

    void push_kind(BlockKind kind, std::uint8_t level, std::uint32_t number = 0) {
        flush();
        kinds_.push_back({kind, level, number, false});
    }
    void pop_kind() {
        flush();
        if (!kinds_.empty()) kinds_.pop_back();
    }

    void enter_pre() { ++preformatted_; }
    void leave_pre() { --preformatted_; }
    void enter_quote() { flush(); quote_ = static_cast<std::uint8_t>(std::min(quote_ + 1, 255)); }
    void leave_quote() { flush(); if (quote_ > 0) --quote_; }

    void enter_list(bool ordered, std::uint32_t start) { flush(); lists_.push_back({ordered, start}); }
    void leave_list() { flush(); if (!lists_.empty()) lists_.pop_back(); }
    void enter_list_item() {
        std::uint32_t number = 0;
        if (!lists_.empty() && lists_.back().ordered) number = lists_.back().next++;
        const auto depth = static_cast<std::uint8_t>(std::min<std::size_t>(std::max<std::size_t>(lists_.size(), 1), 255));
        push_kind(BlockKind::ListItem, depth, number);
    }

    void enter_row() { flush(); rows_.push_back({}); }
    void enter_cell(bool header) {
        flush();
        if (rows_.empty()) rows_.push_back({});
        rows_.back().cells.emplace_back();
        rows_.back().header_cells += header ? 1 : 0;
        kinds_.push_back({BlockKind::TableRow, 0, 0, false});
    }
    void leave_cell() { pop_kind(); }
    void leave_row() {
        flush();
        if (rows_.empty()) return;
        Row row = std::move(rows_.back());
        rows_.pop_back();
        Block b;
        b.kind = BlockKind::TableRow;
        b.quote = quote_;
        bool any = false;
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            if (i) b.text += '\t';
            const auto offset = static_cast<std::uint32_t>(b.text.size());
            for (auto& l : row.cells[i].links) b.links.push_back({l.begin + offset, l.end + offset, l.href});
            b.text += row.cells[i].text;
            any = any || !row.cells[i].text.empty();
        }
        b.level = (row.header_cells == row.cells.size() && !row.cells.empty()) ? 1 : 0;
        if (any) blocks.push_back(std::move(b));
    }

    void image(std::string src, std::string alt) {
        flush();
        Block b;
        b.kind = BlockKind::Image;
        b.quote = quote_;
        b.url = std::move(src);
        text(alt);
        b.text = take_inline().text;
        pending_space_ = pending_newline_ = false;
        blocks.push_back(std::move(b));
    }

    void rule() {
        flush();
        Block b;
        b.kind = BlockKind::Rule;
        blocks.push_back(std::move(b));
    }

private:
    struct Frame {
        BlockKind kind;
        std::uint8_t level;
        std::uint32_t number;
        bool used;  // a block was already filed under this frame (continuation paragraphs lose the number)
    };
    struct List {
        bool ordered;
        std::uint32_t next;
    };
    struct Cell {
        std::string text;
        std::vector<LinkSpan> links;
    };
    struct Row {
        std::vector<Cell> cells;
        std::size_t header_cells = 0;
    };
    static constexpr Frame kParagraph{BlockKind::Paragraph, 0, 0, false};
    // An open link's start before its first character is known (a space before it is not the link's).
    static constexpr std::uint32_t kAtNextChar = UINT32_MAX;

    // The inline buffer as a block, trimmed, with link offsets moved to match.
    Block take_inline() {
        Block b;
        std::string t = std::move(text_);
        text_.clear();
        std::vector<LinkSpan> links = std::move(links_);
        links_.clear();
        std::size_t begin = 0, end = t.size();
        if (preformatted_ == 0) {
            auto space_at = [&](std::size_t i) -> std::size_t {  // byte length of trimmable space at i
                if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t') return 1;
                if (t.compare(i, 3, "\xE3\x80\x80") == 0) return 3;  // U+3000 ideographic space
                return 0;
            };
            while (begin < end) {
                const std::size_t n = space_at(begin);
                if (!n) break;
                begin += n;
            }
            while (end > begin) {
                if (t[end - 1] == ' ' || t[end - 1] == '\n' || t[end - 1] == '\t') --end;
                else if (end - begin >= 3 && t.compare(end - 3, 3, "\xE3\x80\x80") == 0) end -= 3;
                else break;
            }
        } else {
            while (end > begin && t[end - 1] == '\n') --end;
        }
        b.text = t.substr(begin, end - begin);
        for (auto& l : links) {
            const std::uint32_t lb = std::clamp<std::uint32_t>(l.begin, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
            const std::uint32_t le = std::clamp<std::uint32_t>(l.end, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
            if (le > lb) b.links.push_back({lb - static_cast<std::uint32_t>(begin), le - static_cast<std::uint32_t>(begin), std::move(l.href)});
        }
        return b;
    }

    void append_cell_text(Block& b) {
        if (rows_.empty() || rows_.back().cells.empty()) return;
        Cell& cell = rows_.back().cells.back();
        if (!cell.text.empty()) cell.text += ' ';
        std::replace(b.text.begin(), b.text.end(), '\t', ' ');
        std::replace(b.text.begin(), b.text.end(), '\n', ' ');
        const auto offset = static_cast<std::uint32_t>(cell.text.size());
        for (auto& l : b.links) cell.links.push_back({l.begin + offset, l.end + offset, std::move(l.href)});
        cell.text += b.text;
    }

    std::string text_;
    std::vector<LinkSpan> links_;
    std::vector<std::pair<std::uint32_t, std::string>> open_links_;
    bool pending_space_ = false, pending_newline_ = false;
    char32_t last_ = 0;
    int preformatted_ = 0;
    std::uint8_t quote_ = 0;
    std::vector<Frame> kinds_;
    std::vector<List> lists_;
    std::vector<Row> rows_;
};

// What to do when leaving an element, decided when entering it.
enum class Exit : std::uint8_t { None, Block, Kind, Pre, Quote, List, Row, Cell, Link };

Exit enter(BlockBuilder& out, const GumboElement& el) {
    const GumboTag tag = el.tag;
    switch (tag) {
        case GUMBO_TAG_BR: out.line_break(); return Exit::None;
        case GUMBO_TAG_HR: out.rule(); return Exit::None;
        case GUMBO_TAG_IMG: {
            std::string src = image_source(el);
            const char* alt = attr(el, "alt");
            if (src.empty() || is_tracking_pixel(el)) return Exit::None;
            if (alt && *alt && is_inline_icon(el, src)) out.text(alt);  // an icon without alt text stays a picture
            else out.image(std::move(src), alt ? alt : "");
            return Exit::None;
        }
        case GUMBO_TAG_A: out.open_link(keep_href(attr(el, "href"))); return Exit::Link;
        case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
            out.push_kind(BlockKind::Heading, static_cast<std::uint8_t>(1 + (tag - GUMBO_TAG_H1)));
            return Exit::Kind;
        case GUMBO_TAG_PRE:
            out.push_kind(BlockKind::Code, 0);
            out.enter_pre();
            return Exit::Pre;
        case GUMBO_TAG_FIGCAPTION: out.push_kind(BlockKind::Caption, 0); return Exit::Kind;
        case GUMBO_TAG_BLOCKQUOTE: out.enter_quote(); return Exit::Quote;
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: {
            std::uint32_t start = 1;
            if (const char* s = attr(el, "start")) start = static_cast<std::uint32_t>(std::clamp(std::atol(s), 1L, 1000000L));
            out.enter_list(tag == GUMBO_TAG_OL, start);
            return Exit::List;
        }
        case GUMBO_TAG_LI: out.enter_list_item(); return Exit::Kind;
        case GUMBO_TAG_TR: out.enter_row(); return Exit::Row;
        case GUMBO_TAG_TD: case GUMBO_TAG_TH: out.enter_cell(tag == GUMBO_TAG_TH); return Exit::Cell;
        default:
            if (is_block_tag(tag)) {
                out.flush();
                return Exit::Block;
            }
            return Exit::None;  // inline or unknown: its text flows on
    }
}

void leave(BlockBuilder& out, Exit exit) {
    switch (exit) {
        case Exit::None: break;
        case Exit::Block: out.flush(); break;
        case Exit::Kind: out.pop_kind(); break;
        case Exit::Pre: out.pop_kind(); out.leave_pre(); break;
        case Exit::Quote: out.leave_quote(); break;
        case Exit::List: out.leave_list(); break;
        case Exit::Row: out.leave_row(); break;
        case Exit::Cell: out.leave_cell(); break;
        case Exit::Link: out.close_link(); break;
    }
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':'; }

// Tags that never hold children, or whose end tag is optional: they do not deepen the tree.
bool keeps_depth(const std::string& tag) {
    static constexpr const char* kTags[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "source", "track", "wbr", "param", "p", "li", "dt", "dd",
                                            "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
                                            "colgroup", "caption", "rp", "rt", "!doctype"};
    return std::any_of(std::begin(kTags), std::end(kTags), [&](const char* t) { return tag == t; });
}

bool breaks_line(const std::string& tag) {
    static constexpr const char* kTags[] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                                            "section", "article", "blockquote", "table", "pre", "figure", "figcaption"};
    return std::any_of(std::begin(kTags), std::end(kTags), [&](const char* t) { return tag == t; });
}

// One linear pass over the tags: the deepest nesting the markup asks for (an upper estimate),
// and the same markup flattened to one <p> per line of text, for when the tree would be too deep.
struct TagScan {
    std::size_t max_depth = 0;
    std::string flattened;
};

TagScan scan_tags(std::string_view html, bool flatten) {
    TagScan out;
    std::size_t depth = 0, i = 0;
    std::string line;
    auto end_line = [&] {
        if (line.find_first_not_of(" \t\n") != std::string::npos) out.flattened += "<p>" + line + "</p>\n";
        line.clear();
    };
    while (i < html.size()) {
        const std::size_t lt = html.find('<', i);
        const std::size_t text_end = lt == std::string_view::npos ? html.size() : lt;
        if (flatten) line.append(html.substr(i, text_end - i));
        if (lt == std::string_view::npos) break;
        i = lt + 1;
        const bool closing = i < html.size() && html[i] == '/';
        if (closing) ++i;
        std::string tag;
        while (i < html.size() && is_name_char(html[i]) && tag.size() < 16)
            tag += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
        if (tag.empty() && !(i < html.size() && html[i] == '!')) {  // a lone '<' is text
            if (flatten) line += "&lt;";
            i = lt + 1;
            continue;
        }
        if (html.substr(lt, 4) == "<!--") {
            const std::size_t close = html.find("-->", lt + 4);
            i = close == std::string_view::npos ? html.size() : close + 3;
            continue;
        }
        const std::size_t gt = html.find('>', i);
        const bool self_closing = gt != std::string_view::npos && gt > 0 && html[gt - 1] == '/';
        i = gt == std::string_view::npos ? html.size() : gt + 1;
        if (!closing && (tag == "script" || tag == "style")) {  // raw text up to the end tag
            const std::size_t close = html.find("</" + tag, i);
            i = close == std::string_view::npos ? html.size() : close;
            continue;
        }
        if (flatten && breaks_line(tag)) end_line();
        if (keeps_depth(tag) || self_closing) continue;
        if (closing) depth -= depth > 0 ? 1 : 0;
        else out.max_depth = std::max(out.max_depth, ++depth);
    }
    end_line();
    return out;
}

// An image's alt text that the caption or paragraph beside it also says would be read twice: the
// image keeps only its picture (a browser shows the picture, never the alt text, once it loads).
void drop_repeated_alt_text(std::vector<Block>& blocks) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        Block& image = blocks[i];
        if (image.kind != BlockKind::Image || image.text.empty()) continue;
        // Its start or its end, not anywhere inside: a search inside is quadratic on hostile text.
        auto says_it = [&](std::size_t k) {
            if (k >= blocks.size() || blocks[k].kind == BlockKind::Image) return false;
            return blocks[k].text.starts_with(image.text) || blocks[k].text.ends_with(image.text);
        };
        if (says_it(i + 1) || (i > 0 && says_it(i - 1))) image.text.clear();
    }
}

std::vector<Block> parse_blocks(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // we never read parse errors; don't spend memory on them
    GumboOutput* doc = gumbo_parse_with_options(&options, html.data(), html.size());
    BlockBuilder out;
    struct Step {
        const GumboNode* node;
        unsigned next_child;
        Exit exit;
    };
    std::vector<Step> stack{{doc->document, 0, Exit::None}};
    while (!stack.empty()) {
        Step& top = stack.back();
        const GumboNode* node = top.node;
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
        else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) children = &node->v.element.children;
        if (!children || top.next_child >= children->length) {
            leave(out, top.exit);
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children->data[top.next_child++]);
        switch (child->type) {
            case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
                out.text(child->v.text.text);
                break;
            case GUMBO_NODE_ELEMENT: {
                const GumboElement& el = child->v.element;
                if (is_dropped_tag(el.tag) || is_ad_slot(el) || is_hidden(el)) break;
                const Exit exit = enter(out, el);
                stack.push_back({child, 0, exit});
                break;
            }
            default:
                break;  // comments, templates
        }
    }
    out.flush();
    gumbo_destroy_output(&options, doc);
    drop_repeated_alt_text(out.blocks);
    return std::move(out.blocks);
}

}  // namespace

std::vector<Block> html_to_blocks(std::string_view html, bool* flattened) {
    if (flattened) *flattened = false;
    // An HTML5 tree builder spends time proportional to depth on each tag; past this depth,
    // keep the text and drop the structure so pathological markup stays linear.
    constexpr std::size_t kMaxDepth = 512;
    if (scan_tags(html, false).max_depth <= kMaxDepth) return parse_blocks(html);
    if (flattened) *flattened = true;
    return parse_blocks(scan_tags(html, true).flattened);
}

}  // namespace folio

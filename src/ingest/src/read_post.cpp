#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <unordered_set>

#include "folio/hash.h"
#include "folio/ingest.h"
#include "folio/utf8.h"
#include "folio/view_hash.h"

namespace folio {
namespace {

std::string lower_ext(const std::string& path) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = path.substr(dot);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::string file_name(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Titles are one line: whitespace runs become one space, ends trimmed.
std::string one_line(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Jekyll pastes titles into HTML, so entities and tags in them render: read them as a browser would.
std::string title_text(const std::string& raw) {
    if (raw.find_first_of("&<") == std::string::npos) return one_line(raw);
    return one_line(plain_text(html_to_blocks("<p>" + raw + "</p>")));
}

// Authors, tags and categories are pasted into HTML too: "Paul Haenle &amp; Xie Tao" reads "&". A
// name with markup ("<C++>", "Doe <doe@example.com>") stays as written: none of it is lost.
std::string name_text(const std::string& raw) {
    return raw.find('<') == std::string::npos ? title_text(raw) : one_line(raw);
}

// A list's names as name_text reads them, each once ("R&amp;D" and "R&D" are one tag).
std::vector<std::string> names_text(const std::vector<std::string>& raw) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;  // a hostile list may hold a million values
    for (const auto& value : raw)
        if (std::string text = name_text(value); seen.insert(text).second) out.push_back(std::move(text));
    return out;
}

// A body may open with <!--1620401160000-->: the post's time in epoch milliseconds.
std::optional<std::int64_t> leading_epoch_ms(std::string_view body) {
    std::size_t i = 0;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\n' || body[i] == '\t')) ++i;
    if (body.substr(i, 4) != "<!--") return std::nullopt;
    i += 4;
    while (i < body.size() && body[i] == ' ') ++i;
    std::int64_t ms = 0;
    std::size_t digits = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])) && digits < 16) {
        ms = ms * 10 + (body[i++] - '0');
        ++digits;
    }
    while (i < body.size() && body[i] == ' ') ++i;
    if (digits < 9 || body.substr(i, 3) != "-->") return std::nullopt;
    return ms;
}

// The href of a heading that is one link over its whole text, as in "[title](url)\n------".
std::string whole_link(const Block& b) {
    if (b.links.size() == 1 && b.links[0].begin == 0 && b.links[0].end == b.text.size()) return b.links[0].href;
    return {};
}

// Whether HTML has any markup besides comments: a tag, or a doctype.
bool has_markup(std::string_view html) {
    for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
        if (html.substr(at, 4) == "<!--") {
            const std::size_t end = html.find("-->", at + 4);
            if (end == std::string_view::npos) return true;
            at = end + 2;
            continue;
        }
        const char next = at + 1 < html.size() ? html[at + 1] : ' ';
        if (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?') return true;
    }
    return false;
}

// An .html post written as plain text, paragraphs between blank lines and no markup: each
// paragraph in a <p>, as its writer meant, rather than the one run a browser collapses it to. A
// line of spaces (U+3000 too) is blank.
std::string plain_paragraphs_as_html(std::string_view text) {
    std::string out, paragraph;
    auto end_paragraph = [&] {
        if (paragraph.find_first_not_of(" \t\n") != std::string::npos) out += "<p>" + paragraph + "</p>\n";
        paragraph.clear();
    };
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t eol = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, eol - at);
        std::string_view rest = line;
        while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t' || rest.starts_with("\u3000")))
            rest.remove_prefix(rest[0] == ' ' || rest[0] == '\t' ? 1 : std::string_view("\u3000").size());
        if (rest.empty()) end_paragraph();
        else paragraph.append(line).append("\n");
        at = eol + 1;
    }
    end_paragraph();
    return out;
}

// The text without spaces and without a trailing ellipsis; ellipsis: whether it had one.
std::string title_key(std::string_view text, bool& ellipsis) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\t') out += c;
    ellipsis = false;
    for (bool cut = true; cut;) {  // "...", "…" or the Chinese "……"
        cut = out.ends_with("...") || out.ends_with("\u2026");
        if (cut) out.resize(out.size() - (out.ends_with("...") ? 3 : std::string_view("\u2026").size()));
        ellipsis = ellipsis || cut;
    }
    return out;
}

// Whether a heading says the title: the same words, or (cut_too) one of them cut short with an
// ellipsis ("...现代..." above a title that stops at "现代").
bool says_title(std::string_view heading, std::string_view title, bool cut_too) {
    bool heading_cut = false, title_cut = false;
    const std::string h = title_key(heading, heading_cut), t = title_key(title, title_cut);
    if (h == t) return !h.empty();
    if (!cut_too) return false;
    constexpr std::size_t kMinCutBytes = 12;  // four CJK characters, a dozen letters
    if (heading_cut && h.size() >= kMinCutBytes && t.starts_with(h)) return true;
    return title_cut && t.size() >= kMinCutBytes && h.starts_with(t);
}

// The same address, whether written with UTF-8 or with its percent-encoding.
bool same_url(const std::string& a, const std::string& b) {
    if (a == b) return true;
    const auto da = percent_decode(a), db = percent_decode(b);
    return da && db && *da == *db;
}

// Mirrored feeds often open the body with a line like "日期：Thu, 18 Jun 2020 00:51:28 +0000".
std::optional<ParsedDate> date_line(const std::vector<Block>& blocks) {
    static constexpr const char* kLabels[] = {"日期", "发布日期", "發佈日期", "發布日期", "时间", "時間", "Date", "date", "Published"};
    for (std::size_t i = 0; i < blocks.size() && i < 3; ++i) {
        std::string_view line = blocks[i].text;
        line = line.substr(0, line.find('\n'));
        for (const char* label : kLabels) {
            const std::string_view l(label);
            if (line.substr(0, l.size()) != l) continue;
            std::string_view rest = line.substr(l.size());
            if (rest.substr(0, 3) == "：") rest.remove_prefix(3);
            else if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
            else continue;
            if (auto d = parse_date(rest)) return d;
        }
    }
    return std::nullopt;
}

std::string title_from_filename(const std::string& name) {
    std::string stem = name.substr(0, name.rfind('.'));
    if (date_from_filename(stem + "-")) stem = stem.size() > 11 ? stem.substr(11) : "";
    std::replace(stem.begin(), stem.end(), '-', ' ');
    return one_line(stem);
}

// The first max_chars code points of s; true when something was cut.
bool cut_chars(std::string& s, std::size_t max_chars) {
    std::size_t i = 0, n = 0;
    while (i < s.size() && n < max_chars) {
        utf8_next(s, i);
        ++n;
    }
    if (i >= s.size()) return false;
    s.resize(i);
    return true;
}

// A value quoted in a message, cut so that a hostile value cannot flood the report.
std::string quoted(std::string s) {
    if (cut_chars(s, 80)) s += "…";
    return "'" + s + "'";
}

// Applies PostLimits, warning once per kind of cut.
void limit_post(Post& p, const PostLimits& limits, const std::function<void(const char*, std::string)>& warn) {
    const std::size_t title_bytes = p.title.size();
    if (cut_chars(p.title, limits.title_chars)) {
        p.title += "…";
        warn("long-title", "title of " + std::to_string(title_bytes) + " bytes cut to " +
                               std::to_string(limits.title_chars) + " characters");
    }
    bool names_cut = cut_chars(p.author, limits.name_chars);
    auto limit_list = [&](std::vector<std::string>& values, const char* what) {
        if (values.size() > limits.list_values) {
            warn("too-many-values", std::to_string(values.size()) + " " + what + "; kept the first " +
                                        std::to_string(limits.list_values));
            values.resize(limits.list_values);
        }
        for (auto& v : values) names_cut |= cut_chars(v, limits.name_chars);
    };
    limit_list(p.tags, "tags");
    limit_list(p.categories, "categories");
    if (names_cut)
        warn("long-name", "an author, tag or category over " + std::to_string(limits.name_chars) +
                              " characters was cut");
    if (p.source_url.size() > limits.url_bytes) {
        warn("long-url", "source URL of " + std::to_string(p.source_url.size()) + " bytes dropped (limit " +
                             std::to_string(limits.url_bytes) + ")");
        p.source_url.clear();
    }
    const auto before = p.extra.size();
    std::erase_if(p.extra, [&](const auto& kv) { return kv.first.size() + kv.second.size() > limits.extra_bytes; });
    if (p.extra.size() != before)
        warn("long-extra", std::to_string(before - p.extra.size()) + " front matter value(s) over " +
                               std::to_string(limits.extra_bytes) + " bytes dropped");
}

}  // namespace

FileResult read_post(const std::string& rel_path, std::string_view bytes, const IngestOptions& options) {
    FileResult r;
    auto warn = [&](const char* kind, std::string message) { r.warnings.push_back({rel_path, kind, std::move(message)}); };
    if (bytes.size() > options.max_file_bytes) {
        r.skip_reason = "too-large";
        r.skip_detail = std::to_string(bytes.size()) + " bytes, over the limit of " +
                        std::to_string(options.max_file_bytes) + " (--max-file-size)";
        return r;
    }
    if (std::memchr(bytes.data(), '\0', bytes.size())) {
        r.skip_reason = "binary";
        r.skip_detail = "contains NUL bytes; not a text file";
        return r;
    }
    CleanText clean = clean_text(bytes);
    if (clean.invalid_count) {
        std::string offsets;
        for (auto o : clean.invalid_offsets) offsets += (offsets.empty() ? "" : ", ") + std::to_string(o);
        warn("invalid-utf8", std::to_string(clean.invalid_count) + " invalid UTF-8 sequence(s) replaced by U+FFFD at byte offset(s) " + offsets);
    }
    if (clean.controls_dropped) warn("control-chars", std::to_string(clean.controls_dropped) + " control character(s) dropped");
    if (clean.text.find_first_not_of(" \n\t") == std::string::npos) {
        r.skip_reason = "empty";
        r.skip_detail = "the file has no content";
        return r;
    }

    FrontMatter fm = read_front_matter(clean.text);
    if (fm.lenient) warn("yaml-fallback", "front matter read line by line: " + fm.error);
    for (const auto& key : fm.duplicate_keys) warn("duplicate-key", "front matter key " + quoted(key) + " appears more than once; the last value is used");
    std::string_view body = std::string_view(clean.text).substr(fm.body_offset);

    Post p;
    p.path = rel_path;
    p.id = make_post_id(rel_path);
    p.title = title_text(fm.title);
    p.author = name_text(fm.author);
    p.source_url = fm.source_url;
    p.tags = names_text(fm.tags);
    p.categories = names_text(fm.categories);
    p.extra = std::move(fm.extra);

    const std::string ext = lower_ext(rel_path);
    const bool is_html = ext == ".html" || ext == ".htm";
    bool flattened = false;
    std::string converted;  // the body made HTML; an .html body with markup is read where it is
    std::string_view html = body;
    if (!is_html) html = converted = markdown_to_html(body);
    else if (!has_markup(body)) html = converted = plain_paragraphs_as_html(body);
    p.blocks = html_to_blocks(html, &flattened);
    if (flattened) warn("html-too-deep", "markup nested over 512 levels deep; kept its text without structure");

    // "[title](url)\n------" opens many mirrored posts: it is the title, so show it once.
    if (!p.blocks.empty() && p.blocks.front().kind == BlockKind::Heading) {
        const Block& h = p.blocks.front();
        const std::string link = whole_link(h);
        // A heading cut short is the title only when it links the post's source, as mirrors write it.
        const bool repeats = !p.title.empty() && says_title(h.text, p.title, !link.empty() && !p.source_url.empty()) &&
                             (link.empty() || p.source_url.empty() || same_url(link, p.source_url));
        if (p.title.empty() || repeats) {
            bool cut = false;  // a title cut short gives way to the heading that says it whole
            if (p.title.empty() || title_key(h.text, cut).size() > title_key(p.title, cut).size()) p.title = one_line(h.text);
            if (p.source_url.empty()) p.source_url = link;
            p.blocks.erase(p.blocks.begin());
        }
    }
    if (p.title.empty()) {
        p.title = title_from_filename(file_name(rel_path));
        warn("no-title", "no title in front matter or body; using the file name");
    }

    std::optional<ParsedDate> date;
    if (!fm.date.empty()) {
        date = parse_date(fm.date);
        if (!date) warn("bad-date", "date " + quoted(fm.date) + " is not a date this tool reads");
    }
    if (!date) date = date_from_filename(file_name(rel_path));
    if (!date) {
        if (auto ms = leading_epoch_ms(body)) date = ParsedDate{*ms / 1000, 0};
    }
    if (!date) date = date_line(p.blocks);
    if (date) {
        p.date = date->seconds;
        p.utc_offset_minutes = date->offset_minutes;
    } else {
        warn("no-date", "no date in front matter, file name or body; listed after dated posts");
    }
    if (p.blocks.empty()) warn("empty-body", "the post has no body text");
    limit_post(p, options.limits, warn);
    if (const std::string text = plain_text(p.blocks); !text.empty()) r.content_hash = fnv1a64(p.title + '\n' + text) | 1;
    r.post = std::move(p);
    return r;
}

}  // namespace folio

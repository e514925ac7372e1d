// Export formats (folio/export.h). Titles, tags and text come from the archive, so every format
// escapes what its readers would otherwise take as structure.
#include "folio/export.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "folio/date.h"
#include "folio/safe_link.h"
#include "folio/view_hash.h"

namespace folio {
namespace {

std::string join_tags(const std::vector<std::string>& tags, std::string_view separator) {
    std::string out;
    for (const auto& t : tags) {
        if (!out.empty()) out += separator;
        out += t;
    }
    return out;
}

std::string csv_field(std::string_view value) {
    std::string v(value);
    // A leading =, +, - or @ makes spreadsheets run the cell as a formula (CSV injection).
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(0, "'");
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv(const std::vector<ExportRow>& rows) {
    std::string out = "\xEF\xBB\xBFtitle,date,source,source_url,tags,viewer_url\r\n";
    for (const ExportRow& r : rows) {
        for (const std::string_view f : {std::string_view(r.title), std::string_view(r.date), std::string_view(r.source),
                                         std::string_view(r.source_url)}) {
            out += csv_field(f);
            out += ',';
        }
        out += csv_field(join_tags(r.tags, "; "));
        out += ',';
        out += csv_field(r.viewer_url);
        out += "\r\n";
    }
    return out;
}

std::string json_lines(const std::vector<ExportRow>& rows) {
    using json = nlohmann::json;
    std::string out;
    for (const ExportRow& r : rows) {
        const json j = {{"title", r.title}, {"date", r.date.empty() ? json(nullptr) : json(r.date)},
                        {"source", r.source}, {"source_url", r.source_url}, {"tags", r.tags}, {"viewer_url", r.viewer_url}};
        out += j.dump(-1, ' ', false, json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

// Markup characters escaped; keep_breaks: a '\n' stays (a hard break), else line breaks become spaces.
std::string escape_markdown(std::string_view text, bool keep_breaks) {
    std::string out;
    bool line_start = true;
    for (const char c : text) {
        if (c == '\n' && keep_breaks) {
            out += c;
            line_start = true;
            continue;
        }
        if (c == '\n' || c == '\r') {  // one line: a break would end the list item or heading
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        if (std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos) out += '\\';
        else if (line_start && (c == '#' || c == '+' || c == '-' || c == '=' || c == '>')) out += '\\';
        out += c;
        line_start = false;
    }
    return out;
}

// A link destination: the characters that would end or break it are percent-encoded.
std::string markdown_url(std::string_view url) {
    std::string out;
    for (char c : url) {
        if (c == ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n' || c == '\r') out += percent_encode(std::string_view(&c, 1));
        else out += c;
    }
    return out;
}

std::string markdown_link(std::string_view text, std::string_view url) {
    return "[" + markdown_escape(text) + "](" + markdown_url(url) + ")";
}

std::string markdown_list(const std::vector<ExportRow>& rows, std::string_view heading) {
    std::string out = "# " + markdown_escape(heading) + "\n\n";
    for (const ExportRow& r : rows) {
        out += "- " + markdown_link(r.title.empty() ? std::string_view("(untitled)") : std::string_view(r.title), r.viewer_url);
        if (!r.date.empty()) out += " · " + r.date.substr(0, 10);
        if (!r.source.empty()) out += " · " + (r.source_url.empty() ? markdown_escape(r.source) : markdown_link(r.source, r.source_url));
        for (const auto& t : r.tags) out += " · #" + markdown_escape(t);
        out += '\n';
    }
    return out;
}

// A block's text with its links as Markdown links (openable ones only; others stay text).
std::string runs_markdown(const Block& b) {
    std::string out;
    std::uint32_t at = 0;
    const auto text = std::string_view(b.text);
    for (const LinkSpan& l : b.links) {
        if (l.begin < at || l.begin >= l.end || l.end > text.size()) continue;
        out += escape_markdown(text.substr(at, l.begin - at), true);
        const auto label = text.substr(l.begin, l.end - l.begin);
        out += is_openable_link(l.href) ? markdown_link(label, l.href) : markdown_escape(label);
        at = l.end;
    }
    out += escape_markdown(text.substr(std::min<std::size_t>(at, text.size())), true);
    return out;
}

// A fence longer than any run of backticks in the code.
std::string code_fence(std::string_view code) {
    std::size_t longest = 0, run = 0;
    for (char c : code) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string table_row(const Block& b, bool header) {
    std::string out = "|", rule = "|";
    std::size_t from = 0;
    for (std::size_t k = 0; k <= b.text.size(); ++k) {
        if (k < b.text.size() && b.text[k] != '\t') continue;
        out += " " + markdown_escape(std::string_view(b.text).substr(from, k - from)) + " |";
        rule += " --- |";
        from = k + 1;
    }
    return header ? out + "\n" + rule : out;
}

// One block's Markdown, without its quote markers; `prev` is the kind before it (tables and lists run on).
std::string block_markdown(const Block& b, const Block* prev) {
    switch (b.kind) {
        case BlockKind::Heading: return std::string(std::clamp<std::size_t>(b.level, 2, 6), '#') + " " + runs_markdown(b);
        case BlockKind::ListItem: {
            const std::string indent((std::max<std::size_t>(1, b.level) - 1) * 3, ' ');
            return indent + (b.number ? std::to_string(b.number) + ". " : "- ") + runs_markdown(b);
        }
        case BlockKind::Code: {
            const std::string fence = code_fence(b.text);
            return fence + "\n" + b.text + "\n" + fence;
        }
        case BlockKind::Image: {
            const std::string alt = markdown_escape(b.text.empty() ? "image" : b.text);
            return is_openable_link(b.url) ? "![" + alt + "](" + markdown_url(b.url) + ")" : "[image: " + alt + "]";
        }
        case BlockKind::Caption: return "*" + runs_markdown(b) + "*";
        case BlockKind::TableRow: return table_row(b, !prev || prev->kind != BlockKind::TableRow);
        case BlockKind::Rule: return "---";
        case BlockKind::Paragraph: break;
    }
    return runs_markdown(b);
}

// Hard line breaks as Markdown writes them (verbatim: the lines of code or a table's header and rule,
// kept as they are); every line of a quote gets its markers.
std::string quoted(const std::string& text, std::uint8_t depth, bool verbatim) {
    std::string prefix;
    for (std::uint8_t q = 0; q < depth; ++q) prefix += "> ";
    std::string out = prefix;
    for (char c : text) {
        if (c == '\n') out += (verbatim ? "\n" : "  \n") + prefix;
        else out += c;
    }
    return out;
}

}  // namespace

std::string markdown_escape(std::string_view text) { return escape_markdown(text, false); }

ExportRow export_row(const Catalog& c, const Manifest& manifest, std::size_t i, std::string_view viewer_base) {
    ExportRow r;
    if (i >= c.size()) return r;
    r.title = c.titles[i];
    if (c.has_date[i]) r.date = format_iso8601(c.dates[i], c.utc_offsets[i]);
    if (c.sites[i] >= 0 && static_cast<std::size_t>(c.sites[i]) < manifest.sites.size()) r.source = manifest.sites[static_cast<std::size_t>(c.sites[i])];
    if (c.authors[i] >= 0 && static_cast<std::size_t>(c.authors[i]) < manifest.authors.size()) r.author = manifest.authors[static_cast<std::size_t>(c.authors[i])];
    r.source_url = c.source_urls[i];
    for (auto t : c.tags[i])
        if (t < manifest.tags.size()) r.tags.push_back(manifest.tags[t]);
    r.viewer_url = std::string(viewer_base) + "#post=" + percent_encode(c.ids[i]);
    return r;
}

std::string export_rows(const std::vector<ExportRow>& rows, ExportFormat format, std::string_view heading) {
    switch (format) {
        case ExportFormat::Csv: return csv(rows);
        case ExportFormat::JsonLines: return json_lines(rows);
        case ExportFormat::Markdown: break;
    }
    return markdown_list(rows, heading);
}

std::string post_markdown(const ExportRow& meta, const std::vector<Block>& blocks) {
    std::string out = "# " + markdown_escape(meta.title.empty() ? std::string_view("(untitled)") : std::string_view(meta.title)) + "\n\n";
    std::string line = meta.date;
    if (!meta.author.empty()) line += (line.empty() ? "" : " · ") + markdown_escape(meta.author);
    if (!meta.source_url.empty()) line += (line.empty() ? "" : " · ") + markdown_link(meta.source.empty() ? meta.source_url : meta.source, meta.source_url);
    if (!line.empty()) out += line + "\n\n";
    if (!meta.tags.empty()) {
        for (const auto& t : meta.tags) out += "#" + markdown_escape(t) + " ";
        out.back() = '\n';
        out += '\n';
    }
    if (!meta.viewer_url.empty()) out += "<" + markdown_url(meta.viewer_url) + ">\n\n";
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        const Block& b = blocks[k];
        const Block* prev = k ? &blocks[k - 1] : nullptr;
        // List items and table rows run on; anything else is a paragraph of its own.
        const bool run_on = prev && prev->kind == b.kind && prev->quote == b.quote &&
                            (b.kind == BlockKind::ListItem || b.kind == BlockKind::TableRow);
        if (k && !run_on) out += '\n';
        out += quoted(block_markdown(b, run_on ? prev : nullptr), b.quote, b.kind == BlockKind::Code || b.kind == BlockKind::TableRow) + "\n";
    }
    return out;
}

const char* export_extension(ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return "csv";
        case ExportFormat::JsonLines: return "jsonl";
        case ExportFormat::Markdown: break;
    }
    return "md";
}

const char* export_mime(ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return "text/csv;charset=utf-8";
        case ExportFormat::JsonLines: return "application/x-ndjson;charset=utf-8";
        case ExportFormat::Markdown: break;
    }
    return "text/markdown;charset=utf-8";
}

}  // namespace folio

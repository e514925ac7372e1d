#include "folio/search_fold.h"

#include <algorithm>
#include <optional>

#include "folio/utf8.h"
#include "search_binary.h"

namespace folio {
namespace {

using namespace search_binary;

constexpr std::string_view kFoldMagic = "FFLD";
constexpr std::uint64_t kFoldVersion = 1;
constexpr std::uint64_t kMaxFoldLength = 32;  // NFKC expands one code point to at most 18

bool in(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

}  // namespace

std::string encode_fold_table(const FoldTable& table) {
    std::vector<std::pair<char32_t, const std::u32string*>> entries;
    for (const auto& [cp, folded] : table.map) entries.emplace_back(cp, &folded);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out(kFoldMagic);
    put_varint(out, kFoldVersion);
    put_varint(out, entries.size());
    char32_t previous = 0;
    for (const auto& [cp, folded] : entries) {
        put_varint(out, cp - previous);  // sorted, so deltas are small
        previous = cp;
        put_varint(out, folded->size());
        for (char32_t c : *folded) put_varint(out, c);
    }
    return seal(std::move(out));
}

Result<FoldTable> decode_fold_table(std::string_view bytes) {
    std::string_view content;
    if (!unseal(bytes, kFoldMagic, content))
        return Error{"the search folding table is damaged or not a folding table"};
    Reader r(content);
    if (r.varint() != kFoldVersion || !r.ok())
        return Error{"the search folding table has an unsupported version"};
    // Each entry takes at least two bytes, which bounds the count by the bytes present.
    const std::uint64_t count = r.bounded(r.remaining() / 2);
    FoldTable table;
    table.map.reserve(static_cast<std::size_t>(count));
    std::uint64_t cp = 0;
    for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
        const std::uint64_t delta = r.varint();
        cp += delta;
        if ((i > 0 && delta == 0) || cp > 0x10FFFF) r.fail();
        const std::uint64_t length = r.bounded(kMaxFoldLength);
        std::u32string folded;
        for (std::uint64_t k = 0; k < length && r.ok(); ++k) {
            const std::uint64_t c = r.bounded(0x10FFFF);
            folded += static_cast<char32_t>(c);
        }
        if (r.ok()) table.map.emplace(static_cast<char32_t>(cp), std::move(folded));
    }
    if (!r.ok() || !r.at_end()) return Error{"the search folding table is malformed"};
    index_fold_table(table);
    return table;
}

void index_fold_table(FoldTable& table) {
    table.bmp.assign(0x10000, 0);
    table.pool.clear();
    std::vector<std::pair<char32_t, const std::u32string*>> entries;  // in code point order: the same pool every time
    for (const auto& [cp, folded] : table.map)
        if (cp < 0x10000) entries.emplace_back(cp, &folded);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [cp, folded] : entries) {
        table.bmp[cp] = 1 + (static_cast<std::uint32_t>(table.pool.size()) << 6 | static_cast<std::uint32_t>(folded->size()));
        table.pool += *folded;
    }
}

std::u32string fold_codepoint(char32_t cp, const FoldTable& table) {
    if (auto it = table.map.find(cp); it != table.map.end()) return it->second;
    if (cp >= 'A' && cp <= 'Z') return std::u32string(1, cp + ('a' - 'A'));
    return std::u32string(1, cp);
}

std::pair<std::uint32_t, std::uint32_t> Folded::source_range(std::size_t first, std::size_t last) const {
    if (first >= last || last > text.size()) return {0, 0};
    // Several folded code points may share a source code point (U+FB01 -> "fi"): the end is the
    // next offset that moves past the last one's source.
    std::size_t next = last;
    while (next < text.size() && offsets[next] == offsets[last - 1]) ++next;
    return {offsets[first], offsets[next]};
}

Folded fold_text(std::string_view utf8, const FoldTable& table) {
    Folded out;
    out.text.reserve(utf8.size());
    out.offsets.reserve(utf8.size() + 1);
    for (std::size_t i = 0; i < utf8.size();) {
        const auto begin = static_cast<std::uint32_t>(i);
        const char32_t cp = utf8_next(utf8, i);
        std::optional<std::u32string_view> folded;  // none: the code point itself (ASCII lowercased)
        if (cp < 0x10000 && !table.bmp.empty()) {
            if (const std::uint32_t entry = table.bmp[cp]; entry != 0)
                folded = std::u32string_view(table.pool).substr((entry - 1) >> 6, (entry - 1) & 63);
        } else if (auto it = table.map.find(cp); it != table.map.end()) {
            folded = it->second;
        }
        if (folded) {
            out.text += *folded;
            out.offsets.insert(out.offsets.end(), folded->size(), begin);
        } else {
            out.text += (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
            out.offsets.push_back(begin);
        }
    }
    out.offsets.push_back(static_cast<std::uint32_t>(utf8.size()));
    return out;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) utf8_append(out, c);
    return out;
}

std::string fold_to_utf8(std::string_view utf8, const FoldTable& table) {
    return to_utf8(fold_text(utf8, table).text);
}

bool is_search_cjk(char32_t cp) {
    return in(cp, 0x3005, 0x3007) || in(cp, 0x3021, 0x3029) || in(cp, 0x3031, 0x3035) ||
           in(cp, 0x3041, 0x309F) || in(cp, 0x30A1, 0x30FA) || in(cp, 0x30FC, 0x30FF) ||
           in(cp, 0x1100, 0x11FF) || in(cp, 0x3130, 0x318F) || in(cp, 0x31F0, 0x31FF) ||
           in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xA960, 0xA97F) ||
           in(cp, 0xAC00, 0xD7A3) || in(cp, 0xD7B0, 0xD7FF) || in(cp, 0xF900, 0xFAFF) ||
           in(cp, 0xFF66, 0xFF9F) || in(cp, 0xFFA0, 0xFFDC) || in(cp, 0x20000, 0x3FFFD);
}

bool is_search_word_char(char32_t cp) {
    if (cp < 0x80) return in(cp, '0', '9') || in(cp, 'a', 'z') || in(cp, 'A', 'Z');
    if (is_search_cjk(cp)) return false;
    // Latin-1 punctuation and symbols, general punctuation, symbols and arrows, CJK punctuation,
    // vertical and small forms, full-width punctuation, specials, private use, emoji.
    return !(in(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x2000, 0x2BFF) ||
             in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F) || in(cp, 0x30FB, 0x30FB) ||
             in(cp, 0xD800, 0xF8FF) || in(cp, 0xFE00, 0xFE6F) || in(cp, 0xFF00, 0xFF65) ||
             in(cp, 0xFFE0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF) || in(cp, 0xE0000, 0x10FFFF) ||
             in(cp, 0x2E80, 0x2FFF));
}

std::vector<SearchToken> tokenize_folded(std::u32string_view folded) {
    std::vector<SearchToken> tokens;
    std::uint32_t run = 0;
    bool in_cjk_run = false;
    const auto n = static_cast<std::uint32_t>(folded.size());
    for (std::uint32_t i = 0; i < n;) {
        const char32_t cp = folded[i];
        if (is_search_cjk(cp)) {
            if (!in_cjk_run) ++run;
            in_cjk_run = true;
            tokens.push_back({TokenKind::Cjk, i, i + 1, run});
            ++i;
        } else if (is_search_word_char(cp)) {
            std::uint32_t end = i;
            while (end < n && is_search_word_char(folded[end])) ++end;
            tokens.push_back({TokenKind::Word, i, end, ++run});
            in_cjk_run = false;
            i = end;
        } else {
            in_cjk_run = false;
            ++i;
        }
    }
    return tokens;
}

}  // namespace folio

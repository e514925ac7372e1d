#pragma once
// Small UTF-8 helpers; input to these is already valid UTF-8 (see ingest's clean_text).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace folio {

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD, one byte each.
// Inline: the build walks every character of the archive several times.
inline char32_t utf8_next(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}
void utf8_append(std::string& out, char32_t cp);
// Adds every code point of the text to the set.
void add_codepoints(std::set<char32_t>& out, std::string_view s);

// East Asian wide characters where CSS drops a line break between two of them
// (Han, kana, CJK punctuation, full-width forms); Hangul is excluded, as in CSS Text 3.
bool is_cjk_wide(char32_t cp);

// Whether s starts with prefix, ASCII letters in any case; prefix is written in lower case.
bool starts_with_nocase(std::string_view s, std::string_view prefix);

}  // namespace folio

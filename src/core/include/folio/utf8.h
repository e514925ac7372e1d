#pragma once
// Small UTF-8 helpers; input to these is already valid UTF-8 (see ingest's clean_text).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace folio {

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD, one byte each.
char32_t utf8_next(std::string_view s, std::size_t& i);
void utf8_append(std::string& out, char32_t cp);
// Adds every code point of the text to the set.
void add_codepoints(std::set<char32_t>& out, std::string_view s);

// East Asian wide characters where CSS drops a line break between two of them
// (Han, kana, CJK punctuation, full-width forms); Hangul is excluded, as in CSS Text 3.
bool is_cjk_wide(char32_t cp);

}  // namespace folio

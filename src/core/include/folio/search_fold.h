#pragma once
// Search normalisation: a per-code-point folding table (NFKC, case, width, Latin diacritics,
// traditional -> simplified) built natively from utf8proc and OpenCC and shipped with the site,
// and the tokenizer that splits folded text into CJK characters and Latin/number words.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "folio/result.h"

namespace folio {

// Code point -> folded code points (empty = dropped, e.g. a combining mark). Absent = identity,
// except that ASCII A-Z is always lowercased, so an empty table still folds ASCII case.
struct FoldTable {
    std::unordered_map<char32_t, std::u32string> map;
    // The map's BMP entries as a flat index (fold_text's lookup per character, a fifth of its time
    // with the hash map): per code point below 0x10000, 0 when absent, else 1 + its folded code
    // points' offset in `pool` << 6 | their count (at most kMaxFoldLength, 32). Made by index_fold_table; empty = the map alone.
    std::vector<std::uint32_t> bmp;
    std::u32string pool;
};
// Fills table.bmp and table.pool from table.map (after the map's last change).
void index_fold_table(FoldTable& table);

// Compact binary ("FFLD", version, sorted entries, checksum); the bytes are deterministic.
std::string encode_fold_table(const FoldTable& table);
Result<FoldTable> decode_fold_table(std::string_view bytes);

// The folded code points of one code point (what fold_text appends for it).
std::u32string fold_codepoint(char32_t cp, const FoldTable& table);

// Folded text plus, for each folded code point, the byte offset in the source of the code point
// it came from; offsets has one more entry than text: the source size.
struct Folded {
    std::u32string text;
    std::vector<std::uint32_t> offsets;
    // Source byte range [begin, end) that folded code points [first, last) came from.
    std::pair<std::uint32_t, std::uint32_t> source_range(std::size_t first, std::size_t last) const;
};
Folded fold_text(std::string_view utf8, const FoldTable& table);
std::string fold_to_utf8(std::string_view utf8, const FoldTable& table);
std::string to_utf8(std::u32string_view text);

// Han, kana, Hangul and CJK compatibility ideographs: searched character by character.
bool is_search_cjk(char32_t cp);
// Letters and digits of words: ASCII alnum and any other code point that is neither CJK nor
// punctuation, symbol, space or control (kept simple: a few range checks, no Unicode tables).
bool is_search_word_char(char32_t cp);

// Folded text splits into tokens: one per CJK character, one per word. Tokens that share a run
// number are adjacent characters of one CJK run (bigrams never cross runs); each word is its
// own run. A word is indexed and looked up by its first kMaxWordLength code points.
inline constexpr std::size_t kMaxWordLength = 64;
enum class TokenKind : std::uint8_t { Cjk, Word };
struct SearchToken {
    TokenKind kind = TokenKind::Cjk;
    std::uint32_t begin = 0, end = 0;  // folded code points [begin, end)
    std::uint32_t run = 0;
};
std::vector<SearchToken> tokenize_folded(std::u32string_view folded);

}  // namespace folio

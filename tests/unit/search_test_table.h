#pragma once
// A small hand-made folding table for core search tests (the real one comes from fold_table.h).
#include "folio/search_fold.h"

inline folio::FoldTable small_fold_table() {
    folio::FoldTable t;
    const std::pair<char32_t, std::u32string> entries[] = {
        {U'Ａ', U"a"}, {U'Ｂ', U"b"}, {U'Ｃ', U"c"}, {U'ａ', U"a"}, {U'１', U"1"}, {U'２', U"2"},
        {U'é', U"e"},  {U'É', U"e"},  {U'ü', U"u"},  {U'①', U"1"}, {U'\u0301', U""}, {U'ﬁ', U"fi"},
        {U'習', U"习"}, {U'國', U"国"}, {U'際', U"际"}, {U'廣', U"广"}, {U'電', U"电"}, {U'臺', U"台"},
        {U'灣', U"湾"}, {U'計', U"计"}, {U'劃', U"划"}, {U'援', U"援"}, {U'　', U" "},  {U'Ω', U"ω"},
    };
    for (const auto& [cp, folded] : entries) t.map.emplace(cp, folded);
    return t;
}

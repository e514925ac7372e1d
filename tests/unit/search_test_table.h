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
    folio::index_fold_table(t);
    return t;
}

#include <string>
#include <vector>

#include "folio/search.h"

// Loads what shards_needed() names from one segment's shard files, asking again until it names
// nothing missing (position pieces are named once the count shards are in); false on a refusal.
// `loaded`, when given, receives every shard loaded, in order.
inline bool load_needed(folio::SearchIndex& index, const folio::Query& query, const std::vector<std::string>& shards,
                        std::vector<folio::ShardId>* loaded = nullptr) {
    for (bool more = true; more;) {
        more = false;
        for (const folio::ShardId id : folio::shards_needed(query, index)) {
            if (index.has_shard(id)) continue;
            if (id.shard >= shards.size() || !index.load_shard(id, shards[id.shard]).ok()) return false;
            if (loaded) loaded->push_back(id);
            more = true;
        }
    }
    return true;
}

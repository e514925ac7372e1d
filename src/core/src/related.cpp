// Related coverage: sketches, the LSH candidate search and the related file (folio/related.h).
#include "folio/related.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <utility>

#include "folio/utf8.h"

namespace folio {
namespace {

using json = nlohmann::json;

constexpr std::size_t kShingle = 5;
constexpr std::size_t kBandRows = 3;
constexpr std::size_t kBands = kSketchBins / kBandRows;  // 21: a pair at similarity 0.5 shares a band 94 % of the time

std::uint64_t mix(std::uint64_t h) {  // splitmix64's finaliser: every input bit moves every output bit
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

// A letter or digit as the sketch compares it (0: dropped).
char32_t sketch_char(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full width ASCII
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
    if (c < 0xC0 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFFEF) || c == 0xD7 || c == 0xF7)
        return 0;  // ASCII and CJK punctuation, symbols, spaces
    return c;
}

}  // namespace

Sketch related_sketch(const std::vector<Block>& blocks) {
    Sketch s;
    std::vector<char32_t> text;
    for (const Block& b : blocks)
        for (std::size_t i = 0; i < b.text.size();)
            if (const char32_t c = sketch_char(utf8_next(b.text, i))) text.push_back(c);
    if (text.size() < kMinSketchChars) return s;
    constexpr std::uint32_t kEmpty = 0x10000;
    std::array<std::uint32_t, kSketchBins> least;
    least.fill(kEmpty);
    for (std::size_t i = 0; i + kShingle <= text.size(); ++i) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < kShingle; ++k) h = h * 0x100000001b3ULL + text[i + k];
        h = mix(h);
        const std::size_t bin = h >> 58;  // the top 6 bits pick the bin, the low 16 are its value
        least[bin] = std::min<std::uint32_t>(least[bin], static_cast<std::uint32_t>(h & 0xFFFF));
    }
    for (std::size_t bin = 0; bin < kSketchBins; ++bin) {
        std::size_t from = bin, steps = 0;  // rotation: the next full bin, and how far it is
        while (least[from] == kEmpty) from = (from + 1) % kSketchBins, ++steps;
        s.bins[bin] = static_cast<std::uint16_t>(least[from] + steps * 0x9E37);
    }
    s.valid = true;
    return s;
}

double sketch_similarity(const Sketch& a, const Sketch& b) {
    if (!a.valid || !b.valid) return 0.0;
    std::size_t same = 0;
    for (std::size_t k = 0; k < kSketchBins; ++k) same += a.bins[k] == b.bins[k];
    return static_cast<double>(same) / static_cast<double>(kSketchBins);
}

namespace {

// Sorts (key, post) by key, keeping posts in order within a key (they arrive in order): the same
// order as sorting the pairs, by 16-bit digits of the key's kBandRows rows (std::sort was 0.23 s
// of a 167k build's related phase).
void sort_band_keys(std::vector<std::pair<std::uint64_t, std::uint32_t>>& keys,
                    std::vector<std::pair<std::uint64_t, std::uint32_t>>& spare) {
    spare.resize(keys.size());
    std::vector<std::uint32_t> starts(std::size_t{1} << 16);
    for (unsigned shift = 0; shift < 16 * kBandRows; shift += 16) {
        std::fill(starts.begin(), starts.end(), 0);
        for (const auto& k : keys) ++starts[(k.first >> shift) & 0xFFFF];
        std::uint32_t at = 0;
        for (auto& start : starts) at += std::exchange(start, at);
        for (const auto& k : keys) spare[starts[(k.first >> shift) & 0xFFFF]++] = k;
        keys.swap(spare);
    }
}

// Whether posts a and b share every row of band `band`.
bool share_band(const Sketch& a, const Sketch& b, std::size_t band) {
    const auto rows = a.bins.begin() + static_cast<std::ptrdiff_t>(band * kBandRows);
    return std::equal(rows, rows + kBandRows, b.bins.begin() + static_cast<std::ptrdiff_t>(band * kBandRows));
}

// Pairs (lower index << 32 | higher) that share every row of a band, from buckets no larger than the
// cap, each listed once: a pair an earlier band listed is not listed again (`listed_in`: per post, the
// bands whose bucket listed its pairs). Ten copies of 100,000 posts listed 94 M pairs, 1.1 GB, before.
std::vector<std::uint64_t> candidate_pairs(const std::vector<Sketch>& sketches, std::size_t cap) {
    static_assert(kBands <= 32);
    std::vector<std::uint64_t> pairs;
    std::vector<std::uint32_t> listed_in(sketches.size(), 0);
    const auto listed_before = [&](std::uint32_t a, std::uint32_t b) {
        for (std::uint32_t bands = listed_in[a]; bands != 0; bands &= bands - 1)
            if (share_band(sketches[a], sketches[b], static_cast<std::size_t>(std::countr_zero(bands)))) return true;
        return false;
    };
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys, spare;
    for (std::size_t band = 0; band < kBands; ++band) {
        keys.clear();
        for (std::size_t p = 0; p < sketches.size(); ++p) {
            if (!sketches[p].valid) continue;
            std::uint64_t key = 0;
            for (std::size_t r = 0; r < kBandRows; ++r) key = key << 16 | sketches[p].bins[band * kBandRows + r];
            keys.push_back({key, static_cast<std::uint32_t>(p)});
        }
        sort_band_keys(keys, spare);
        for (std::size_t i = 0; i < keys.size();) {
            std::size_t j = i;
            while (j < keys.size() && keys[j].first == keys[i].first) ++j;
            if (j - i >= 2 && j - i <= cap) {
                for (std::size_t a = i; a < j; ++a)
                    for (std::size_t b = a + 1; b < j; ++b)
                        if (!listed_before(keys[a].second, keys[b].second))
                            pairs.push_back(std::uint64_t{keys[a].second} << 32 | keys[b].second);
                for (std::size_t a = i; a < j; ++a) listed_in[keys[a].second] |= 1u << band;
            }
            i = j;
        }
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

struct Scored {
    double score;
    std::uint32_t other;
};

// Most similar first, then by index: the order that decides who is among a post's max_per_post.
bool more_similar(const Scored& a, const Scored& b) { return a.score != b.score ? a.score > b.score : a.other < b.other; }

}  // namespace

RelatedLists find_related(const std::vector<Sketch>& sketches, const std::vector<std::optional<std::int64_t>>& dates,
                          const RelatedOptions& options) {
    std::vector<std::vector<Scored>> near(sketches.size());
    for (const std::uint64_t pair : candidate_pairs(sketches, options.bucket_cap)) {
        const auto a = static_cast<std::uint32_t>(pair >> 32), b = static_cast<std::uint32_t>(pair);
        if (a < dates.size() && b < dates.size() && dates[a] && dates[b] &&
            (*dates[a] > *dates[b] ? *dates[a] - *dates[b] : *dates[b] - *dates[a]) > options.max_seconds_apart)
            continue;
        const double score = sketch_similarity(sketches[a], sketches[b]);
        if (score < options.min_similarity) continue;
        near[a].push_back({score, b});
        near[b].push_back({score, a});
    }
    for (auto& row : near) {
        std::sort(row.begin(), row.end(), more_similar);
        if (row.size() > options.max_per_post) row.resize(options.max_per_post);
    }
    RelatedLists out;
    std::vector<std::uint32_t> row;
    for (std::size_t p = 0; p < near.size(); ++p) {
        row.clear();
        for (const Scored& s : near[p]) {  // kept both ways only: the lists stay symmetric
            const auto& back = near[s.other];
            if (std::any_of(back.begin(), back.end(), [&](const Scored& t) { return t.other == p; })) row.push_back(s.other);
        }
        std::sort(row.begin(), row.end());
        out.ids.insert(out.ids.end(), row.begin(), row.end());
        out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
    return out;
}

std::string related_json(const RelatedLists& lists) {
    json rows = json::array();
    for (std::uint32_t p = 0; p < lists.posts(); ++p) {
        const auto others = lists.of(p);
        if (others.empty()) continue;
        json row = json::array({p});
        for (const std::uint32_t o : others) row.push_back(o);
        rows.push_back(std::move(row));
    }
    return json{{"c", lists.posts()}, {"r", std::move(rows)}}.dump();
}

Result<RelatedLists> parse_related(std::string_view text, std::size_t post_count) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    const auto bad = [](const std::string& why) { return Error{"the related posts file " + why}; };
    if (j.is_discarded() || !j.is_object()) return bad("is not valid JSON (truncated or damaged)");
    const auto c = j.find("c"), r = j.find("r");
    if (c == j.end() || !c->is_number_unsigned() || c->get<std::uint64_t>() != post_count || r == j.end() || !r->is_array())
        return bad("does not hold the site's posts");
    std::vector<std::vector<std::uint32_t>> rows(post_count);
    for (const json& row : *r) {
        if (!row.is_array() || row.size() < 2) return bad("has a malformed row");
        std::vector<std::uint32_t> v;
        for (const json& x : row) {
            if (!x.is_number_unsigned() || x.get<std::uint64_t>() >= post_count) return bad("names a post the site lacks");
            v.push_back(x.get<std::uint32_t>());
        }
        const std::uint32_t post = v.front();
        if (!rows[post].empty() || !std::is_sorted(v.begin() + 1, v.end()) ||
            std::adjacent_find(v.begin() + 1, v.end()) != v.end() || std::find(v.begin() + 1, v.end(), post) != v.end())
            return bad("has a malformed row");
        rows[post].assign(v.begin() + 1, v.end());
    }
    RelatedLists out;
    for (std::size_t p = 0; p < rows.size(); ++p) {
        for (const std::uint32_t o : rows[p])
            if (!std::binary_search(rows[o].begin(), rows[o].end(), static_cast<std::uint32_t>(p)))
                return bad("is not symmetric");
        out.ids.insert(out.ids.end(), rows[p].begin(), rows[p].end());
        out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
    return out;
}

}  // namespace folio

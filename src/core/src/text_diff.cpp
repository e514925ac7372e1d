#include "folio/text_diff.h"

#include <algorithm>

#include "folio/utf8.h"

namespace folio {
namespace {

struct Token {
    std::uint32_t begin, end;
};

bool is_word_char(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '\'' ||
           (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7);  // Latin, Greek, Cyrillic and other alphabets' letters
}

std::vector<Token> tokens_of(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t from = i;
        const bool word = is_word_char(utf8_next(s, i));
        if (word)
            for (std::size_t j = i; j < s.size(); i = j) {
                if (!is_word_char(utf8_next(s, j))) break;
            }
        out.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(i)});
    }
    return out;
}

// Adds [begin, end) to ranges, merged with the last range when they touch.
void add_range(TextRanges& ranges, std::uint32_t begin, std::uint32_t end) {
    if (begin >= end) return;
    if (!ranges.empty() && ranges.back().second >= begin) ranges.back().second = std::max(ranges.back().second, end);
    else ranges.push_back({begin, end});
}

struct Sides {
    std::string_view a, b;
    std::vector<Token> ta, tb;
    bool same(std::size_t i, std::size_t j) const {
        return a.substr(ta[i].begin, ta[i].end - ta[i].begin) == b.substr(tb[j].begin, tb[j].end - tb[j].begin);
    }
};

// Marks the tokens on Myers' path as kept, walking back from (x, x - k) at step d: each step came
// from diagonal k +- 1 of the step before (trace[d] holds v's diagonals -d..d before step d) by one
// insertion or deletion, then a run of equal tokens.
void walk_back(const std::vector<std::vector<int>>& trace, long d, long k, long x, std::size_t lo_a, std::size_t lo_b,
               std::vector<bool>& kept_a, std::vector<bool>& kept_b) {
    const auto keep = [&](long from, long to, long diagonal) {
        for (long t = from; t < to; ++t) {
            kept_a[lo_a + static_cast<std::size_t>(t)] = true;
            kept_b[lo_b + static_cast<std::size_t>(t - diagonal)] = true;
        }
    };
    for (; d > 0; --d) {
        const std::vector<int>& prev = trace[static_cast<std::size_t>(d)];
        const auto at = [&](long kk) { return static_cast<long>(prev[static_cast<std::size_t>(kk + d)]); };
        const bool came_down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const long pk = came_down ? k + 1 : k - 1;
        const long px = at(pk);
        keep(came_down ? px : px + 1, x, k);
        x = px;
        k = pk;
    }
    keep(0, x, 0);
}

// Myers' greedy forward search over tokens [lo_a, hi_a) x [lo_b, hi_b): step d keeps the furthest x
// on each diagonal k = x - y (-d..d). False when it needs more than max_edits steps.
bool myers(const Sides& s, std::size_t lo_a, std::size_t hi_a, std::size_t lo_b, std::size_t hi_b, std::size_t max_edits,
           std::vector<bool>& kept_a, std::vector<bool>& kept_b) {
    const long n = static_cast<long>(hi_a - lo_a), m = static_cast<long>(hi_b - lo_b);
    const long max_d = std::min<long>(n + m, static_cast<long>(max_edits));
    const long off = max_d + 1;
    std::vector<int> v(static_cast<std::size_t>(2 * off + 1), 0);
    const auto at = [&](long k) { return static_cast<long>(v[static_cast<std::size_t>(off + k)]); };
    std::vector<std::vector<int>> trace;
    for (long d = 0; d <= max_d; ++d) {
        trace.emplace_back(v.begin() + (off - d), v.begin() + (off + d + 1));
        for (long k = -d; k <= d; k += 2) {
            const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
            long x = down ? at(k + 1) : at(k - 1) + 1;
            while (x < n && x - k < m && s.same(lo_a + static_cast<std::size_t>(x), lo_b + static_cast<std::size_t>(x - k))) ++x;
            v[static_cast<std::size_t>(off + k)] = static_cast<int>(x);
            if (x < n || x - k < m) continue;
            walk_back(trace, d, k, x, lo_a, lo_b, kept_a, kept_b);
            return true;
        }
    }
    return false;
}

// A run of changed tokens between equal ones may slide (x[i..j) changed and x[j] == x[i] is the
// same edit as x[i+1..j+1)); readers see it best ending at a punctuation mark or space, so each run
// moves to the last such place it can reach.
void slide_runs(const std::vector<Token>& t, std::string_view s, std::vector<bool>& kept) {
    const auto text = [&](std::size_t k) { return s.substr(t[k].begin, t[k].end - t[k].begin); };
    const auto ends_clause = [&](std::size_t k) {  // a space or punctuation mark, Latin or CJK
        std::size_t i = t[k].begin;
        const char32_t c = utf8_next(s, i);
        return (c < 0x80 && !is_word_char(c)) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
               (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20);
    };
    for (std::size_t i = 0; i < t.size();) {
        if (kept[i]) { ++i; continue; }
        std::size_t j = i;
        while (j < t.size() && !kept[j]) ++j;
        std::size_t best = 0;
        for (std::size_t shift = 1; j + shift - 1 < t.size() && kept[j + shift - 1] && text(i + shift - 1) == text(j + shift - 1); ++shift)
            if (ends_clause(j + shift - 1)) best = shift;
        if (best > 0 && !ends_clause(j - 1))
            for (std::size_t k = 0; k < best; ++k) kept[i + k] = true, kept[j + k] = false;
        i = j + (best > 0 && !ends_clause(j - 1) ? best : 0);
    }
}

}  // namespace

TextDiff diff_text(std::string_view a, std::string_view b, std::size_t max_edits) {
    Sides s{a, b, tokens_of(a), tokens_of(b)};
    std::size_t pre = 0, suf = 0;
    while (pre < s.ta.size() && pre < s.tb.size() && s.same(pre, pre)) ++pre;
    while (suf < s.ta.size() - pre && suf < s.tb.size() - pre && s.same(s.ta.size() - 1 - suf, s.tb.size() - 1 - suf)) ++suf;
    std::vector<bool> kept_a(s.ta.size(), false), kept_b(s.tb.size(), false);
    std::fill(kept_a.begin(), kept_a.begin() + static_cast<long>(pre), true);
    std::fill(kept_b.begin(), kept_b.begin() + static_cast<long>(pre), true);
    std::fill(kept_a.end() - static_cast<long>(suf), kept_a.end(), true);
    std::fill(kept_b.end() - static_cast<long>(suf), kept_b.end(), true);
    TextDiff out;
    out.aligned = myers(s, pre, s.ta.size() - suf, pre, s.tb.size() - suf, max_edits, kept_a, kept_b);
    if (out.aligned) {
        slide_runs(s.ta, a, kept_a);
        slide_runs(s.tb, b, kept_b);
    }
    for (std::size_t i = 0; i < s.ta.size(); ++i)
        if (!kept_a[i]) add_range(out.only_a, s.ta[i].begin, s.ta[i].end);
    for (std::size_t j = 0; j < s.tb.size(); ++j)
        if (!kept_b[j]) add_range(out.only_b, s.tb[j].begin, s.tb[j].end);
    return out;
}

}  // namespace folio

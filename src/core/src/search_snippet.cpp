// Highlight ranges and snippets: the index's matching rules, applied to one text.
#include <algorithm>

#include "folio/utf8.h"
#include "search_internal.h"

namespace folio {
namespace {

using Range = std::pair<std::uint32_t, std::uint32_t>;

constexpr std::string_view kEllipsis = "…";

// Folded ranges matched by the term's runs if it starts at token t, else nothing.
bool match_at(const QueryTerm& term, const std::u32string& folded, const std::vector<SearchToken>& tokens,
              std::size_t t, std::vector<Range>& out) {
    std::vector<Range> ranges;
    for (const QueryRun& run : term.runs) {
        if (t >= tokens.size()) return false;
        if (run.kind == TokenKind::Cjk) {
            const std::size_t n = run.text.size();
            if (t + n > tokens.size()) return false;
            for (std::size_t k = 0; k < n; ++k) {
                const SearchToken& token = tokens[t + k];
                if (token.kind != TokenKind::Cjk || token.run != tokens[t].run || folded[token.begin] != run.text[k])
                    return false;
            }
            ranges.emplace_back(tokens[t].begin, tokens[t + n - 1].end);
            t += n;
        } else {
            const SearchToken& token = tokens[t];
            if (token.kind != TokenKind::Word) return false;
            const std::u32string_view word = word_key_text({folded.data() + token.begin, token.end - token.begin});
            const std::u32string_view want = word_key_text(run.text);
            if (run.prefix ? word.substr(0, want.size()) != want : word != want) return false;
            // A prefix lights up only the typed part ("vacc" in "vaccine").
            ranges.emplace_back(token.begin, run.prefix ? token.begin + static_cast<std::uint32_t>(want.size()) : token.end);
            ++t;
        }
    }
    out.insert(out.end(), ranges.begin(), ranges.end());
    return true;
}

}  // namespace

std::vector<Range> find_matches(std::string_view text, const Query& query, const FoldTable& table) {
    const Folded folded = fold_text(text, table);
    const auto tokens = tokenize_folded(folded.text);
    std::vector<Range> ranges;
    for (const QueryTerm& term : query.terms) {
        if (term.negated) continue;
        for (std::size_t t = 0; t < tokens.size(); ++t) match_at(term, folded.text, tokens, t, ranges);
    }
    std::vector<Range> bytes;
    for (const auto& [first, last] : ranges) bytes.push_back(folded.source_range(first, last));
    std::sort(bytes.begin(), bytes.end());
    std::vector<Range> merged;
    for (const Range& r : bytes) {
        if (!merged.empty() && r.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    return merged;
}

Snippet make_snippet(std::string_view text, const Query& query, const FoldTable& table, std::size_t max_codepoints) {
    const auto matches = find_matches(text, query, table);
    std::vector<std::uint32_t> starts;  // byte offset of each code point, then the size
    for (std::size_t i = 0; i < text.size();) {
        starts.push_back(static_cast<std::uint32_t>(i));
        utf8_next(text, i);
    }
    starts.push_back(static_cast<std::uint32_t>(text.size()));
    const std::size_t count = starts.size() - 1;
    std::size_t first = 0;
    if (!matches.empty()) {
        const auto at = std::lower_bound(starts.begin(), starts.end(), matches.front().first);
        const auto match_cp = static_cast<std::size_t>(at - starts.begin());
        // Some context before the match, but the match itself in view.
        first = match_cp > max_codepoints / 4 ? match_cp - max_codepoints / 4 : 0;
    }
    std::size_t last = std::min(count, first + max_codepoints);
    if (last - first < max_codepoints) first = last > max_codepoints ? last - max_codepoints : 0;
    const std::uint32_t begin = starts[first], end = starts[last];

    Snippet snippet;
    if (first > 0) snippet.text += kEllipsis;
    const auto shift = static_cast<std::uint32_t>(snippet.text.size());
    snippet.text += text.substr(begin, end - begin);
    std::replace(snippet.text.begin(), snippet.text.end(), '\n', ' ');  // one line; same byte length
    if (last < count) snippet.text += kEllipsis;
    for (const auto& [b, e] : matches) {
        if (e <= begin || b >= end) continue;
        snippet.highlights.emplace_back(std::max(b, begin) - begin + shift, std::min(e, end) - begin + shift);
    }
    return snippet;
}

Snippet cut_snippet(const Snippet& snippet, std::size_t bytes) {
    if (bytes >= snippet.text.size()) return snippet;
    Snippet cut;
    cut.text = snippet.text.substr(0, bytes);
    while (!cut.text.empty() && cut.text.back() == ' ') cut.text.pop_back();
    const auto end = static_cast<std::uint32_t>(cut.text.size());
    for (const auto& [b, e] : snippet.highlights)
        if (b < end) cut.highlights.emplace_back(b, std::min(e, end));
    cut.text += kEllipsis;
    return cut;
}

}  // namespace folio

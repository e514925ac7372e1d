// The query language, and evaluating queries against the index.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "folio/date.h"
#include "folio/utf8.h"
#include "search_internal.h"

namespace folio {
namespace {

constexpr double kBm25K1 = 1.2, kBm25B = 0.75;
constexpr double kTitleWeight = 4.0;  // a title hit counts as this many body hits

bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000; }

// Splits folded query text into runs: CJK characters of one run together, each word alone.
std::vector<QueryRun> runs_of(std::string_view text, const FoldTable& table, bool quoted) {
    const std::u32string folded = fold_text(text, table).text;
    std::vector<QueryRun> runs;
    std::uint32_t previous_run = 0;
    for (const SearchToken& t : tokenize_folded(folded)) {
        const std::u32string_view piece(folded.data() + t.begin, t.end - t.begin);
        if (t.kind == TokenKind::Cjk && !runs.empty() && runs.back().kind == TokenKind::Cjk && previous_run == t.run)
            runs.back().text += piece;
        else
            runs.push_back({t.kind, std::u32string(piece), t.kind == TokenKind::Word && !quoted});
        previous_run = t.run;
    }
    return runs;
}

std::optional<QueryField> field_named(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == "tag") return QueryField::Tag;
    if (lower == "category") return QueryField::Category;
    if (lower == "author") return QueryField::Author;
    if (lower == "source") return QueryField::Source;
    if (lower == "after") return QueryField::After;
    if (lower == "before") return QueryField::Before;
    return std::nullopt;
}

// "2021-05-07" (also 2021-5-7) -> days since the epoch; nullopt unless it is a real day.
std::optional<std::int64_t> parse_day(std::string_view s) {
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int part = 0;
    for (char c : s) {
        if (c == '-' && part < 2 && digits[part] > 0) {
            ++part;
        } else if (c >= '0' && c <= '9' && digits[part] < 4) {
            parts[part] = parts[part] * 10 + (c - '0');
            ++digits[part];
        } else {
            return std::nullopt;
        }
    }
    if (part != 2 || digits[0] != 4 || digits[2] == 0 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1)
        return std::nullopt;
    const std::int64_t days = days_from_civil(parts[0], parts[1], parts[2]);
    const CivilTime back = civil_from_unix(days * 86400);
    if (back.month != parts[1] || back.day != parts[2]) return std::nullopt;  // 2021-02-30
    return days;
}

std::string normalized_source(std::string_view value, const FoldTable& table) {
    std::string host(value);
    if (host.find("://") != std::string::npos) host = site_of_url(host);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return fold_to_utf8(host, table);
}

std::optional<QueryFilter> make_filter(QueryField field, std::string_view value, bool negated,
                                       const FoldTable& table) {
    QueryFilter f;
    f.field = field;
    f.negated = negated;
    if (field == QueryField::After || field == QueryField::Before) {
        const auto day = parse_day(value);
        if (!day) return std::nullopt;
        f.time = (*day + (field == QueryField::Before ? 1 : 0)) * 86400;
    } else {
        f.value = field == QueryField::Source ? normalized_source(value, table) : fold_to_utf8(value, table);
        if (f.value.empty()) return std::nullopt;
    }
    return f;
}

// Reads up to the closing quote (or the end) from s[i], which is just past the opening one.
std::string_view quoted_text(std::string_view s, std::size_t& i) {
    const std::size_t close = s.find('"', i);
    const std::size_t end = close == std::string_view::npos ? s.size() : close;
    const std::string_view text = s.substr(i, end - i);
    i = close == std::string_view::npos ? s.size() : close + 1;
    return text;
}

}  // namespace

Query parse_query(std::string_view s, const FoldTable& table) {
    Query query;
    auto add_term = [&](std::string_view text, bool negated, bool quoted) {
        QueryTerm term{runs_of(text, table, quoted), negated, quoted};
        if (!term.runs.empty()) query.terms.push_back(std::move(term));
    };
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t next = i;
        if (is_space(utf8_next(s, next))) {
            i = next;
            continue;
        }
        const std::size_t start = i;
        bool negated = false;
        if (s[i] == '-' && i + 1 < s.size()) {
            std::size_t after = i + 1;
            if (!is_space(utf8_next(s, after))) {
                negated = true;
                ++i;
            }
        }
        if (s[i] == '"') {
            ++i;
            add_term(quoted_text(s, i), negated, true);
            continue;
        }
        // field:value, where the value may be quoted
        std::size_t name_end = i;
        while (name_end < s.size() && ((s[name_end] >= 'a' && s[name_end] <= 'z') || (s[name_end] >= 'A' && s[name_end] <= 'Z')))
            ++name_end;
        const auto field = name_end < s.size() && s[name_end] == ':' ? field_named(s.substr(i, name_end - i))
                                                                     : std::nullopt;
        if (field) {
            std::size_t value_end = name_end + 1;
            std::string_view value;
            if (value_end < s.size() && s[value_end] == '"') {
                ++value_end;
                value = quoted_text(s, value_end);
            } else {
                while (value_end < s.size()) {
                    std::size_t after = value_end;
                    if (is_space(utf8_next(s, after))) break;
                    value_end = after;
                }
                value = s.substr(name_end + 1, value_end - name_end - 1);
            }
            if (auto filter = make_filter(*field, value, negated, table)) {
                query.filters.push_back(std::move(*filter));
                i = value_end;
                continue;
            }
        }
        // A plain chunk, read literally (unknown fields and bad values too) up to a space or quote.
        std::size_t end = i;
        while (end < s.size() && s[end] != '"') {
            std::size_t after = end;
            if (is_space(utf8_next(s, after))) break;
            end = after;
        }
        if (end == start) end = start + 1;  // never stall
        add_term(s.substr(i, end - i), negated, false);
        i = std::max(end, i);
    }
    return query;
}

namespace {

// The index keys one run reads: its unigram, its bigrams in order, or its word (expanded).
std::vector<std::string> run_keys(const QueryRun& run, const SearchIndex::Impl& index) {
    std::vector<std::string> keys;
    if (run.kind == TokenKind::Cjk) {
        if (run.text.size() == 1) keys.push_back(term_key(kUnigram, run.text));
        for (std::size_t k = 0; k + 1 < run.text.size(); ++k)
            keys.push_back(term_key(kBigram, std::u32string_view(run.text).substr(k, 2)));
    } else if (run.prefix) {
        for (auto& word : index.expand_prefix(term_key(kWord, word_key_text(run.text)).substr(1)))
            keys.push_back(kWord + word);
    } else {
        keys.push_back(term_key(kWord, word_key_text(run.text)));
    }
    return keys;
}

// Starts in a where b has a start `shift` positions later, in docs that have both.
Postings follow(const Postings& a, const Postings& b, std::uint32_t shift) {
    Postings out;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.docs[i] < b.docs[j]) {
            ++i;
        } else if (a.docs[i] > b.docs[j]) {
            ++j;
        } else {
            const std::size_t before = out.positions.size();
            std::size_t bp = b.starts[j];
            for (std::size_t ap = a.starts[i]; ap < a.starts[i + 1]; ++ap) {
                const std::uint32_t want = a.positions[ap] + shift;
                while (bp < b.starts[j + 1] && b.positions[bp] < want) ++bp;
                if (bp < b.starts[j + 1] && b.positions[bp] == want) out.positions.push_back(a.positions[ap]);
            }
            if (out.positions.size() > before) {
                out.add_doc(a.docs[i]);
                out.end_doc();
            }
            ++i, ++j;
        }
    }
    return out;
}

Postings unite(const std::vector<Postings>& lists) {
    if (lists.size() == 1) return lists[0];
    std::vector<std::pair<std::uint32_t, std::uint32_t>> all;
    for (const auto& p : lists)
        for (std::size_t d = 0; d < p.size(); ++d)
            for (auto k = p.starts[d]; k < p.starts[d + 1]; ++k) all.emplace_back(p.docs[d], p.positions[k]);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    Postings out;
    for (std::size_t k = 0; k < all.size(); ++k) {
        if (k == 0 || all[k].first != all[k - 1].first) {
            if (k > 0) out.end_doc();
            out.add_doc(all[k].first);
        }
        out.positions.push_back(all[k].second);
    }
    if (!all.empty()) out.end_doc();
    return out;
}

// Hit counts summed per doc over lists read without positions (a word's expansions: no two share
// a position, so this is what uniting their positions and counting them gives).
Postings unite_counts(const std::vector<Postings>& lists) {
    if (lists.size() == 1) return lists[0];
    std::vector<std::array<std::uint32_t, 3>> all;  // doc, title hits, body hits
    for (const auto& p : lists)
        for (std::size_t d = 0; d < p.size(); ++d) all.push_back({p.docs[d], p.title_hits[d], p.body_hits[d]});
    std::sort(all.begin(), all.end());
    Postings out;
    for (const auto& [doc, title, body] : all) {
        if (out.size() > 0 && out.docs.back() == doc) {
            out.title_hits.back() += title;
            out.body_hits.back() += body;
            continue;
        }
        out.add_doc(doc);
        out.end_doc();
        out.title_hits.push_back(title);
        out.body_hits.push_back(body);
    }
    return out;
}

Result<Postings> evaluate_run(const QueryRun& run, const SearchIndex::Impl& index, bool with_positions) {
    const auto keys = run_keys(run, index);
    std::vector<Postings> lists;
    for (const auto& key : keys) {
        auto p = index.postings(key, with_positions);
        if (!p) return p.error();
        lists.push_back(std::move(*p));
    }
    if (lists.empty()) return Postings{};
    if (run.kind == TokenKind::Word) return with_positions ? unite(lists) : unite_counts(lists);
    Postings chain = std::move(lists[0]);  // bigram k must start k positions after bigram 0
    for (std::size_t k = 1; k < lists.size() && chain.size() > 0; ++k)
        chain = follow(chain, lists[k], static_cast<std::uint32_t>(k));
    return chain;
}

// A term of one run that reads at most one CJK bigram (or a unigram, or a word) is decided and
// ranked by hit counts alone; a longer CJK run or a chain of runs needs positions.
bool needs_positions(const QueryTerm& term) {
    return term.runs.size() > 1 || (!term.runs.empty() && term.runs[0].kind == TokenKind::Cjk && term.runs[0].text.size() > 2);
}

// A one-character CJK run chained to other runs: unigram postings list only positions at a
// run's edge, so the places where the character sits inside a text run come from the bigram it
// forms with a CJK neighbour run of the query (shift 1: the character is the bigram's second).
struct NeighbourBigram {
    std::string key;
    std::uint32_t shift = 0;
};
std::vector<NeighbourBigram> neighbour_bigrams(const QueryTerm& term, std::size_t r) {
    std::vector<NeighbourBigram> out;
    const QueryRun& run = term.runs[r];
    if (term.runs.size() < 2 || run.kind != TokenKind::Cjk || run.text.size() != 1) return out;
    if (r > 0 && term.runs[r - 1].kind == TokenKind::Cjk)
        out.push_back({term_key(kBigram, std::u32string{term.runs[r - 1].text.back(), run.text[0]}), 1});
    if (r + 1 < term.runs.size() && term.runs[r + 1].kind == TokenKind::Cjk)
        out.push_back({term_key(kBigram, std::u32string{run.text[0], term.runs[r + 1].text[0]}), 0});
    return out;
}

Postings shifted(Postings p, std::uint32_t shift) {
    for (auto& position : p.positions) position += shift;
    return p;
}

Result<Postings> evaluate_term(const QueryTerm& term, const SearchIndex::Impl& index) {
    Postings chain;
    std::uint32_t offset = 0;
    const bool with_positions = needs_positions(term);
    for (std::size_t r = 0; r < term.runs.size(); ++r) {
        auto run = evaluate_run(term.runs[r], index, with_positions);
        if (!run) return run.error();
        if (const auto extra = neighbour_bigrams(term, r); !extra.empty()) {
            std::vector<Postings> lists{std::move(*run)};
            lists[0].title_hits.clear();
            lists[0].body_hits.clear();
            for (const auto& n : extra) {
                auto p = index.postings(n.key, true);
                if (!p) return p.error();
                lists.push_back(shifted(std::move(*p), n.shift));
            }
            run = unite(lists);
        }
        chain = r == 0 ? std::move(*run) : follow(chain, *run, offset);
        offset += term.runs[r].kind == TokenKind::Cjk ? static_cast<std::uint32_t>(term.runs[r].text.size()) : 1;
    }
    return chain;
}

// Newer first: dated before undated, later dates first, then index order.
bool newer(const SearchIndex::Impl& index, std::uint32_t a, std::uint32_t b) {
    if (index.has_date[a] != index.has_date[b]) return index.has_date[a] > index.has_date[b];
    if (index.has_date[a] && index.dates[a] != index.dates[b]) return index.dates[a] > index.dates[b];
    return a < b;
}

bool host_matches(std::string_view host, std::string_view wanted) {
    if (host.size() < wanted.size() || host.substr(host.size() - wanted.size()) != wanted) return false;
    return host.size() == wanted.size() || host[host.size() - wanted.size() - 1] == '.';
}

// Which docs pass every filter (1) or not (0).
Result<std::vector<std::uint8_t>> apply_filters(const Query& query, const SearchIndex::Impl& index,
                                                const SearchFilterData& data, const FoldTable& table) {
    std::vector<std::uint8_t> pass(index.doc_count, 1);
    for (const QueryFilter& f : query.filters) {
        std::vector<std::uint8_t> hit(index.doc_count, 0);
        if (f.field == QueryField::After || f.field == QueryField::Before) {
            for (std::uint32_t d = 0; d < index.doc_count; ++d)
                hit[d] = index.has_date[d] &&
                         (f.field == QueryField::After ? index.dates[d] >= f.time : index.dates[d] < f.time);
        } else {
            if (!data.catalog || !data.manifest)
                return Error{"tag:, category:, author: and source: need the posts' metadata to be loaded"};
            const Catalog& c = *data.catalog;
            const Manifest& m = *data.manifest;
            const auto& dictionary = f.field == QueryField::Tag        ? m.tags
                                     : f.field == QueryField::Category ? m.categories
                                     : f.field == QueryField::Author   ? m.authors
                                                                       : m.sites;
            std::vector<std::uint8_t> wanted(dictionary.size(), 0);
            for (std::size_t k = 0; k < dictionary.size(); ++k) {
                const std::string folded = fold_to_utf8(dictionary[k], table);
                wanted[k] = f.field == QueryField::Source ? host_matches(folded, f.value) : folded == f.value;
            }
            auto wants = [&](std::int64_t k) { return k >= 0 && static_cast<std::size_t>(k) < wanted.size() && wanted[static_cast<std::size_t>(k)]; };
            const std::size_t known = std::min<std::size_t>(index.doc_count, c.size());
            for (std::size_t d = 0; d < known; ++d) {
                if (f.field == QueryField::Tag || f.field == QueryField::Category) {
                    for (auto k : (f.field == QueryField::Tag ? c.tags[d] : c.categories[d])) hit[d] |= wants(k);
                } else {
                    hit[d] = wants(f.field == QueryField::Author ? c.authors[d] : c.sites[d]);
                }
            }
        }
        for (std::uint32_t d = 0; d < index.doc_count; ++d) pass[d] &= (hit[d] != 0) != f.negated;
    }
    return pass;
}

}  // namespace

std::vector<ShardId> shards_needed(const Query& query, const SearchIndex& index) {
    const SearchIndex::Impl& impl = index.impl();
    std::set<ShardId> shards;
    if (!impl.has_docs) return {};
    for (const QueryTerm& term : query.terms) {
        const bool with_positions = needs_positions(term);
        for (std::size_t r = 0; r < term.runs.size(); ++r) {
            std::vector<std::string> keys = run_keys(term.runs[r], impl);
            for (auto& n : neighbour_bigrams(term, r)) keys.push_back(std::move(n.key));
            for (const auto& key : keys) {
                for (const ShardId id : impl.shards_for(key)) shards.insert(id);
                if (with_positions)
                    for (const ShardId id : impl.pieces_for(key)) shards.insert(id);
            }
        }
    }
    return {shards.begin(), shards.end()};
}

Result<SearchResults> search(const SearchIndex& index, const Query& query, const SearchFilterData& data,
                             SortOrder order, std::size_t limit) {
    const SearchIndex::Impl& impl = index.impl();
    if (!impl.has_docs) return Error{"the search index is not loaded yet"};
    for (const ShardId id : shards_needed(query, index))
        if (!index.has_shard(id))
            return Error{"search shard " + std::to_string(id.segment) + "/" + std::to_string(id.shard) + " is not loaded yet"};
    SearchResults results;
    if (query.empty()) return results;

    const FoldTable ascii_only;
    auto pass = apply_filters(query, impl, data, data.fold_table ? *data.fold_table : ascii_only);
    if (!pass) return pass.error();
    std::vector<std::uint8_t>& allowed = *pass;

    std::vector<Postings> positives;
    for (const QueryTerm& term : query.terms) {
        auto postings = evaluate_term(term, impl);
        if (!postings) return postings.error();
        if (term.negated) {
            for (std::uint32_t d : postings->docs) allowed[d] = 0;
        } else {
            positives.push_back(std::move(*postings));
        }
    }

    std::vector<Hit> hits;
    if (positives.empty()) {
        for (std::uint32_t d = 0; d < impl.doc_count; ++d)
            if (allowed[d]) hits.push_back({d, 0});
    } else {
        std::vector<double> score(impl.doc_count, 0);
        std::vector<std::uint32_t> terms_found(impl.doc_count, 0);
        const double n = impl.doc_count;
        for (const Postings& p : positives) {
            const double df = static_cast<double>(p.size());
            const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
            for (std::size_t i = 0; i < p.size(); ++i) {
                const std::uint32_t d = p.docs[i];
                double tf = 0;
                if (!p.title_hits.empty())
                    tf = p.title_hits[i] * kTitleWeight + p.body_hits[i];
                else
                    for (auto k = p.starts[i]; k < p.starts[i + 1]; ++k)
                        tf += p.positions[k] < impl.title_lengths[d] ? kTitleWeight : 1.0;
                const double norm = kBm25K1 * (1 - kBm25B + kBm25B * impl.lengths[d] / impl.average_length);
                score[d] += idf * tf * (kBm25K1 + 1) / (tf + norm);
                ++terms_found[d];
            }
        }
        for (std::uint32_t d = 0; d < impl.doc_count; ++d)
            if (allowed[d] && terms_found[d] == positives.size()) hits.push_back({d, score[d]});
    }

    results.total = hits.size();
    auto better = [&](const Hit& a, const Hit& b) {
        if (order == SortOrder::Relevance && a.score != b.score) return a.score > b.score;
        return newer(impl, a.doc, b.doc);
    };
    const std::size_t keep = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(), better);
    hits.resize(keep);
    results.hits = std::move(hits);
    return results;
}

}  // namespace folio

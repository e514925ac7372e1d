#include "folio/bundle.h"

#include <algorithm>
#include <numeric>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <nlohmann/json.hpp>

#include "folio/hash.h"
#include "folio/utf8.h"

namespace folio {
namespace {

using json = nlohmann::json;

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---- writing ----------------------------------------------------------------

json block_to_json(const Block& b) {
    json j = json::object();
    j["k"] = block_kind_name(b.kind);
    if (b.level) j["n"] = b.level;
    if (b.quote) j["q"] = b.quote;
    if (b.number) j["o"] = b.number;
    if (!b.text.empty()) j["t"] = b.text;
    if (!b.url.empty()) j["u"] = b.url;
    if (!b.links.empty()) {
        json links = json::array();
        for (const auto& l : b.links) links.push_back(json::array({l.begin, l.end, l.href}));
        j["l"] = std::move(links);
    }
    return j;
}

// Assigns dictionary indices in order of first appearance over the sorted posts.
class Dictionary {
public:
    std::uint32_t index_of(const std::string& value) {
        auto [it, inserted] = index_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
        if (inserted) values_.push_back(value);
        return it->second;
    }
    // For a value index_of has seen (the shard loop runs on several threads and only looks up).
    std::uint32_t find(const std::string& value) const { return index_.at(value); }
    const std::vector<std::string>& values() const { return values_; }

private:
    std::map<std::string, std::uint32_t> index_;
    std::vector<std::string> values_;
};

void index_list(Dictionary& dict, const std::vector<std::string>& values) {
    for (const auto& v : values) dict.index_of(v);
}

json index_list(const Dictionary& dict, const std::vector<std::string>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back(dict.find(v));
    return out;
}

bool newer_first(const Post& a, const Post& b) {
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    if (a.date && *a.date != *b.date) return *a.date > *b.date;
    return a.path < b.path;
}

// ---- reading ------------------------------------------------------------------

const json* member(const json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

bool read_string(const json* j, std::string& out) {
    if (!j || !j->is_string()) return false;
    out = j->get_ref<const std::string&>();
    return true;
}

template <class Int>
bool read_uint(const json* j, Int& out) {
    if (!j || !j->is_number_unsigned()) return false;
    auto v = j->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) return false;
    out = static_cast<Int>(v);
    return true;
}

bool read_string_list(const json* j, std::vector<std::string>& out) {
    if (!j || !j->is_array()) return false;
    out.clear();
    for (const auto& v : *j) {
        if (!v.is_string()) return false;
        out.push_back(v.get<std::string>());
    }
    return true;
}

bool read_shards(const json* j, std::vector<ShardRef>& out) {
    if (!j || !j->is_array()) return false;
    for (const auto& s : *j) {
        ShardRef ref;
        if (!read_string(member(s, "f"), ref.file) || !read_uint(member(s, "b"), ref.bytes) ||
            !read_uint(member(s, "i"), ref.first) || !read_uint(member(s, "c"), ref.count))
            return false;
        out.push_back(std::move(ref));
    }
    return true;
}

// Shards must tile [0, post_count) in order with no gap or overlap.
bool shards_cover(const std::vector<ShardRef>& shards, std::uint32_t post_count) {
    std::uint64_t next = 0;
    for (const auto& s : shards) {
        if (s.first != next) return false;
        next += s.count;
    }
    return next == post_count;
}

Error bad(const std::string& what) { return Error{what}; }

// A metadata shard's body files, [[file, posts], ...], as refs covering posts [first, first + count).
bool read_body_list(const json* j, std::uint32_t first, std::uint32_t count, std::vector<ShardRef>& out) {
    if (!j || !j->is_array()) return false;
    std::uint64_t next = first;
    for (const auto& entry : *j) {
        ShardRef ref;
        if (!entry.is_array() || entry.size() != 2 || !read_string(&entry[0], ref.file) ||
            !read_uint(&entry[1], ref.count) || ref.count == 0)
            return false;
        ref.first = static_cast<std::uint32_t>(next);
        next += ref.count;
        if (next > std::uint64_t{first} + count) return false;
        out.push_back(std::move(ref));
    }
    return next == std::uint64_t{first} + count;
}

bool read_index_list(const json& j, std::size_t dict_size, std::vector<std::uint32_t>& out) {
    if (!j.is_array()) return false;
    out.clear();
    for (const auto& v : j) {
        std::uint32_t i = 0;
        if (!read_uint(&v, i) || i >= dict_size) return false;
        out.push_back(i);
    }
    return true;
}

bool read_optional_index(const json& j, std::size_t dict_size, std::int32_t& out) {
    if (j.is_number_integer() && j.get<std::int64_t>() == -1) {
        out = -1;
        return true;
    }
    std::uint32_t i = 0;
    if (!read_uint(&j, i) || i >= dict_size) return false;
    out = static_cast<std::int32_t>(i);
    return true;
}

std::optional<Block> block_from_json(const json& j) {
    std::string kind_name;
    if (!read_string(member(j, "k"), kind_name)) return std::nullopt;
    auto kind = block_kind_from_name(kind_name);
    if (!kind) return std::nullopt;
    Block b;
    b.kind = *kind;
    if (auto* n = member(j, "n"); n && !read_uint(n, b.level)) return std::nullopt;
    if (auto* q = member(j, "q"); q && !read_uint(q, b.quote)) return std::nullopt;
    if (auto* o = member(j, "o"); o && !read_uint(o, b.number)) return std::nullopt;
    if (auto* t = member(j, "t"); t && !read_string(t, b.text)) return std::nullopt;
    if (auto* u = member(j, "u"); u && !read_string(u, b.url)) return std::nullopt;
    if (auto* l = member(j, "l")) {
        if (!l->is_array()) return std::nullopt;
        for (const auto& span : *l) {
            LinkSpan s;
            if (!span.is_array() || span.size() != 3 || !read_uint(&span[0], s.begin) ||
                !read_uint(&span[1], s.end) || !read_string(&span[2], s.href) || s.begin > s.end ||
                s.end > b.text.size())
                return std::nullopt;
            b.links.push_back(std::move(s));
        }
    }
    return b;
}

// A font: its slices as [file, bytes, count], and its residency order as UTF-8 text (a third of the
// bytes of a number array), from which the covered ranges follow; ranges only without an order.
json font_ref_json(const FontRef& f) {
    json slices = json::array();
    for (const FontSlice& s : font_slices(f)) slices.push_back(json::array({s.file, s.bytes, s.count}));
    json out = {{"n", f.name}, {"s", slices}};
    if (!f.by_frequency.empty()) {
        std::string order;
        for (char32_t cp : f.by_frequency) utf8_append(order, cp);
        out["q"] = order;
    } else {
        json ranges = json::array();
        for (const auto& r : f.codepoints) ranges.push_back(json::array({r.first, r.last}));
        out["r"] = ranges;
    }
    return out;
}

bool read_font_ranges(const json& ranges, std::vector<CodepointRange>& out) {
    if (!ranges.is_array()) return false;
    for (const auto& r : ranges) {
        CodepointRange cr;
        if (!r.is_array() || r.size() != 2 || !read_uint(&r[0], cr.first) || !read_uint(&r[1], cr.last) ||
            cr.first > cr.last || cr.last > 0x10FFFF)
            return false;
        out.push_back(cr);
    }
    return true;
}

// The order's code points once each, sorted, as ranges.
bool ranges_of_order(const std::vector<char32_t>& order, std::vector<CodepointRange>& out) {
    std::vector<char32_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end() || (!sorted.empty() && sorted.back() > 0x10FFFF))
        return false;
    for (char32_t cp : sorted) {
        if (!out.empty() && out.back().last + 1 == cp) out.back().last = cp;
        else out.push_back({cp, cp});
    }
    return true;
}

bool read_font_ref(const json& j, FontRef& out) {
    const json* slices = member(j, "s");
    if (!read_string(member(j, "n"), out.name) || !slices || !slices->is_array() || slices->empty()) return false;
    std::uint64_t counted = 0;
    for (const auto& s : *slices) {
        FontSlice slice;
        if (!s.is_array() || s.size() != 3 || !read_string(&s[0], slice.file) || !read_uint(&s[1], slice.bytes) ||
            !read_uint(&s[2], slice.count))
            return false;
        counted += slice.count;
        out.slices.push_back(std::move(slice));
    }
    out.file = out.slices.front().file;
    out.bytes = out.slices.front().bytes;
    if (const json* order = member(j, "q")) {
        std::string text;
        if (!read_string(order, text)) return false;
        for (std::size_t i = 0; i < text.size();) out.by_frequency.push_back(utf8_next(text, i));
        if (!ranges_of_order(out.by_frequency, out.codepoints)) return false;
        return counted == out.by_frequency.size();
    }
    const json* ranges = member(j, "r");
    if (!ranges || !read_font_ranges(*ranges, out.codepoints)) return false;
    std::uint64_t covered = 0;
    for (const auto& r : out.codepoints) covered += r.last - r.first + 1;
    return counted == covered;
}

json file_ref_json(const FileRef& ref) { return {{"f", ref.file}, {"b", ref.bytes}}; }

bool read_file_ref(const json* j, FileRef& out) {
    return read_string(member(*j, "f"), out.file) && read_uint(member(*j, "b"), out.bytes);
}

}  // namespace

BundleFile make_data_file(const std::string& prefix, const std::string& raw, const std::string& ext,
                          const FileEncoding& encoding) {
    const std::uint64_t hash = encoding.name_salt ? fnv1a64(raw, encoding.name_salt) : fnv1a64(raw);
    BundleFile f{"data/" + prefix + "-" + hex64(hash).substr(0, 12) + ext + encoding.suffix, {}};
    f.bytes = encoding.encode ? encoding.encode(f.path, raw) : raw;
    return f;
}

// Sorted by keys (a post's date read once, not at each comparison), then the posts permuted in place
// cycle by cycle: each moved about once, and no second array of a hundred thousand posts.
void sort_newest_first(std::vector<Post>& posts) {
    if (std::is_sorted(posts.begin(), posts.end(), newer_first)) return;
    struct Key {
        std::int64_t date;  // undated posts last
        std::uint32_t post;
    };
    std::vector<Key> keys(posts.size());
    for (std::uint32_t i = 0; i < posts.size(); ++i)
        keys[i] = {posts[i].date.value_or(std::numeric_limits<std::int64_t>::min()), i};
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.date != b.date) return a.date > b.date;
        // A tie, or an undated post: by path, then as they came (the order a stable sort keeps).
        if (newer_first(posts[a.post], posts[b.post])) return true;
        return !newer_first(posts[b.post], posts[a.post]) && a.post < b.post;
    });
    std::vector<bool> placed(posts.size(), false);
    for (std::size_t start = 0; start < posts.size(); ++start) {
        if (placed[start]) continue;
        Post held = std::move(posts[start]);
        std::size_t at = start;
        while (keys[at].post != start) {
            posts[at] = std::move(posts[keys[at].post]);
            placed[at] = true;
            at = keys[at].post;
        }
        posts[at] = std::move(held);
        placed[at] = true;
    }
}

namespace {

// Appends the runs of posts [0, end) cut as shard_ranges says, oldest first, with the cut hash salted.
void cut_runs(const std::vector<Post>& posts, std::uint32_t end, std::uint32_t per, std::uint64_t salt,
              std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
    per = std::max<std::uint32_t>(1, per);
    const std::uint32_t min_len = std::max<std::uint32_t>(1, per / 2);
    const std::uint32_t spread = std::max<std::uint32_t>(1, per - min_len);
    const std::uint64_t max_len = 2ULL * per;
    std::uint32_t len = 0;
    for (auto i = end; i-- > 0;) {
        ++len;
        if (i == 0 || len >= max_len || (len >= min_len && mix64(fnv1a64(posts[i].path) ^ salt) % spread == 0)) {
            out.emplace_back(i, len);
            len = 0;
        }
    }
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> shard_ranges(const std::vector<Post>& posts, std::uint32_t per) {
    constexpr std::uint64_t kFineSalt = 0x9c1d47a3e2b58f61ULL;  // cuts the newest run independently of the coarse cuts
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    cut_runs(posts, static_cast<std::uint32_t>(posts.size()), per, 0, out);
    if (!out.empty() && per > 2 * kNewestRunPosts && out.back().second > 2 * kNewestRunPosts) {
        // The newest run is the one still open to new posts: cut finer, the first screen waits for a
        // small metadata file, and a day's new posts change only its newest parts.
        const std::uint32_t newest = out.back().second;
        out.pop_back();
        const std::size_t fine_begin = out.size();
        cut_runs(posts, newest, kNewestRunPosts, kFineSalt, out);
        // Too few posts to fill a first screen: the newest fine run takes the one before it.
        if (out.size() - fine_begin >= 2 && out.back().second < kNewestRunPosts / 2) {
            const std::uint32_t count = out.back().second;
            out.pop_back();
            out.back() = {0, out.back().second + count};
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::size_t first_screen_shards(const Manifest& manifest) {
    std::size_t shards = 0, posts = 0;
    while (shards < manifest.meta.size() && posts < kNewestRunPosts / 2) posts += manifest.meta[shards++].count;
    return shards;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> segment_ranges(
    const std::vector<Post>& posts, std::vector<std::pair<std::uint32_t, std::uint32_t>> chunks, std::uint32_t per) {
    constexpr std::uint64_t kSalt = 0x5e6d3a1b2c4f9e87ULL;  // not the hash that cut the chunks
    constexpr std::uint64_t kNewestSalt = 0x3b8e5c17d94a2f06ULL;  // nor the one that cuts the segments
    auto oldest_post_hash = [&](std::size_t c, std::uint64_t salt) {
        return mix64(fnv1a64(posts[chunks[c].first + chunks[c].second - 1].path) ^ salt);
    };
    // The newest coarse run, which shard_ranges cut fine, is at most two chunks here: its fine chunks
    // up to the newest one whose oldest post hashes to 1 in kNewestCutEvery, and the rest. A day's
    // posts then extend a segment of a few fine chunks (on a 167k real-post update, 172 posts instead
    // of the run's 3,539), and the rest grows only when a new fine chunk hashes so.
    constexpr std::uint64_t kNewestCutEvery = 4;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> coarse;
    cut_runs(posts, static_cast<std::uint32_t>(posts.size()), per, 0, coarse);
    std::size_t fine = 0;
    for (std::uint32_t in = 0; !coarse.empty() && fine < chunks.size() && in < coarse.back().second;) in += chunks[fine++].second;
    std::size_t open_chunks = 1;  // the newest chunks, which close no group: the open run's parts
    if (fine > 1) {
        // Split at the older end of the newest chunk that hashes so: a chunk's oldest post and older end
        // stay as new posts arrive (the newest chunk taking a small one behind it moves only its newer end).
        std::size_t hit = 0;
        while (hit < fine && oldest_post_hash(hit, kNewestSalt) % kNewestCutEvery != 0) ++hit;
        const std::uint32_t run_end = chunks[fine - 1].first + chunks[fine - 1].second;
        const std::uint32_t newer = hit + 1 < fine ? chunks[hit + 1].first : run_end;
        chunks.erase(chunks.begin() + 1, chunks.begin() + static_cast<std::ptrdiff_t>(fine));
        chunks.front() = {0, newer};
        if (newer < run_end) {
            chunks.insert(chunks.begin() + 1, {newer, run_end - newer});
            open_chunks = 2;
        }
    }
    constexpr std::size_t kMaxChunks = 10, kNone = SIZE_MAX;
    constexpr std::uint64_t kCutEvery[] = {16, 4};  // the segments' cuts, then the still open chunks' groups'
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;  // oldest first until reversed
    std::size_t open = chunks.size();  // chunks [0, open), the newest, are in no segment yet
    for (std::size_t pass = 0; pass < std::size(kCutEvery); ++pass) {
        std::size_t from = kNone, still_open = open;  // from: the oldest chunk of the group being gathered
        for (std::size_t c = open; c-- > 0;) {
            if (from == kNone) from = c;
            const bool oldest_chunk = pass == 0 && c + 1 == chunks.size();  // where undated posts go: kept small too
            if (c >= open_chunks &&
                (oldest_chunk || from - c + 1 >= kMaxChunks || oldest_post_hash(c, kSalt) % kCutEvery[pass] == 0)) {
                out.emplace_back(chunks[c].first, chunks[from].first + chunks[from].second - chunks[c].first);
                from = kNone;
                still_open = c;
            }
        }
        open = still_open;
    }
    for (std::size_t c = open; c-- > 0;) out.push_back(chunks[c]);
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<std::uint32_t> body_packs(const std::vector<std::size_t>& sizes, std::size_t target, std::uint32_t max_posts) {
    std::vector<std::uint32_t> out;
    std::size_t bytes = 0;
    for (const std::size_t size : sizes) {
        if (out.empty() || out.back() >= std::max<std::uint32_t>(1, max_posts) || (out.back() > 0 && bytes + size > target)) {
            out.push_back(0);
            bytes = 0;
        }
        ++out.back();
        bytes += size;
    }
    return out;
}

std::string post_body_json(const std::vector<Block>& blocks) {
    json out = json::array();
    for (const auto& b : blocks) out.push_back(block_to_json(b));
    return dump(out);
}

std::vector<BundleFile> body_files(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count,
                                   const BundleOptions& options, std::vector<BodyPack>& packs) {
    std::vector<std::string> bodies;
    std::vector<std::size_t> sizes;
    for (std::uint32_t i = first; i < first + count; ++i) {
        bodies.push_back(post_body_json(posts[i].blocks));
        sizes.push_back(bodies.back().size());
    }
    std::vector<BundleFile> out;
    std::size_t next = 0;
    for (const std::uint32_t n : body_packs(sizes, options.body_bytes, options.posts_per_body)) {
        std::string raw = "{\"b\":[";
        for (std::uint32_t k = 0; k < n; ++k) raw += (k ? "," : "") + bodies[next + k];
        raw += "],\"c\":" + std::to_string(n) + "}";
        next += n;
        out.push_back(make_data_file("body", raw, ".json", options.body_encoding.suffix.empty() ? options.encoding : options.body_encoding));
        packs.push_back({out.back().path, out.back().bytes.size(), n});
    }
    return out;
}

namespace {

// The manifest's dictionaries. Values are in order of first use from the oldest dated post,
// undated posts last, so the day's new posts (and undated ones) only append values and stored
// metadata files keep their indices.
struct Dictionaries {
    Dictionary authors, sites, tags, categories;
};

Dictionaries collect_dictionaries(const std::vector<Post>& posts) {
    Dictionaries d;
    auto add_values = [&](const Post& p) {
        if (!p.author.empty()) d.authors.index_of(p.author);
        if (const std::string site = site_of_url(p.source_url); !site.empty()) d.sites.index_of(site);
        index_list(d.tags, p.tags);
        index_list(d.categories, p.categories);
    };
    const auto undated = std::find_if(posts.begin(), posts.end(), [](const Post& p) { return !p.date; });
    for (auto it = std::make_reverse_iterator(undated); it != posts.rend(); ++it) add_values(*it);
    for (auto it = undated; it != posts.end(); ++it) add_values(*it);
    return d;
}

// Stored metadata files still hold the right dictionary indices when no value moved.
bool stored_meta_usable(const BundleOptions& options, const Dictionaries& d) {
    if (options.ready_meta_dictionaries.size() != 4) return false;
    const Dictionary* now[] = {&d.authors, &d.sites, &d.tags, &d.categories};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& before = options.ready_meta_dictionaries[i];
        const auto& values = now[i]->values();
        if (before.size() > values.size() || !std::equal(before.begin(), before.end(), values.begin())) return false;
    }
    return true;
}

// The metadata columns of posts [first, first + count), and the body files that hold them.
json meta_json(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count, const Dictionaries& d,
               const std::vector<BodyPack>& packs) {
    json ids = json::array(), paths = json::array(), titles = json::array(), dates = json::array(),
         offsets = json::array(), author_col = json::array(), urls = json::array(), site_col = json::array(),
         tag_col = json::array(), cat_col = json::array(), extra_col = json::array(), face_col = json::array();
    for (std::size_t i = first; i < first + count; ++i) {
        const Post& p = posts[i];
        ids.push_back(p.id);
        paths.push_back(p.path);
        titles.push_back(p.title);
        dates.push_back(p.date ? json(*p.date) : json(nullptr));
        offsets.push_back(p.utc_offset_minutes);
        author_col.push_back(p.author.empty() ? -1 : static_cast<std::int64_t>(d.authors.find(p.author)));
        urls.push_back(p.source_url);
        const std::string site = site_of_url(p.source_url);
        site_col.push_back(site.empty() ? -1 : static_cast<std::int64_t>(d.sites.find(site)));
        tag_col.push_back(index_list(d.tags, p.tags));
        cat_col.push_back(index_list(d.categories, p.categories));
        json extra = json::object();
        for (const auto& [key, value] : p.extra) {
            json parsed = json::parse(value, nullptr, false);
            extra[key] = parsed.is_discarded() ? json(value) : parsed;
        }
        extra_col.push_back(std::move(extra));
        face_col.push_back(p.font_face);
    }
    json body_col = json::array();
    for (const auto& pack : packs) body_col.push_back(json::array({pack.file, pack.count}));
    return {{"c", count}, {"id", ids}, {"p", paths}, {"t", titles},
            {"d", dates}, {"z", offsets}, {"a", author_col}, {"u", urls}, {"s", site_col},
            {"g", tag_col}, {"k", cat_col}, {"x", extra_col}, {"f", face_col}, {"b", body_col}};
}

json manifest_json(const BundleOptions& options, std::size_t post_count, const Dictionaries& d, json meta_refs,
                   const FileRef& search_list) {
    json fonts = json::array();
    for (const auto& f : options.fonts) fonts.push_back(font_ref_json(f));
    json manifest = {{"format", kBundleFormat},
                     {"version", kBundleVersion},
                     {"generator", options.generator},
                     {"posts", post_count},
                     {"authors", d.authors.values()},
                     {"sites", d.sites.values()},
                     {"tags", d.tags.values()},
                     {"categories", d.categories.values()},
                     {"meta", std::move(meta_refs)},
                     {"fonts", fonts},
                     {"fallback", options.fallback.file.empty() ? json::object() : font_ref_json(options.fallback)},
                     {"search", json::object()}};
    if (!search_list.file.empty()) manifest["search"] = {{"l", file_ref_json(search_list)}};
    if (!options.related.file.empty()) manifest["related"] = file_ref_json(options.related);
    if (!options.dictionary.file.empty()) manifest["dictionary"] = file_ref_json(options.dictionary);
    return manifest;
}

// The search list file's JSON: the fold table and every segment's docs and shard files.
json search_list_json(const SearchRef& search) {
    json segments = json::array();
    for (const auto& seg : search.segments) {
        json shards = json::array();
        for (const auto& shard : seg.shards) shards.push_back(file_ref_json(shard));
        segments.push_back({{"i", seg.first}, {"c", seg.count}, {"d", file_ref_json(seg.docs)}, {"s", shards}});
    }
    return {{"t", file_ref_json(search.fold)}, {"g", segments}};
}

// A run's newly encoded files (none where the stored ones are used) and its body files.
struct EncodedRun {
    std::optional<BundleFile> meta;
    std::vector<BundleFile> bodies;
    std::vector<BodyPack> packs;
};

}  // namespace

std::vector<BundleFile> write_bundle(std::vector<Post> posts, const BundleOptions& options,
                                     std::vector<std::string>* kept, std::vector<std::vector<BodyPack>>* packs) {
    sort_newest_first(posts);
    const Dictionaries dictionaries = collect_dictionaries(posts);
    const bool meta_usable = stored_meta_usable(options, dictionaries);
    const auto ranges = shard_ranges(posts, options.posts_per_shard);
    auto meta_ready = [&](std::size_t r) {
        return meta_usable && r < options.ready_meta.size() && !options.ready_meta[r].file.empty();
    };
    auto bodies_ready = [&](std::size_t r) {
        if (r >= options.ready_bodies.size() || options.ready_bodies[r].empty()) return false;
        std::uint64_t n = 0;
        for (const auto& pack : options.ready_bodies[r]) n += pack.count;
        return n == ranges[r].second;
    };
    // Each run's body files, then its metadata file (which names them), encoded on the caller's threads.
    std::vector<EncodedRun> runs(ranges.size());
    auto encode_run = [&](std::size_t r) {
        const auto [first, count] = ranges[r];
        if (bodies_ready(r)) runs[r].packs = options.ready_bodies[r];
        else runs[r].bodies = body_files(posts, first, count, options, runs[r].packs);
        if (!meta_ready(r))
            runs[r].meta = make_data_file("meta", dump(meta_json(posts, first, count, dictionaries, runs[r].packs)),
                                          ".json", options.encoding);
    };
    if (options.parallel) options.parallel(ranges.size(), encode_run);
    else for (std::size_t r = 0; r < ranges.size(); ++r) encode_run(r);

    // The manifest lists each run's metadata file, stored or new, in order.
    std::vector<BundleFile> files;
    json meta_refs = json::array();
    for (std::size_t r = 0; r < ranges.size(); ++r) {
        const auto [first, count] = ranges[r];
        if (meta_ready(r)) {
            meta_refs.push_back({{"f", options.ready_meta[r].file}, {"b", options.ready_meta[r].bytes}, {"i", first}, {"c", count}});
            if (kept) kept->push_back(options.ready_meta[r].file);
        } else {
            meta_refs.push_back({{"f", runs[r].meta->path}, {"b", runs[r].meta->bytes.size()}, {"i", first}, {"c", count}});
            files.push_back(std::move(*runs[r].meta));
        }
        if (runs[r].bodies.empty() && kept)
            for (const auto& pack : runs[r].packs) kept->push_back(pack.file);
        for (auto& f : runs[r].bodies) files.push_back(std::move(f));
        if (packs) packs->push_back(std::move(runs[r].packs));
    }
    FileRef search_list;
    if (options.search.present()) {
        files.push_back(make_data_file("index", dump(search_list_json(options.search)), ".json", options.encoding));
        search_list = {files.back().path, files.back().bytes.size()};
    }
    const json manifest = manifest_json(options, posts.size(), dictionaries, std::move(meta_refs), search_list);
    files.push_back({kManifestPath, dump(manifest)});
    return files;
}

std::vector<FontSlice> font_slices(const FontRef& font) {
    if (!font.slices.empty()) return font.slices;
    std::uint64_t covered = 0;
    for (const auto& r : font.codepoints) covered += r.last - r.first + 1;
    return {{font.file, font.bytes, static_cast<std::uint32_t>(covered)}};
}

std::vector<std::vector<char32_t>> slice_codepoints(const FontRef& font) {
    std::vector<char32_t> order = font.by_frequency;
    std::set<char32_t> in_order(order.begin(), order.end());
    for (const auto& r : font.codepoints)
        for (char32_t cp = r.first; cp <= r.last; ++cp)
            if (!in_order.count(cp)) order.push_back(cp);
    const std::vector<FontSlice> slices = font_slices(font);
    std::vector<std::vector<char32_t>> out(slices.size());
    std::size_t at = 0;
    for (std::size_t k = 0; k < slices.size(); ++k) {
        const std::size_t end = k + 1 == slices.size() ? order.size() : std::min(order.size(), at + slices[k].count);
        out[k].assign(order.begin() + static_cast<std::ptrdiff_t>(at), order.begin() + static_cast<std::ptrdiff_t>(end));
        at = end;
    }
    return out;
}

Result<Manifest> parse_manifest(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded())
        return bad("the manifest is not valid JSON (the file may be truncated or damaged)");
    std::string format;
    if (!read_string(member(j, "format"), format) || format != kBundleFormat)
        return bad("this is not a Folio bundle (no \"format\": \"folio-bundle\" in the manifest)");
    Manifest m;
    if (!read_uint(member(j, "version"), m.version))
        return bad("the manifest has no valid version number");
    if (m.version != kBundleVersion)
        return bad("the bundle has format version " + std::to_string(m.version) +
                   " but this viewer reads version " + std::to_string(kBundleVersion) +
                   "; rebuild the site with this version of folio");
    read_string(member(j, "generator"), m.generator);
    if (!read_uint(member(j, "posts"), m.post_count) || !read_string_list(member(j, "authors"), m.authors) ||
        !read_string_list(member(j, "sites"), m.sites) || !read_string_list(member(j, "tags"), m.tags) ||
        !read_string_list(member(j, "categories"), m.categories) || !read_shards(member(j, "meta"), m.meta))
        return bad("the manifest is incomplete or has fields of the wrong type");
    if (!shards_cover(m.meta, m.post_count))
        return bad("the manifest's shard list does not cover its posts");
    const json* fonts = member(j, "fonts");
    if (!fonts || !fonts->is_array() || fonts->size() > 255) return bad("the manifest's font list is malformed");
    for (const auto& f : *fonts) {
        FontRef ref;
        if (!read_font_ref(f, ref)) return bad("the manifest's font entries are malformed");
        m.fonts.push_back(std::move(ref));
    }
    if (const json* f = member(j, "fallback"); f && !f->empty() && !read_font_ref(*f, m.fallback))
        return bad("the manifest's fallback font entry is malformed");
    if (const json* rel = member(j, "related"); rel && !read_file_ref(rel, m.related))
        return bad("the manifest's related posts entry is malformed");
    if (const json* dict = member(j, "dictionary"); dict && !read_file_ref(dict, m.dictionary))
        return bad("the manifest's dictionary entry is malformed");
    if (const json* sr = member(j, "search"); sr && !sr->empty()) {
        const json* l = member(*sr, "l");
        if (!l || !read_file_ref(l, m.search.list)) return bad("the manifest's search entry is malformed");
    }
    return m;
}

Status parse_search_list(std::string_view text, Manifest& m) {
    const json list = json::parse(text.begin(), text.end(), nullptr, false);
    if (list.is_discarded()) return bad("the search list " + m.search.list.file + " is not valid JSON");
    SearchRef out;  // m.search changes only when the whole list is good
    out.list = m.search.list;
    const json* t = member(list, "t");
    const json* g = member(list, "g");
    if (!t || !g || !g->is_array() || !read_file_ref(t, out.fold))
        return bad("the search list is malformed");
    std::uint64_t next = 0;
    for (const auto& sg : *g) {
        SearchSegment seg;
        const json* d = member(sg, "d");
        const json* sh = member(sg, "s");
        if (!d || !sh || !sh->is_array() || !read_uint(member(sg, "i"), seg.first) ||
            !read_uint(member(sg, "c"), seg.count) || !read_file_ref(d, seg.docs) || seg.first != next)
            return bad("the search list's segment list is malformed");
        next += seg.count;
        for (const auto& shard : *sh) {
            FileRef ref;
            if (!read_file_ref(&shard, ref)) return bad("the search list's shard list is malformed");
            seg.shards.push_back(std::move(ref));
        }
        out.segments.push_back(std::move(seg));
    }
    if (next != m.post_count) return bad("the search list's segments do not cover the manifest's posts");
    m.search = std::move(out);
    return Ok{};
}

Result<Manifest> read_manifest(const ReadFile& read_file) {
    auto bytes = read_file(kManifestPath);
    if (!bytes) return bytes.error();
    auto m = parse_manifest(*bytes);
    if (!m || !m->search.present()) return m;
    auto list = read_file(m->search.list.file);
    if (!list) return list.error();
    if (auto st = parse_search_list(*list, *m); !st) return st.error();
    return m;
}

Status parse_meta_shard(std::string_view text, const Manifest& m, const ShardRef& ref, Catalog& c) {
    const std::string where = "metadata file " + ref.file;
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) return bad(where + " is not valid JSON (truncated or damaged)");
    const std::uint32_t first = ref.first;
    std::uint32_t count = 0;
    if (!read_uint(member(j, "c"), count) || count != ref.count || first != c.size())
        return bad(where + " does not hold the posts the manifest says it does");
    static constexpr const char* kColumns[] = {"id", "p", "t", "d", "z", "a", "u", "s", "g", "k", "x", "f"};
    std::vector<ShardRef> bodies;
    if (!read_body_list(member(j, "b"), first, count, bodies))
        return bad(where + ": its list of body files is malformed or does not cover its posts");
    for (const char* col : kColumns) {
        const json* v = member(j, col);
        if (!v || !v->is_array() || v->size() != count)
            return bad(where + ": column \"" + col + "\" is missing or has the wrong length");
    }
    for (std::size_t i = 0; i < count; ++i) {
        std::string id, path, title, url;
        std::int32_t author = -1, site = -1, offset = 0;
        std::vector<std::uint32_t> tag_list, cat_list;
        const json& d = j["d"][i];
        const json& z = j["z"][i];
        const json& x = j["x"][i];
        if (!read_string(&j["id"][i], id) || !read_string(&j["p"][i], path) ||
            !read_string(&j["t"][i], title) || !read_string(&j["u"][i], url) ||
            !(d.is_null() || d.is_number_integer()) || !z.is_number_integer() || !x.is_object() ||
            !read_optional_index(j["a"][i], m.authors.size(), author) ||
            !read_optional_index(j["s"][i], m.sites.size(), site) ||
            !read_index_list(j["g"][i], m.tags.size(), tag_list) ||
            !read_index_list(j["k"][i], m.categories.size(), cat_list))
            return bad(where + ": post " + std::to_string(first + i) + " is malformed");
        std::uint8_t face = 0;
        if (!read_uint(&j["f"][i], face) || (face > 0 && face >= m.fonts.size()))
            return bad(where + ": post " + std::to_string(first + i) + " names a font the site lacks");
        const std::int64_t zv = z.get<std::int64_t>();
        if (zv < -24 * 60 || zv > 24 * 60) return bad(where + ": a UTC offset is out of range");
        offset = static_cast<std::int32_t>(zv);
        c.ids.push_back(std::move(id));
        c.paths.push_back(std::move(path));
        c.titles.push_back(std::move(title));
        c.source_urls.push_back(std::move(url));
        c.has_date.push_back(d.is_null() ? 0 : 1);
        c.dates.push_back(d.is_null() ? 0 : d.get<std::int64_t>());
        c.utc_offsets.push_back(offset);
        c.authors.push_back(author);
        c.sites.push_back(site);
        c.tags.push_back(std::move(tag_list));
        c.categories.push_back(std::move(cat_list));
        c.extra_json.push_back(dump(x));
        c.faces.push_back(face);
    }
    for (auto& b : bodies) c.bodies.push_back(std::move(b));
    return Ok{};
}

std::string with_dictionary_block(std::string_view gzd, std::string_view dictionary) {
    constexpr std::size_t kHeader = 10;  // magic, method, flags (none), time, extra flags, system
    if (gzd.size() < kHeader || dictionary.size() > kDictionaryWindowBytes) return {};
    const auto len = static_cast<std::uint16_t>(dictionary.size());
    const auto nlen = static_cast<std::uint16_t>(~len);
    std::string out(gzd.substr(0, kHeader));
    // BFINAL 0, BTYPE 00 (stored), padded to the byte; then LEN and NLEN, little-endian.
    out += {'\0', static_cast<char>(len & 0xff), static_cast<char>(len >> 8), static_cast<char>(nlen & 0xff),
            static_cast<char>(nlen >> 8)};
    out += dictionary;
    out += gzd.substr(kHeader);
    return out;
}

Result<std::vector<std::vector<Block>>> parse_body_chunk(std::string_view text, const ShardRef& ref) {
    const std::string where = "post body file " + ref.file;
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) return bad(where + " is not valid JSON (truncated or damaged)");
    std::uint32_t count = 0;
    const json* posts = member(j, "b");
    if (!read_uint(member(j, "c"), count) || count != ref.count || !posts || !posts->is_array() || posts->size() != count)
        return bad(where + " does not hold the posts the manifest says it does");
    std::vector<std::vector<Block>> out;
    out.reserve(count);
    for (const auto& post : *posts) {
        if (!post.is_array()) return bad(where + ": a post's blocks are malformed");
        std::vector<Block> blocks;
        blocks.reserve(post.size());
        for (const auto& b : post) {
            auto block = block_from_json(b);
            if (!block) return bad(where + ": a block is malformed");
            blocks.push_back(std::move(*block));
        }
        out.push_back(std::move(blocks));
    }
    return out;
}

Result<LoadedSite> load_site(const ReadFile& read_file) {
    LoadedSite site;
    auto manifest_bytes = read_file(kManifestPath);
    if (!manifest_bytes) return manifest_bytes.error();
    auto manifest = parse_manifest(*manifest_bytes);
    if (!manifest) return manifest.error();
    site.manifest = std::move(*manifest);
    for (const auto& ref : site.manifest.meta) {
        auto bytes = read_file(ref.file);
        if (!bytes) return bytes.error();
        if (auto st = parse_meta_shard(*bytes, site.manifest, ref, site.catalog); !st) return st.error();
    }
    for (const auto& ref : site.catalog.bodies) {
        auto bytes = read_file(ref.file);
        if (!bytes) return bytes.error();
        auto chunk = parse_body_chunk(*bytes, ref);
        if (!chunk) return chunk.error();
        for (auto& blocks : *chunk) site.bodies.push_back(std::move(blocks));
    }
    return site;
}

Post post_from_site(const LoadedSite& site, std::size_t i) {
    const Catalog& c = site.catalog;
    const Manifest& m = site.manifest;
    Post p;
    p.id = c.ids[i];
    p.path = c.paths[i];
    p.title = c.titles[i];
    if (c.has_date[i]) p.date = c.dates[i];
    p.utc_offset_minutes = c.utc_offsets[i];
    if (c.authors[i] >= 0) p.author = m.authors[static_cast<std::size_t>(c.authors[i])];
    p.source_url = c.source_urls[i];
    for (auto t : c.tags[i]) p.tags.push_back(m.tags[t]);
    for (auto t : c.categories[i]) p.categories.push_back(m.categories[t]);
    json extra = json::parse(c.extra_json[i], nullptr, false);
    if (extra.is_object())
        for (const auto& [key, value] : extra.items()) p.extra.emplace_back(key, dump(value));
    if (i < site.bodies.size()) p.blocks = site.bodies[i];
    p.font_face = c.faces[i];
    return p;
}

}  // namespace folio

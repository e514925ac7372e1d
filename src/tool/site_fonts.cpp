#include "site_fonts.h"

#include <algorithm>
#include <array>
#include <bit>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "folio/glyph_plan.h"
#include "folio/hash.h"
#include "folio/measure.h"
#include "folio/utf8.h"
#include "font_subset.h"
#include "parallel.h"

namespace folio {
namespace {

bool is_kana(char32_t cp) { return cp >= 0x3040 && cp <= 0x30FF; }
bool is_han(char32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF); }

struct FaceSpec {
    std::string name, path;
    unsigned index = 0;
};

std::string face_file_name(const std::string& name, const std::string& bytes) {
    return "data/font-" + name + "-" + hex64(fnv1a64(bytes)).substr(0, 12) + ".otf";
}

// A use count's class: counts within a factor of about 1.4 share one (half steps of log2). The
// order within a class is by code point, so a few more posts move only the characters whose
// count crosses a class, not every character whose count went up.
std::uint64_t use_class(std::uint64_t uses) {
    if (uses == 0) return 0;
    const int log2 = 63 - std::countl_zero(uses);
    const bool upper_half = log2 > 0 && ((uses >> (log2 - 1)) & 1) != 0;  // at or past 1.5 * 2^log2
    return 1 + 2 * static_cast<std::uint64_t>(log2) + (upper_half ? 1 : 0);
}

// Covered code points, the always-needed ones first, then by falling use class (ties by code point).
std::vector<char32_t> residency_order(const std::vector<CodepointRange>& covered, const std::set<char32_t>& always,
                                      const std::map<char32_t, std::uint64_t>& uses) {
    std::vector<std::pair<std::uint64_t, char32_t>> rest;
    std::vector<char32_t> out;
    for (const auto& r : covered)
        for (char32_t cp = r.first; cp <= r.last; ++cp) {
            if (always.count(cp)) out.push_back(cp);
            else if (auto it = uses.find(cp); it != uses.end()) rest.emplace_back(use_class(it->second), cp);
            else rest.emplace_back(0, cp);
        }
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (const auto& [n, cp] : rest) out.push_back(cp);
    return out;
}

constexpr std::size_t kCodepoints = 0x110000;
constexpr std::size_t kFirstScreenPosts = 60;      // the newest posts, whose rows the first screen shows

// Han characters the fold table maps to one other Han character: they exist only in traditional script.
std::vector<bool> traditional_only(const FoldTable& table) {
    std::vector<bool> out(kCodepoints);
    for (const auto& [cp, folded] : table.map)
        if (cp < kCodepoints && is_han(cp) && folded.size() == 1 && is_han(folded[0])) out[cp] = true;
    return out;
}

// Japanese when kana make up a tenth of the CJK text; traditional when a twentieth of the Han
// characters exist only in traditional script.
Script classify_script(const std::vector<char32_t>& text, const std::vector<bool>& traditional) {
    std::size_t kana = 0, han = 0, trad = 0;
    for (char32_t cp : text) {
        kana += is_kana(cp);
        if (!is_han(cp)) continue;
        ++han;
        trad += traditional[cp];
    }
    if (kana >= 3 && kana * 10 >= kana + han) return Script::Japanese;
    if (trad >= 2 && trad * 20 >= han) return Script::Traditional;
    return Script::Simplified;
}

// Calls f(cp) for every code point of the post's title and text.
template <class F>
void for_each_codepoint(const Post& post, F&& f) {
    auto each = [&](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) f(utf8_next(s, i));
    };
    each(post.title);
    for (const auto& b : post.blocks) each(b.text);
}

// What decides a subset's bytes: the font file, the face and the code points.
std::uint64_t subset_key(const std::string& path, unsigned face, const std::set<char32_t>& wanted) {
    std::string text = path + '\n' + std::to_string(face) + '\n';
    for (char32_t cp : wanted) utf8_append(text, cp);
    return fnv1a64(text);
}

// The subset for the key: recalled from an earlier build, else cut now. Its missing code points
// are the wanted ones it does not cover (a recalled subset does not carry them).
Result<SubsetFont> cut_or_recall(const std::string& path, unsigned face, const std::set<char32_t>& wanted,
                                 std::uint64_t key, const FontRecall& recall) {
    std::optional<SubsetFont> recalled = recall ? recall(key) : std::nullopt;
    if (!recalled) return subset_font(path, face, wanted);
    recalled->missing.clear();
    auto range = recalled->covered.begin();
    for (char32_t cp : wanted) {
        while (range != recalled->covered.end() && range->last < cp) ++range;
        if (range == recalled->covered.end() || cp < range->first) recalled->missing.push_back(cp);
    }
    return std::move(*recalled);
}

// "" picks Noto Sans CJK's SC, TC and JP faces; "FILE[:face]" one face of that file.
std::vector<FaceSpec> face_specs(const std::string& font_arg) {
    if (font_arg.empty()) return {{"sc", kNotoCjk, 2}, {"tc", kNotoCjk, 3}, {"jp", kNotoCjk, 0}};
    FaceSpec one{"main", font_arg, 0};
    if (auto colon = font_arg.rfind(':'); colon != std::string::npos && colon + 1 < font_arg.size() &&
                                          font_arg.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        one.index = static_cast<unsigned>(std::stoul(font_arg.substr(colon + 1)));
        one.path = font_arg.substr(0, colon);
    }
    return {one};
}

// Work over all posts is cut into this many slices of posts, one per thread.
std::size_t post_slices() { return std::min<std::size_t>(worker_count(), 4); }

// Code points not every face of the specs has: only these can end up in no font (the fallback
// and the faces no post wants aside), so only their users are listed per chunk.
Result<std::vector<bool>> lacked_somewhere(const std::vector<FaceSpec>& specs, const std::set<char32_t>& used) {
    std::vector<bool> out(kCodepoints);
    for (const auto& spec : specs) {
        auto coverage = font_coverage(spec.path, spec.index, used);
        if (!coverage) return Error{coverage.error().message + " (pass --font FILE[:face] or --no-font)"};
        for (char32_t cp : coverage->missing) out[cp] = true;
    }
    out['\n'] = out['\t'] = false;  // never drawn, never wanted
    return out;
}

// Counts posts [first, first + count) into out (scripts, uses, rare), with dense per-face arrays
// (`dense`, zero before and after: only the chunk's own code points are read back and cleared).
void count_chunk(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count, std::size_t faces,
                 const std::vector<bool>& traditional, const std::vector<bool>& rare,
                 std::vector<std::vector<std::uint64_t>>& dense, ChunkCodepoints& out) {
    out.scripts.assign(count, 0);
    std::map<char32_t, std::vector<std::string>> users;
    std::vector<char32_t> text;  // one post's code points, decoded once for every use
    for (std::uint32_t k = 0; k < count; ++k) {
        const Post& post = posts[first + k];
        text.clear();
        for_each_codepoint(post, [&](char32_t cp) { text.push_back(cp); });
        if (faces > 1) out.scripts[k] = static_cast<std::uint8_t>(classify_script(text, traditional));
        auto& counts = dense[out.scripts[k]];
        if (counts.empty()) counts.assign(kCodepoints, 0);
        for (char32_t cp : text) {
            ++counts[cp];
            if (!rare[cp]) continue;
            auto& list = users[cp];
            if (list.empty() || list.back() != post.path) list.push_back(post.path);
        }
    }
    out.uses.assign(faces, {});
    for (std::size_t f = 0; f < faces; ++f) {
        if (dense[f].empty()) continue;
        for (char32_t cp : out.used)
            if (dense[f][cp]) out.uses[f].emplace_back(cp, std::exchange(dense[f][cp], 0));
    }
    out.rare.assign(std::make_move_iterator(users.begin()), std::make_move_iterator(users.end()));
}

// Completes the chunks not counted yet (scripts, uses and rare users; `used` is there), on the
// tool's threads, a set of dense arrays per thread.
Status count_chunks(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks, std::vector<ChunkCodepoints>& counted,
                    const LoadPosts& load, const std::vector<FaceSpec>& specs, const FoldTable& table) {
    std::vector<std::size_t> todo;
    std::set<char32_t> used;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (counted[c].uses.size() != specs.size()) todo.push_back(c);
        used.insert(counted[c].used.begin(), counted[c].used.end());
    }
    if (todo.empty()) return Ok{};
    auto rare = lacked_somewhere(specs, used);
    if (!rare) return rare.error();
    const std::vector<bool> traditional = specs.size() > 1 ? traditional_only(table) : std::vector<bool>();
    const std::size_t slices = std::min(post_slices(), todo.size());
    std::vector<Status> loaded(slices, Ok{});
    parallel_for(slices, [&](std::size_t s) {
        std::vector<std::vector<std::uint64_t>> dense(specs.size());
        for (std::size_t t = s; t < todo.size() && loaded[s]; t += slices) {
            const auto [first, count] = chunks[todo[t]];
            auto posts = load(first, count);
            if (posts) count_chunk(*posts, 0, count, specs.size(), traditional, *rare, dense, counted[todo[t]]);
            else loaded[s] = posts.error();
        }
    });
    for (const auto& st : loaded)
        if (!st) return st;
    return Ok{};
}

// The UI's characters and those of the dictionaries (authors, tags, sites) any face may draw.
std::set<char32_t> common_codepoints(const std::vector<Post>& posts) {
    std::set<char32_t> common = base_codepoints();
    for (const auto& p : posts) {
        add_codepoints(common, p.author);
        add_codepoints(common, site_of_url(p.source_url));
        for (const auto& t : p.tags) add_codepoints(common, t);
        for (const auto& t : p.categories) add_codepoints(common, t);
    }
    return common;
}

// The names the filters show first (panel_facets.cpp: 10 rows a filter, most posts first, then by
// name; a few more for ties): the most common authors, sites, tags and categories.
void add_first_filter_rows(const std::vector<Post>& posts, std::set<char32_t>& out) {
    constexpr std::size_t kRows = 12;
    std::array<std::unordered_map<std::string_view, std::uint32_t>, 4> counts;
    std::unordered_map<std::string, std::uint32_t> sites;  // made from the URLs: the map owns them
    for (const auto& p : posts) {
        if (!p.author.empty()) ++counts[0][p.author];
        if (std::string site = site_of_url(p.source_url); !site.empty()) ++sites[std::move(site)];
        for (const auto& t : p.tags) ++counts[2][t];
        for (const auto& t : p.categories) ++counts[3][t];
    }
    for (const auto& [site, n] : sites) counts[1].emplace(site, n);
    for (const auto& facet : counts) {
        std::vector<std::pair<std::string_view, std::uint32_t>> top(facet.begin(), facet.end());
        const auto first = top.begin() + static_cast<std::ptrdiff_t>(std::min(kRows, top.size()));
        std::partial_sort(top.begin(), first, top.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (auto it = top.begin(); it != first; ++it) add_codepoints(out, it->first);
    }
}

// What each face's first slice must hold for the first screen, which shows the newest posts' rows:
// the UI face (0) the UI's characters, the rows' authors, sites, tags and categories and the names
// the filters show first; each face
// ASCII, the characters the viewer measures a face with (panel_reader.cpp, font_atlas.cpp) and the
// titles of the rows drawn with it (a post's script picks its face). `shown` counts those rows per
// face.
struct FirstScreen {
    std::vector<std::set<char32_t>> front;
    std::vector<std::size_t> shown;
};

FirstScreen first_screen_codepoints(const std::vector<Post>& posts, const std::vector<std::uint8_t>& post_faces,
                                    std::size_t faces) {
    FirstScreen out{std::vector<std::set<char32_t>>(faces), std::vector<std::size_t>(faces)};
    for (auto& front : out.front) {
        for (char32_t c = 0x20; c <= 0x7E; ++c) front.insert(c);
        add_codepoints(front, kWideSample);  // 中 also gives a waiting glyph's width (font_atlas.cpp)
    }
    const std::set<char32_t> ui = ui_codepoints();
    out.front[0].insert(ui.begin(), ui.end());
    add_first_filter_rows(posts, out.front[0]);
    for (std::size_t i = 0; i < posts.size() && i < kFirstScreenPosts; ++i) {
        const Post& p = posts[i];
        const std::size_t face = i < post_faces.size() && post_faces[i] < faces ? post_faces[i] : 0;
        ++out.shown[face];
        add_codepoints(out.front[face], p.title);
        for (const std::string& text : {p.author, site_of_url(p.source_url)}) add_codepoints(out.front[0], text);
        for (const auto& t : p.tags) add_codepoints(out.front[0], t);
        for (const auto& t : p.categories) add_codepoints(out.front[0], t);
    }
    for (auto& front : out.front) {
        front.erase('\n');
        front.erase('\t');
    }
    return out;
}

// One face's cut: the code points it covers in residency order, cut into slices of falling
// frequency (plan_font_slices), each its own font file.
struct FaceCut {
    std::vector<CodepointRange> covered;
    std::vector<char32_t> order;
    std::vector<std::uint32_t> counts;     // per slice, over order
    std::vector<std::uint64_t> keys;       // per slice: subset_key
    std::vector<std::optional<Result<SubsetFont>>> slices;
    std::vector<char32_t> missing;
};

// The face's coverage of wanted, its order and its slices' boundaries and keys (nothing cut yet).
Result<FaceCut> plan_face(const FaceSpec& spec, const std::set<char32_t>& wanted, const std::set<char32_t>& front,
                          const std::map<char32_t, std::uint64_t>& uses, std::size_t first_frequent, std::size_t per_slice) {
    auto coverage = font_coverage(spec.path, spec.index, wanted);
    if (!coverage) return coverage.error();
    FaceCut cut;
    cut.covered = std::move(coverage->covered);
    cut.missing = std::move(coverage->missing);
    cut.order = residency_order(cut.covered, front, uses);
    const auto lead = static_cast<std::size_t>(
        std::count_if(cut.order.begin(), cut.order.end(), [&](char32_t cp) { return front.count(cp) > 0; }));
    cut.counts = plan_font_slices(cut.order, lead, std::max<std::size_t>(first_frequent, lead ? 0 : 1), per_slice);
    std::size_t at = 0;
    for (std::uint32_t n : cut.counts) {
        const std::set<char32_t> slice(cut.order.begin() + static_cast<std::ptrdiff_t>(at),
                                       cut.order.begin() + static_cast<std::ptrdiff_t>(at + n));
        cut.keys.push_back(subset_key(spec.path, spec.index, slice));
        at += n;
    }
    cut.slices.resize(cut.counts.size());
    return cut;
}

// Cuts each face to the common code points and those its posts use (`uses`, per face), in slices
// of falling frequency (all slices of all faces in parallel), or recalls the same cuts from an
// earlier build, into out. Returns the code points some face wanted and does not have.
Result<std::set<char32_t>> cut_faces(const std::vector<Post>& posts, const std::vector<FaceSpec>& faces,
                                     std::vector<std::vector<std::uint64_t>> uses, const FontRecall& recall,
                                     std::size_t per_slice, SiteFonts& out) {
    const std::set<char32_t> common = common_codepoints(posts);
    const FirstScreen first = first_screen_codepoints(posts, out.post_faces, faces.size());
    const std::size_t rows = std::max<std::size_t>(1, std::min(posts.size(), kFirstScreenPosts));
    std::vector<std::set<char32_t>> wanted(faces.size(), common);
    std::vector<std::map<char32_t, std::uint64_t>> face_uses(faces.size());
    for (std::size_t f = 0; f < faces.size(); ++f) {
        const auto& count = uses[f];
        for (char32_t cp = 0; cp < count.size(); ++cp)
            if (count[cp]) {
                wanted[f].insert(wanted[f].end(), cp);
                face_uses[f].emplace_hint(face_uses[f].end(), cp, count[cp]);
            }
        wanted[f].erase('\n');
        wanted[f].erase('\t');
    }
    uses.clear();
    std::set<char32_t> lacking;  // and what the fallback draws better: a CJK face's full-width curly quotes
    for (std::size_t f = 0; f < faces.size(); ++f) {
        auto wide = full_width_quotes(faces[f].path, faces[f].index);
        if (!wide) return Error{wide.error().message + " (pass --font FILE[:face] or --no-font)"};
        for (char32_t cp : *wide)
            if (wanted[f].erase(cp)) lacking.insert(cp);
    }
    std::vector<FaceCut> cuts;
    for (std::size_t f = 0; f < faces.size(); ++f) {
        // Beside its front, a face's first slice holds its most frequent characters, 2 slices' worth
        // shared out by the rows each face draws: the faces the first screen hardly uses come small.
        const std::size_t frequent = 2 * per_slice * first.shown[f] / rows;
        auto cut = plan_face(faces[f], wanted[f], first.front[f], face_uses[f], frequent, per_slice);
        if (!cut) return Error{cut.error().message + " (pass --font FILE[:face] or --no-font)"};
        cuts.push_back(std::move(*cut));
    }
    std::vector<std::pair<std::size_t, std::size_t>> jobs;  // (face, slice)
    for (std::size_t f = 0; f < cuts.size(); ++f)
        for (std::size_t k = 0; k < cuts[f].counts.size(); ++k) jobs.emplace_back(f, k);
    parallel_for(jobs.size(), [&](std::size_t j) {
        const auto [f, k] = jobs[j];
        FaceCut& cut = cuts[f];
        std::size_t at = 0;
        for (std::size_t i = 0; i < k; ++i) at += cut.counts[i];
        const std::set<char32_t> slice(cut.order.begin() + static_cast<std::ptrdiff_t>(at),
                                       cut.order.begin() + static_cast<std::ptrdiff_t>(at + cut.counts[k]));
        cut.slices[k] = cut_or_recall(faces[f].path, faces[f].index, slice, cut.keys[k], recall);
    });
    for (std::size_t f = 0; f < faces.size(); ++f) {
        FaceCut& cut = cuts[f];
        FontRef ref{faces[f].name, "", 0, cut.covered, cut.order, {}};
        for (std::size_t k = 0; k < cut.slices.size(); ++k) {
            auto& font = *cut.slices[k];
            if (!font) return Error{font.error().message + " (pass --font FILE[:face] or --no-font)"};
            const std::string file = face_file_name(faces[f].name, font->bytes);
            ref.slices.push_back({file, font->bytes.size(), cut.counts[k]});
            out.keys.emplace_back(cut.keys[k], file);
            out.files.push_back({file, std::move(font->bytes)});
        }
        ref.file = ref.slices.front().file;
        ref.bytes = ref.slices.front().bytes;
        lacking.insert(cut.missing.begin(), cut.missing.end());
        out.faces.push_back(std::move(ref));
    }
    return lacking;
}

// What the CJK faces lack (Latin Extended, symbols) comes from the fallback when it has them.
// Returns what no font has.
std::set<char32_t> add_fallback(const std::set<char32_t>& lacking, const FontRecall& recall, SiteFonts& out) {
    if (lacking.empty()) return {};
    const std::uint64_t key = subset_key(kFallbackFont, 0, lacking);
    auto fallback = cut_or_recall(kFallbackFont, 0, lacking, key, recall);
    if (!fallback || fallback->covered.empty()) return lacking;
    const std::string file = face_file_name("fallback", fallback->bytes);
    out.keys.emplace_back(key, file);
    out.fallback = {"fallback", file, fallback->bytes.size(), fallback->covered, {}, {}};
    out.files.push_back({file, std::move(fallback->bytes)});
    return std::set<char32_t>(fallback->missing.begin(), fallback->missing.end());
}

// The posts (paths, in post order) that use each of the missing code points, for the report.
std::map<char32_t, std::vector<std::string>> posts_using(const std::vector<ChunkCodepoints>& counted,
                                                         const std::set<char32_t>& missing) {
    std::map<char32_t, std::vector<std::string>> out;
    for (const auto& chunk : counted)
        for (const auto& [cp, paths] : chunk.rare)
            if (missing.count(cp)) out[cp].insert(out[cp].end(), paths.begin(), paths.end());
    return out;
}

}  // namespace

void chunk_used_codepoints(const std::vector<Post>& posts, std::uint32_t first, std::uint32_t count, ChunkCodepoints& out) {
    std::vector<bool> seen(kCodepoints);
    for (std::uint32_t i = first; i < first + count; ++i) for_each_codepoint(posts[i], [&](char32_t cp) { seen[cp] = true; });
    out.used.clear();
    for (char32_t cp = 0; cp < kCodepoints; ++cp)
        if (seen[cp]) out.used.push_back(cp);
}

Result<SiteFonts> make_site_fonts(const std::vector<Post>& posts, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                                  std::vector<ChunkCodepoints>& counted, const LoadPosts& load, const FoldTable& table,
                                  const std::string& font_arg, const FontRecall& recall, std::uint32_t slice_codepoints) {
    const std::vector<FaceSpec> specs = face_specs(font_arg);
    if (auto st = count_chunks(chunks, counted, load, specs, table); !st) return st.error();
    // Faces no post wants are left out (the first always stays: the UI uses it).
    std::vector<std::vector<std::uint64_t>> uses(specs.size());
    for (const auto& chunk : counted)
        for (std::size_t f = 0; f < specs.size(); ++f)
            for (const auto& [cp, n] : chunk.uses[f]) {
                if (uses[f].empty()) uses[f].assign(kCodepoints, 0);
                uses[f][cp] += n;
            }
    std::vector<std::uint8_t> face_index(specs.size(), 0);
    std::vector<FaceSpec> kept;
    std::vector<std::vector<std::uint64_t>> kept_uses;
    for (std::size_t f = 0; f < specs.size(); ++f) {
        if (f > 0 && uses[f].empty()) continue;
        face_index[f] = static_cast<std::uint8_t>(kept.size());
        kept.push_back(specs[f]);
        kept_uses.push_back(std::move(uses[f]));
    }
    SiteFonts out;
    out.post_faces.resize(posts.size());
    for (std::size_t c = 0; c < chunks.size(); ++c)
        for (std::uint32_t k = 0; k < chunks[c].second; ++k)
            out.post_faces[chunks[c].first + k] = face_index[counted[c].scripts[k]];
    auto lacking = cut_faces(posts, kept, std::move(kept_uses), recall, slice_codepoints, out);
    if (!lacking) return lacking.error();
    const std::set<char32_t> missing = add_fallback(*lacking, recall, out);
    if (!missing.empty()) out.missing = posts_using(counted, missing);
    return out;
}

Result<SiteFonts> make_site_fonts(std::vector<Post>& posts, const FoldTable& table, const std::string& font_arg,
                                  const FontRecall& recall, std::uint32_t slice_codepoints) {
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> chunks{{0, static_cast<std::uint32_t>(posts.size())}};
    std::vector<ChunkCodepoints> counted(1);
    chunk_used_codepoints(posts, 0, chunks[0].second, counted[0]);
    const LoadPosts load = [&posts](std::uint32_t first, std::uint32_t count) -> Result<std::vector<Post>> {
        return std::vector<Post>(posts.begin() + first, posts.begin() + first + count);
    };
    auto fonts = make_site_fonts(posts, chunks, counted, load, table, font_arg, recall, slice_codepoints);
    if (fonts)
        for (std::size_t i = 0; i < posts.size(); ++i) posts[i].font_face = fonts->post_faces[i];
    return fonts;
}

}  // namespace folio

#include "site_fonts.h"

#include <algorithm>
#include <set>

#include "folio/hash.h"
#include "folio/utf8.h"
#include "font_subset.h"

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

// Covered code points, the always-needed ones first, then by falling use (ties by code point).
std::vector<char32_t> residency_order(const std::vector<CodepointRange>& covered, const std::set<char32_t>& always,
                                      const std::map<char32_t, std::uint64_t>& uses) {
    std::vector<std::pair<std::uint64_t, char32_t>> rest;
    std::vector<char32_t> out;
    for (const auto& r : covered)
        for (char32_t cp = r.first; cp <= r.last; ++cp) {
            if (always.count(cp)) out.push_back(cp);
            else if (auto it = uses.find(cp); it != uses.end()) rest.emplace_back(it->second, cp);
            else rest.emplace_back(0, cp);
        }
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (const auto& [n, cp] : rest) out.push_back(cp);
    return out;
}

constexpr std::size_t kCodepoints = 0x110000;

// Han characters the fold table maps to one other Han character: they exist only in traditional script.
std::vector<bool> traditional_only(const FoldTable& table) {
    std::vector<bool> out(kCodepoints);
    for (const auto& [cp, folded] : table.map)
        if (cp < kCodepoints && is_han(cp) && folded.size() == 1 && is_han(folded[0])) out[cp] = true;
    return out;
}

// Japanese when kana make up a tenth of the CJK text; traditional when a twentieth of the Han
// characters exist only in traditional script.
Script classify_script(const Post& post, const std::vector<bool>& traditional) {
    std::size_t kana = 0, han = 0, trad = 0;
    auto count = [&](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            const char32_t cp = utf8_next(s, i);
            kana += is_kana(cp);
            if (!is_han(cp)) continue;
            ++han;
            trad += traditional[cp];
        }
    };
    count(post.title);
    for (const auto& b : post.blocks) count(b.text);
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

}  // namespace

Result<SiteFonts> make_site_fonts(std::vector<Post>& posts, const FoldTable& table, const std::string& font_arg) {
    std::vector<FaceSpec> specs;
    if (font_arg.empty()) {
        specs = {{"sc", kNotoCjk, 2}, {"tc", kNotoCjk, 3}, {"jp", kNotoCjk, 0}};
    } else {
        FaceSpec one{"main", font_arg, 0};
        if (auto colon = font_arg.rfind(':'); colon != std::string::npos && colon + 1 < font_arg.size() &&
                                              font_arg.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
            one.index = static_cast<unsigned>(std::stoul(font_arg.substr(colon + 1)));
            one.path = font_arg.substr(0, colon);
        }
        specs = {one};
    }
    // Which face each post wants; faces no post wants are left out (the first always stays: the UI uses it).
    std::vector<std::size_t> wants(posts.size(), 0);
    std::vector<bool> used(specs.size(), false);
    used[0] = true;
    if (specs.size() > 1) {
        const std::vector<bool> traditional = traditional_only(table);
        for (std::size_t i = 0; i < posts.size(); ++i)
            used[wants[i] = static_cast<std::size_t>(classify_script(posts[i], traditional))] = true;
    }
    std::vector<std::uint8_t> face_index(specs.size(), 0);
    std::vector<FaceSpec> kept;
    for (std::size_t f = 0; f < specs.size(); ++f) {
        if (!used[f]) continue;
        face_index[f] = static_cast<std::uint8_t>(kept.size());
        kept.push_back(specs[f]);
    }
    // Every face carries the UI's characters and the dictionaries (authors, tags, sites) it may draw.
    std::set<char32_t> common = base_codepoints();
    for (const auto& p : posts) {
        add_codepoints(common, p.author);
        add_codepoints(common, site_of_url(p.source_url));
        for (const auto& t : p.tags) add_codepoints(common, t);
        for (const auto& t : p.categories) add_codepoints(common, t);
    }
    // Occurrences per face and code point (for residency; non-zero = the face needs it), counted
    // in flat arrays: a map or set lookup per character was most of this phase.
    std::vector<std::vector<std::uint64_t>> uses(kept.size(), std::vector<std::uint64_t>(kCodepoints, 0));
    for (std::size_t i = 0; i < posts.size(); ++i) {
        Post& p = posts[i];
        p.font_face = face_index[wants[i]];
        auto& count = uses[p.font_face];
        for_each_codepoint(p, [&](char32_t cp) { ++count[cp]; });
    }
    std::vector<std::set<char32_t>> wanted(kept.size(), common);
    std::vector<std::map<char32_t, std::uint64_t>> face_uses(kept.size());
    for (std::size_t f = 0; f < kept.size(); ++f)
        for (char32_t cp = 0; cp < kCodepoints; ++cp)
            if (uses[f][cp]) {
                wanted[f].insert(wanted[f].end(), cp);
                face_uses[f].emplace_hint(face_uses[f].end(), cp, uses[f][cp]);
            }
    uses.clear();
    SiteFonts out;
    std::set<char32_t> lacking;  // wanted by some face that does not have them
    for (std::size_t f = 0; f < kept.size(); ++f) {
        wanted[f].erase('\n');
        wanted[f].erase('\t');
        auto font = subset_font(kept[f].path, kept[f].index, wanted[f]);
        if (!font) return Error{font.error().message + " (pass --font FILE[:face] or --no-font)"};
        const std::string file = face_file_name(kept[f].name, font->bytes);
        out.faces.push_back({kept[f].name, file, font->bytes.size(), font->covered,
                             residency_order(font->covered, common, face_uses[f])});
        lacking.insert(font->missing.begin(), font->missing.end());
        out.files.push_back({file, std::move(font->bytes)});
    }
    // What the CJK faces lack (Latin Extended, symbols) comes from the fallback when it has them.
    std::set<char32_t> still_missing = lacking;
    if (!lacking.empty()) {
        if (auto fallback = subset_font(kFallbackFont, 0, lacking); fallback && !fallback->covered.empty()) {
            const std::string file = face_file_name("fallback", fallback->bytes);
            out.fallback = {"fallback", file, fallback->bytes.size(), fallback->covered, {}};
            still_missing = std::set<char32_t>(fallback->missing.begin(), fallback->missing.end());
            out.files.push_back({file, std::move(fallback->bytes)});
        }
    }
    // The posts that use them, for the report: one more pass, only when something is missing.
    if (!still_missing.empty()) {
        std::vector<bool> is_missing(kCodepoints);
        for (char32_t cp : still_missing) is_missing[cp] = true;
        std::vector<std::size_t> last_user(kCodepoints, posts.size());  // the last post listed per code point
        for (std::size_t i = 0; i < posts.size(); ++i)
            for_each_codepoint(posts[i], [&](char32_t cp) {
                if (!is_missing[cp] || last_user[cp] == i) return;
                last_user[cp] = i;
                out.missing[cp].push_back(posts[i].path);
            });
    }
    return out;
}

}  // namespace folio

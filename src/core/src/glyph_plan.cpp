// Glyph residency and atlas arithmetic for the viewer (see folio/glyph_plan.h).
#include "folio/glyph_plan.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>

#include "folio/hash.h"
#include "folio/utf8.h"

namespace folio {
namespace {

bool covers(const std::vector<CodepointRange>& ranges, char32_t cp) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                               [](char32_t c, const CodepointRange& r) { return c < r.first; });
    return it != ranges.begin() && std::prev(it)->last >= cp;
}

void add_ranges(CodepointSet& out, const std::vector<CodepointRange>& ranges) {
    for (const auto& r : ranges)
        for (char32_t cp = r.first; cp <= r.last; ++cp) out.insert(cp);
}

std::size_t total(const std::vector<std::size_t>& sizes) {
    std::size_t n = 0;
    for (std::size_t s : sizes) n += s;
    return n;
}

bool slice_at_hand(const GlyphSources& s, std::size_t file, char32_t cp) {
    if (file >= s.arrived.size() || s.arrived[file].empty()) return true;
    const int slice = glyph_slice(s, file, cp);
    return slice >= 0 && s.arrived[file][static_cast<std::size_t>(slice)];
}

// Face i's code points split by the file that draws them (faces, then the fallback); those whose
// slice has not arrived go to waiting. resident null: every code point the face draws. prefix_waits
// false (a partial bake): only what is on screen waits in a cell; the rest of the prefixes comes on
// demand once its slice is in, so glyphs still on their way do not crowd out those at hand.
std::vector<CodepointSet> split_by_file(const GlyphSources& s, std::size_t i, const std::size_t* resident,
                                        const CodepointSet* need, bool prefix_waits, CodepointSet& waiting) {
    std::vector<CodepointSet> split(s.faces.size() + 1);
    const auto add = [&](char32_t cp) {
        const int file = glyph_source_file(s, i, cp);
        if (file < 0) return;
        if (slice_at_hand(s, static_cast<std::size_t>(file), cp)) split[static_cast<std::size_t>(file)].insert(cp);
        else waiting.insert(cp);
    };
    if (!resident) {
        for (char32_t cp : face_codepoints(s, i)) add(cp);
    } else {
        const auto& order = s.order[i];
        for (std::size_t k = 0; k < order.size(); ++k)
            if ((k < *resident || always_baked(s, order[k])) && (prefix_waits || glyph_at_hand(s, i, order[k]))) add(order[k]);
    }
    if (need)
        for (char32_t cp : *need) add(cp);
    split[i].insert(U' ');  // a face needs at least one glyph of its own
    waiting.erase(U' ');
    add(0xFFFD);            // the replacement mark, from the face or the fallback
    return split;
}

bool all_at_hand(const GlyphSources& s) {
    for (const auto& file : s.arrived)
        if (std::find(file.begin(), file.end(), false) != file.end()) return false;
    return true;
}

}  // namespace

GlyphSources glyph_sources(const Manifest& m, bool with_fallback) {
    GlyphSources s;
    for (const auto* words : {&m.authors, &m.sites, &m.tags, &m.categories})
        for (const auto& w : *words) add_codepoints(s.dictionary, w);
    add_codepoints(s.dictionary, "中文");  // the search box hint (folio build puts it in every face)
    for (const FontRef& ref : m.fonts) {
        s.faces.push_back(ref.codepoints);
        std::vector<char32_t> order = ref.by_frequency;
        if (order.empty())
            for (const auto& r : ref.codepoints)
                for (char32_t cp = r.first; cp <= r.last; ++cp) order.push_back(cp);
        s.order.push_back(std::move(order));
    }
    if (with_fallback) s.fallback = m.fallback.codepoints;
    std::vector<const FontRef*> files;
    for (const FontRef& ref : m.fonts) files.push_back(&ref);
    if (with_fallback) files.push_back(&m.fallback);
    for (const FontRef* ref : files) {
        std::unordered_map<char32_t, std::uint16_t> of;
        const auto slices = slice_codepoints(*ref);
        for (std::size_t k = 0; k < slices.size(); ++k)
            for (char32_t cp : slices[k]) of.emplace(cp, static_cast<std::uint16_t>(k));
        s.slice_of.push_back(std::move(of));
        s.arrived.emplace_back();
    }
    return s;
}

std::vector<std::uint32_t> plan_font_slices(const std::vector<char32_t>& order, std::size_t lead, std::size_t first_frequent,
                                            std::size_t per) {
    const std::size_t total = order.size();
    std::vector<std::uint32_t> out;
    std::size_t at = std::min(total, lead + first_frequent);
    out.push_back(static_cast<std::uint32_t>(at));
    // Cut where the code point says (as shard_ranges does by path): a character added, dropped or
    // moved changes the slice it is in, not every slice after it.
    per = std::max<std::size_t>(per, 1);
    const std::size_t min_len = std::max<std::size_t>(1, per / 2), spread = std::max<std::size_t>(1, per - min_len);
    std::size_t len = 0;
    for (; at < total; ++at) {
        ++len;
        if (at + 1 == total || len >= 2 * per || (len >= min_len && mix64(order[at] ^ 0x666f6e74ULL) % spread == 0)) {
            out.push_back(static_cast<std::uint32_t>(len));
            len = 0;
        }
    }
    return out;
}

std::size_t slice_count(const GlyphSources& s, std::size_t file) {
    if (file >= s.slice_of.size()) return 0;
    std::size_t n = 0;
    for (const auto& [cp, k] : s.slice_of[file]) n = std::max<std::size_t>(n, k + 1u);
    return std::max<std::size_t>(n, 1);
}

void expect_slices(GlyphSources& s) {
    for (std::size_t f = 0; f < s.arrived.size(); ++f) s.arrived[f].assign(slice_count(s, f), false);
}

void slice_arrived(GlyphSources& s, SliceId id) {
    if (id.file < s.arrived.size() && id.slice < s.arrived[id.file].size()) s.arrived[id.file][id.slice] = true;
}

int glyph_slice(const GlyphSources& s, std::size_t file, char32_t cp) {
    if (file >= s.slice_of.size()) return -1;
    const auto it = s.slice_of[file].find(cp);
    return it == s.slice_of[file].end() ? -1 : it->second;
}

bool glyph_at_hand(const GlyphSources& s, std::size_t face, char32_t cp) {
    const int file = glyph_source_file(s, face, cp);
    return file >= 0 && slice_at_hand(s, static_cast<std::size_t>(file), cp);
}

std::vector<SliceId> slices_wanted(const GlyphSources& s, const std::vector<CodepointSet>& need) {
    std::set<std::pair<std::size_t, std::size_t>> wanted;  // (slice, file): most frequent first
    for (std::size_t i = 0; i < need.size() && i < s.faces.size(); ++i)
        for (char32_t cp : need[i]) {
            const int file = glyph_source_file(s, i, cp);
            if (file < 0 || slice_at_hand(s, static_cast<std::size_t>(file), cp)) continue;
            wanted.emplace(static_cast<std::size_t>(glyph_slice(s, static_cast<std::size_t>(file), cp)),
                           static_cast<std::size_t>(file));
        }
    std::vector<SliceId> out;
    for (const auto& [slice, file] : wanted) out.push_back({file, slice});
    return out;
}

std::optional<SliceId> next_background_slice(const GlyphSources& s, const std::set<SliceId>& asked) {
    std::size_t most = 0;
    for (const auto& file : s.arrived) most = std::max(most, file.size());
    for (std::size_t k = 0; k < most; ++k)
        for (std::size_t f = 0; f < s.arrived.size(); ++f)
            if (k < s.arrived[f].size() && !s.arrived[f][k] && !asked.count({f, k})) return SliceId{f, k};
    return std::nullopt;
}

std::vector<std::vector<CodepointRange>> ranges_by_slice(const GlyphSources& s, std::size_t file,
                                                         const std::vector<CodepointRange>& ranges) {
    std::vector<CodepointSet> sets(std::max<std::size_t>(slice_count(s, file), 1));
    for (const auto& r : ranges)
        for (char32_t cp = r.first; cp <= r.last; ++cp) {
            if (const int k = glyph_slice(s, file, cp); k >= 0) sets[static_cast<std::size_t>(k)].insert(cp);
        }
    std::vector<std::vector<CodepointRange>> out;
    for (const auto& set : sets) out.push_back(to_ranges(set));
    return out;
}

bool wide_codepoint(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int glyph_source_file(const GlyphSources& s, std::size_t face, char32_t cp) {
    if (covers(s.faces[face], cp)) return static_cast<int>(face);
    if (covers(s.fallback, cp)) return static_cast<int>(s.faces.size());
    if (face == 0)
        for (std::size_t g = 1; g < s.faces.size(); ++g)
            if (covers(s.faces[g], cp)) return static_cast<int>(g);
    return -1;
}

bool always_baked(const GlyphSources& s, char32_t cp) {
    return cp < 0x2190 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFFFD ||
           s.dictionary.count(cp);
}

CodepointSet face_codepoints(const GlyphSources& s, std::size_t face) {
    CodepointSet out;
    add_ranges(out, s.faces[face]);
    add_ranges(out, s.fallback);
    if (face == 0)
        for (std::size_t g = 1; g < s.faces.size(); ++g) add_ranges(out, s.faces[g]);
    return out;
}

std::size_t full_glyph_count(const GlyphSources& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.faces.size(); ++i) n += face_codepoints(s, i).size();
    return n;
}

std::vector<CodepointSet> glyph_need(const std::vector<std::string>& text_by_face, std::size_t faces) {
    std::vector<CodepointSet> need(faces);
    for (std::size_t i = 0; i < faces && i < text_by_face.size(); ++i) {
        add_codepoints(need[i], text_by_face[i]);
        need[i].erase(U'\n');
        need[i].erase(U'\t');
    }
    return need;
}

std::size_t need_total(const GlyphSources& s, const std::vector<CodepointSet>& need) {
    std::size_t n = 0;
    for (const auto& face : need) n += face.size();
    for (const auto& order : s.order)
        for (char32_t cp : order) n += always_baked(s, cp) ? 1 : 0;
    return n;
}

std::vector<CodepointRange> to_ranges(const CodepointSet& cps) {
    std::vector<CodepointRange> out;
    for (char32_t cp : cps) {
        if (!out.empty() && out.back().last + 1 == cp) out.back().last = cp;
        else out.push_back({cp, cp});
    }
    return out;
}

std::vector<FaceBake> plan_bake(const GlyphSources& s, const std::vector<std::size_t>* resident,
                                const std::vector<CodepointSet>& need, bool defer) {
    const std::size_t n = s.faces.size();
    std::vector<FaceBake> out(n);
    const bool whole = all_at_hand(s);
    for (std::size_t i = 0; i < n; ++i) {
        FaceBake& bake = out[i];
        bake.from_file.assign(n + 1, {});
        if (!resident && whole) {  // every glyph of every file: the files' own ranges
            bake.from_file[i] = s.faces[i];
            bake.from_file[n] = s.fallback;
            if (i == 0)
                for (std::size_t g = 1; g < n; ++g) bake.from_file[g] = s.faces[g];
            continue;
        }
        const auto split = split_by_file(s, i, resident ? &(*resident)[i] : nullptr, i < need.size() ? &need[i] : nullptr,
                                         defer || !resident, bake.waiting);
        if (defer) {
            bake.left = face_codepoints(s, i);
            for (const auto& baked : split)
                for (char32_t cp : baked) bake.left.erase(cp);
            for (char32_t cp : bake.waiting) bake.left.erase(cp);
        }
        for (std::size_t j = 0; j <= n; ++j) bake.from_file[j] = to_ranges(split[j]);
    }
    return out;
}

std::vector<DeferredGlyph> order_deferred(const GlyphSources& s, std::vector<CodepointSet> left) {
    std::vector<DeferredGlyph> out;
    std::size_t longest = 0;
    for (const auto& o : s.order) longest = std::max(longest, o.size());
    for (std::size_t k = 0; k < longest; ++k)
        for (std::size_t i = 0; i < s.order.size() && i < left.size(); ++i)
            if (k < s.order[i].size() && left[i].erase(s.order[i][k]))
                out.push_back({static_cast<std::uint32_t>(i), s.order[i][k]});
    for (std::size_t i = 0; i < left.size(); ++i)
        for (char32_t cp : left[i]) out.push_back({static_cast<std::uint32_t>(i), cp});
    for (DeferredGlyph& d : out) d.waiting = !glyph_at_hand(s, d.face, d.cp);
    return out;
}

void DeferredFill::reset(std::vector<DeferredGlyph> kept) {
    glyphs = std::move(kept);
    at.clear();
    for (std::size_t k = 0; k < glyphs.size(); ++k) at[std::uint64_t{glyphs[k].face} << 32 | glyphs[k].cp] = k;
    next = 0;
    waiting = static_cast<std::size_t>(std::count_if(glyphs.begin(), glyphs.end(), [](const auto& d) { return d.waiting; }));
    left = glyphs.size() - waiting;
}

std::vector<std::size_t> DeferredFill::slices_arrived(const GlyphSources& s) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < glyphs.size() && waiting > 0; ++k) {
        DeferredGlyph& d = glyphs[k];
        if (!d.waiting || !glyph_at_hand(s, d.face, d.cp)) continue;
        d.waiting = false;
        --waiting;
        ++left;
        out.push_back(k);
        next = std::min(next, k);
    }
    return out;
}

const DeferredGlyph* DeferredFill::blank(std::size_t face, char32_t cp) const {
    const auto it = at.find(std::uint64_t{face} << 32 | cp);
    return it == at.end() || glyphs[it->second].drawn ? nullptr : &glyphs[it->second];
}

std::vector<std::size_t> DeferredFill::blank_on_screen(const std::vector<CodepointSet>& need) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < need.size(); ++i)
        for (char32_t cp : need[i])
            if (const DeferredGlyph* d = blank(i, cp); d && !d->waiting) out.push_back(static_cast<std::size_t>(d - glyphs.data()));
    return out;
}

void DeferredFill::mark_drawn(std::size_t index) {
    if (glyphs[index].drawn || glyphs[index].waiting) return;
    glyphs[index].drawn = true;
    --left;
}

std::vector<std::size_t> reusable_slots(std::vector<GlyphSlot>& slots, const std::vector<CodepointSet>& need,
                                        std::uint64_t generation) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < slots.size(); ++k) {
        GlyphSlot& slot = slots[k];
        const auto face = static_cast<std::size_t>(slot.face);
        if (slot.face >= 0 && face < need.size() && need[face].count(slot.cp)) slot.used = generation;
        else out.push_back(k);
    }
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        const GlyphSlot &x = slots[a], &y = slots[b];
        return (x.face < 0) != (y.face < 0) ? x.face < 0 : x.used < y.used;
    });
    return out;
}

int browser_cell_side(float pixels) { return static_cast<int>(std::ceil(pixels * 1.25f)) + 2; }

CodepointSet browser_need(const GlyphSources& s, const std::vector<CodepointSet>& need) {
    CodepointSet out;
    for (std::size_t i = 0; i < need.size() && i < s.faces.size(); ++i)
        for (char32_t cp : need[i])
            if (cp >= 0x20 && cp != 0x7F && cp <= kBrowserLastCodepoint && glyph_source_file(s, i, cp) < 0) out.insert(cp);
    return out;
}

void BrowserGlyphs::reset(std::vector<BrowserCell> fresh, int cell_side) {
    cells = std::move(fresh);
    side = cell_side;
    verdict.clear();
    cell_of.clear();
    pending = 0;
    colour = false;
}

std::vector<char32_t> BrowserGlyphs::to_draw(const CodepointSet& need) const {
    std::vector<char32_t> out;
    for (char32_t cp : need)
        if (const auto it = verdict.find(cp); it == verdict.end() || it->second == BrowserVerdict::NoRoom) out.push_back(cp);
    return out;
}

bool BrowserGlyphs::unasked(const CodepointSet& need) const {
    return std::any_of(need.begin(), need.end(), [&](char32_t cp) { return !verdict.count(cp); });
}

std::vector<std::size_t> BrowserGlyphs::reusable(const CodepointSet& need, std::uint64_t generation) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (cells[k].cp && need.count(cells[k].cp)) cells[k].used = generation;
        else out.push_back(k);
    }
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        const BrowserCell &x = cells[a], &y = cells[b];
        return (x.cp == 0) != (y.cp == 0) ? x.cp == 0 : x.used < y.used;
    });
    return out;
}

char32_t BrowserGlyphs::place(std::size_t k, char32_t cp, std::uint64_t generation) {
    BrowserCell& cell = cells[k];
    const char32_t old = cell.cp;
    if (old) {
        verdict.erase(old);
        cell_of.erase(old);
    }
    cell.cp = cp;
    cell.used = generation;
    verdict[cp] = BrowserVerdict::Drawn;
    cell_of[cp] = k;
    return old;
}

std::size_t BrowserGlyphs::count(BrowserVerdict v) const {
    std::size_t n = 0;
    for (const auto& [cp, verdict_of] : verdict) n += verdict_of == v ? 1 : 0;
    return n;
}

AtlasPlanner::AtlasPlanner(AtlasInputs in) : in_(std::move(in)), area_(in_.area_per_px2) {
    const double limit = static_cast<double>(in_.max_side) * in_.max_side * kPackedShare;
    const auto full = static_cast<double>(in_.full_glyphs);
    partial_ = full * glyph_texels() + browser_texels() > limit;
    const double cell_texels = std::pow(std::ceil(static_cast<double>(in_.pixels)) + 2.0, 2.0);
    quick_ = !partial_ && in_.full_glyphs > in_.quick_glyphs && full * cell_texels + browser_texels() <= limit;
    plan();
}

// The browser's cells at this attempt's scale: up to kBrowserCells, at most a twentieth of the texture.
double AtlasPlanner::browser_texels() const {
    const double side = browser_cell_side(in_.pixels * scale_) + 1.0;  // with the packer's padding
    const double limit = static_cast<double>(in_.max_side) * in_.max_side * kPackedShare;
    return std::clamp(std::floor(limit / 20.0 / (side * side)), 0.0, static_cast<double>(kBrowserCells)) * side * side;
}

double AtlasPlanner::glyph_texels() const {
    const double pixels = static_cast<double>(in_.pixels * scale_);
    return static_cast<double>(area_) * pixels * pixels;
}

// The next attempt: a quick bake, a partial one (prefixes shared in proportion to the orders'
// lengths, after the slots and what is on screen), or every glyph.
void AtlasPlanner::plan() {
    AtlasAttempt& a = attempt_;
    a = AtlasAttempt{};
    a.scale = scale_;
    a.pixels = in_.pixels * scale_;
    a.slot_side = static_cast<int>(std::ceil(a.pixels)) + 1;
    const double browser_side = browser_cell_side(a.pixels) + 1.0;
    a.browser_cells = static_cast<int>(browser_texels() / (browser_side * browser_side) + 0.5);
    const double limit = static_cast<double>(in_.max_side) * in_.max_side * kPackedShare;
    const std::size_t order_total = std::max<std::size_t>(1, total(in_.order_sizes));
    if (quick_) {  // ImGui rasterises quick_glyphs (shared by the faces as their orders are long)
        a.every = false;
        a.defer = true;
        for (std::size_t size : in_.order_sizes) a.resident.push_back(in_.quick_glyphs * size / order_total);
        a.width = in_.max_side;
        return;
    }
    if (!partial_) {
        const double texels = static_cast<double>(in_.full_glyphs) * glyph_texels() + browser_texels();
        a.width = texels > 2048.0 * 2048.0 * 0.8 ? in_.max_side : std::min(2048, in_.max_side);
        return;
    }
    a.every = false;
    a.partial = true;
    a.slots = std::clamp(static_cast<int>(limit / glyph_texels() / 10.0), 16, kMaxSlots);  // at most a tenth
    const double side = std::ceil(static_cast<double>(a.pixels)) + 2.0;  // a slot with its padding
    const double slot_texels = static_cast<double>(a.slots) * side * side + browser_texels();
    const double room = std::max(0.0, (limit - slot_texels) / glyph_texels() - static_cast<double>(in_.need_total));
    for (std::size_t size : in_.order_sizes)
        a.resident.push_back(static_cast<std::size_t>(room * static_cast<double>(size) / static_cast<double>(order_total)));
    a.width = in_.max_side;
}

AtlasVerdict AtlasPlanner::judge(int tex_width, int tex_height, int glyphs) {
    const AtlasAttempt& a = attempt_;
    if (a.defer) {  // a quick bake whose cells took more room than estimated: bake the usual way
        if (tex_height <= in_.max_side) return AtlasVerdict::Keep;
        quick_ = false;
        plan();
        return AtlasVerdict::Again;
    }
    // Learn the real texels per glyph (slots aside) for the next estimate.
    const double cell = a.slot_side + 1.0;
    const double used = static_cast<double>(tex_width) * tex_height - a.slots * cell * cell - browser_texels();
    if (glyphs > 0)
        area_ = static_cast<float>(std::max(0.05, used / glyphs / (static_cast<double>(a.pixels) * a.pixels)));
    const int attempt = tries_++;
    bool left_out = false, any_resident = false;
    for (std::size_t i = 0; i < a.resident.size(); ++i) {
        left_out = left_out || a.resident[i] < in_.order_sizes[i];
        any_resident = any_resident || a.resident[i] > 0;
    }
    AtlasVerdict verdict = AtlasVerdict::Again;
    // A partial atlas far below the limit was estimated badly: once more with the learnt size.
    if (a.partial && left_out && attempt == 0 && tex_height < in_.max_side * 3 / 4) verdict = AtlasVerdict::Again;
    else if (tex_height <= in_.max_side) return AtlasVerdict::Keep;
    else if (!partial_) partial_ = true;
    else if (any_resident && attempt < 3) verdict = AtlasVerdict::Again;  // the learnt size gives a smaller share
    else {  // what is on screen alone does not fit at device pixels: smaller
        scale_ *= 0.95f * std::sqrt(static_cast<float>(in_.max_side) / static_cast<float>(tex_height));
        verdict = AtlasVerdict::Smaller;
    }
    if (tries_ >= 6) return AtlasVerdict::Keep;  // the last build stands
    plan();
    return verdict;
}

std::size_t AtlasPlanner::resident_count(const GlyphSources& s) const {
    if (!attempt_.partial) return total(in_.order_sizes);
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.order.size() && i < attempt_.resident.size(); ++i)
        for (std::size_t k = 0; k < s.order[i].size(); ++k)
            n += (k < attempt_.resident[i] || always_baked(s, s.order[i][k])) && glyph_at_hand(s, i, s.order[i][k]) ? 1 : 0;
    return n;
}

namespace {

// Whether any texel of [x0, x1) x [y0, y1) has coverage.
bool any_coverage(const unsigned char* alpha, int width, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; ++y) {
        const unsigned char* row = alpha + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        if (std::any_of(row + x0, row + x1, [](unsigned char a) { return a != 0; })) return true;
    }
    return false;
}

}  // namespace

std::vector<AtlasBlock> atlas_content_blocks(const unsigned char* alpha, int width, int height, int tile_w, int tile_h) {
    std::vector<AtlasBlock> blocks;
    for (int y = 0; y < height; y += tile_h) {
        const int h = std::min(tile_h, height - y);
        bool open = false;
        for (int x = 0; x < width; x += tile_w) {
            const int w = std::min(tile_w, width - x);
            if (!any_coverage(alpha, width, x, y, x + w, y + h)) {
                open = false;
            } else if (open) {
                blocks.back().w += w;
            } else {
                blocks.push_back({x, y, w, h});
                open = true;
            }
        }
    }
    return blocks;
}

}  // namespace folio

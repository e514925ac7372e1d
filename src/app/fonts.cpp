// The glyph atlas: one ImFont per face, baked at device pixels within max_side x max_side texels.
// When every covered glyph fits, all are baked. Otherwise each face keeps a prefix of its residency
// order (the UI's characters, then the archive's by falling frequency) plus what is on screen, and
// the atlas reserves empty cells (slots); glyphs that come on screen later are rasterised into
// slots between frames (least recently needed slots are reused). Only when the slots run out is
// the atlas baked again, with what is on screen.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <imstb_truetype.h>

#include "app.h"
#include "folio/utf8.h"
#include "platform.h"

namespace folio {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSlots = 256;             // on-demand cells reserved in a partial atlas
constexpr double kPackedShare = 0.88;   // share of the texture glyphs may fill (packing waste)
constexpr double kDemandBudgetMs = 8;   // on-demand rasterising per frame; the rest waits a frame

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

bool covers(const FontRef& ref, char32_t cp) {
    auto it = std::upper_bound(ref.codepoints.begin(), ref.codepoints.end(), cp,
                               [](char32_t c, const CodepointRange& r) { return c < r.first; });
    return it != ref.codepoints.begin() && std::prev(it)->last >= cp;
}

// The font file that draws cp in face `face`, as ImGui merges them: the face, the fallback, and for
// the UI face (0) the other faces. Files are numbered faces first, then the fallback; -1 for none.
int source_file(const App& app, std::size_t face, char32_t cp) {
    const auto& fonts = app.manifest.fonts;
    if (covers(fonts[face], cp)) return static_cast<int>(face);
    if (!app.font.fallback.bytes.empty() && covers(app.manifest.fallback, cp)) return static_cast<int>(fonts.size());
    if (face == 0)
        for (std::size_t g = 1; g < fonts.size(); ++g)
            if (covers(fonts[g], cp)) return static_cast<int>(g);
    return -1;
}

std::vector<ImWchar> to_ranges(const std::set<char32_t>& cps) {
    std::vector<ImWchar> out;
    for (char32_t cp : cps) {
        if (!out.empty() && out.back() + 1 == cp) out.back() = static_cast<ImWchar>(cp);
        else out.insert(out.end(), {static_cast<ImWchar>(cp), static_cast<ImWchar>(cp)});
    }
    out.push_back(0);
    return out;
}

std::size_t face_of(const App& app, std::size_t post) {
    const std::size_t face = post < app.catalog.faces.size() ? app.catalog.faces[post] : 0;
    return face < app.font.faces.size() ? face : 0;
}

// What is on screen, per face: the open post, the visible list rows (titles, snippets) and the
// search box. Recomputed only when one of those changes; returns whether it did.
bool compute_need(App& app) {
    FontState& f = app.font;
    std::string key = app.selected ? std::to_string(*app.selected) : "-";
    const std::vector<Block>* blocks = app.selected ? post_blocks(app, *app.selected, nullptr) : nullptr;
    key += blocks ? "+" : "-";
    for (const auto& row : app.visible_rows) key += "," + std::to_string(row.post);
    key += app.search.active ? "|" + app.search.ran : "|";
    key += std::string("|") + app.search.input;
    if (key == f.need_key && f.need.size() == f.faces.size()) return false;
    f.need_key = std::move(key);
    f.need.assign(f.faces.size(), {});
    auto add = [&](std::size_t face, std::string_view text) { add_codepoints(f.need[face], text); };
    if (app.selected && *app.selected < app.catalog.size()) {
        const std::size_t face = face_of(app, *app.selected);
        add(face, app.catalog.titles[*app.selected]);
        if (blocks)
            for (const auto& b : *blocks) add(face, b.text);
    }
    for (const auto& row : app.visible_rows) {
        if (row.post >= app.catalog.size()) continue;
        add(face_of(app, row.post), app.catalog.titles[row.post]);
        if (auto it = app.search.snippets.find(row.post); app.search.active && it != app.search.snippets.end())
            add(face_of(app, row.post), it->second.text);
    }
    add(0, app.search.input);
    ++f.need_generation;
    return true;
}

// Characters the UI may draw anywhere: Latin, general punctuation, CJK punctuation, full-width
// forms, U+FFFD and the dictionaries (authors, sites, tags, categories). Always baked.
bool always_baked(const FontState& f, char32_t cp) {
    return cp < 0x2190 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFFFD ||
           f.dictionary.count(cp);
}

// Every face's residency order: the manifest's, else its ranges in code point order.
void make_orders(App& app) {
    FontState& f = app.font;
    if (f.order.size() == f.faces.size()) return;
    f.dictionary.clear();
    for (const auto* words : {&app.manifest.authors, &app.manifest.sites, &app.manifest.tags, &app.manifest.categories})
        for (const auto& w : *words) add_codepoints(f.dictionary, w);
    add_codepoints(f.dictionary, "中文");  // the search box hint (folio build puts it in every face)
    f.order.assign(f.faces.size(), {});
    for (std::size_t i = 0; i < f.faces.size(); ++i) {
        const FontRef& ref = app.manifest.fonts[i];
        if (!ref.by_frequency.empty()) {
            f.order[i] = ref.by_frequency;
            continue;
        }
        for (const auto& r : ref.codepoints)
            for (char32_t cp = r.first; cp <= r.last; ++cp) f.order[i].push_back(cp);
    }
}

// Every code point face i draws: its file, the fallback, and for the UI face the other faces.
std::set<char32_t> face_codepoints(const App& app, std::size_t i) {
    std::set<char32_t> out;
    auto add = [&](const std::vector<CodepointRange>& ranges) {
        for (const auto& r : ranges)
            for (char32_t cp = r.first; cp <= r.last; ++cp) out.insert(cp);
    };
    add(app.manifest.fonts[i].codepoints);
    if (!app.font.fallback.bytes.empty()) add(app.manifest.fallback.codepoints);
    if (i == 0)
        for (std::size_t g = 1; g < app.manifest.fonts.size(); ++g) add(app.manifest.fonts[g].codepoints);
    return out;
}

// Glyphs a full bake holds: each face with the fallback merged in, the UI face with the others too.
std::size_t full_glyph_count(const App& app) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < app.manifest.fonts.size(); ++i) n += face_codepoints(app, i).size();
    return n;
}

// The deferred glyph face draws cp with when it is still blank (not drawn yet), else null.
const DeferredGlyph* blank_deferred(const FontState& f, std::size_t face, char32_t cp) {
    const auto it = f.deferred_at.find(std::uint64_t{face} << 32 | cp);
    return it == f.deferred_at.end() || f.deferred[it->second].drawn ? nullptr : &f.deferred[it->second];
}
DeferredGlyph* blank_deferred(FontState& f, std::size_t face, char32_t cp) {
    return const_cast<DeferredGlyph*>(blank_deferred(std::as_const(f), face, cp));
}

// The deferred glyphs in fill order: the faces' residency orders interleaved, then the rest.
std::vector<DeferredGlyph> order_deferred(const FontState& f, std::vector<std::set<char32_t>>& left) {
    std::vector<DeferredGlyph> out;
    std::size_t longest = 0;
    for (const auto& o : f.order) longest = std::max(longest, o.size());
    for (std::size_t k = 0; k < longest; ++k)
        for (std::size_t i = 0; i < f.order.size(); ++i)
            if (k < f.order[i].size() && left[i].erase(f.order[i][k]))
                out.push_back({static_cast<std::uint32_t>(i), f.order[i][k]});
    for (std::size_t i = 0; i < left.size(); ++i)
        for (char32_t cp : left[i]) out.push_back({static_cast<std::uint32_t>(i), cp});
    return out;
}

// The stb_truetype view of font file k (faces, then the fallback), set up on first use.
const stbtt_fontinfo* file_info(App& app, std::vector<stbtt_fontinfo>& infos, std::vector<bool>& ready, std::size_t k) {
    FontFile& bytes = k < app.font.faces.size() ? app.font.faces[k] : app.font.fallback;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.bytes.data());
    if (!ready[k] && !stbtt_InitFont(&infos[k], data, stbtt_GetFontOffsetForIndex(data, 0))) return nullptr;
    ready[k] = true;
    return &infos[k];
}

// Sets up every face at `pixels`: all covered glyphs when `resident` is null, else each face's first
// resident[i] code points in residency order plus what is on screen; and `slots` empty cells. With
// `defer`, the covered glyphs left out get a blank cell each (with their advance) to be drawn later.
// Returns the slot rectangle ids; Build() packs them.
std::vector<int> setup_atlas(App& app, float pixels, const std::vector<std::size_t>* resident, int slots, bool defer) {
    FontState& f = app.font;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    f.imgui_faces.clear();
    f.bake_ranges.clear();
    f.deferred.clear();
    f.deferred_at.clear();
    f.deferred_next = f.deferred_left = 0;
    std::vector<std::set<char32_t>> left(defer ? f.faces.size() : 0);
    const std::size_t n = f.faces.size(), fallback = n;
    // plan[i][j]: the ranges face i takes from file j (faces, then the fallback), or null.
    std::vector<std::vector<const ImWchar*>> plan(n, std::vector<const ImWchar*>(n + 1, nullptr));
    f.bake_ranges.reserve(n * (n + 1));  // the pointers above point into these
    for (std::size_t i = 0; i < n; ++i) {
        if (!resident) {
            plan[i][i] = f.faces[i].ranges.data();
            if (!f.fallback.bytes.empty()) plan[i][fallback] = f.fallback.ranges.data();
            if (i == 0)
                for (std::size_t g = 1; g < n; ++g) plan[0][g] = f.faces[g].ranges.data();
            continue;
        }
        std::vector<std::set<char32_t>> split(n + 1);
        auto add = [&](char32_t cp) {
            if (const int file = source_file(app, i, cp); file >= 0) split[static_cast<std::size_t>(file)].insert(cp);
        };
        const auto& order = f.order[i];
        for (std::size_t k = 0; k < order.size(); ++k)
            if (k < (*resident)[i] || always_baked(f, order[k])) add(order[k]);
        if (i < f.need.size())
            for (char32_t cp : f.need[i]) add(cp);
        split[i].insert(U' ');  // a face needs at least one glyph of its own
        add(0xFFFD);            // the replacement mark, from the face or the fallback
        if (defer) {
            left[i] = face_codepoints(app, i);
            for (const auto& baked : split)
                for (char32_t cp : baked) left[i].erase(cp);
        }
        for (std::size_t j = 0; j <= n; ++j) {
            if (split[j].empty()) continue;
            f.bake_ranges.push_back(to_ranges(split[j]));
            plan[i][j] = f.bake_ranges.back().data();
        }
    }
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in FontState
    // Glyphs are baked at device pixels and drawn 1:1, so no oversampling is needed.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFontConfig merge = config;
    merge.MergeMode = true;
    auto add_font = [&](FontFile& file, const ImFontConfig& cfg, const ImWchar* ranges) {
        return atlas.AddFontFromMemoryTTF(file.bytes.data(), static_cast<int>(file.bytes.size()), pixels, &cfg, ranges);
    };
    for (std::size_t i = 0; i < n; ++i) {
        ImFont* font = add_font(f.faces[i], config, plan[i][i]);
        if (plan[i][fallback]) add_font(f.fallback, merge, plan[i][fallback]);
        for (std::size_t g = 0; g < n; ++g)
            if (g != i && plan[i][g]) add_font(f.faces[g], merge, plan[i][g]);
        f.imgui_faces.push_back(font);
    }
    f.slot_side = static_cast<int>(std::ceil(pixels)) + 1;
    if (defer) {
        f.deferred = order_deferred(f, left);
        std::vector<stbtt_fontinfo> infos(n + 1);
        std::vector<bool> ready(n + 1, false);
        std::size_t kept = 0;
        for (DeferredGlyph& d : f.deferred) {
            const int file = source_file(app, d.face, d.cp);
            const stbtt_fontinfo* info = file < 0 ? nullptr : file_info(app, infos, ready, static_cast<std::size_t>(file));
            const int glyph = info ? stbtt_FindGlyphIndex(info, static_cast<int>(d.cp)) : 0;
            if (glyph == 0) continue;  // no file of the face has it: ImGui would not have baked it either
            int advance = 0, lsb = 0;
            stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
            const float advance_px = std::round(static_cast<float>(advance) * stbtt_ScaleForPixelHeight(info, pixels));
            d.rect = atlas.AddCustomRectFontGlyph(f.imgui_faces[d.face], static_cast<ImWchar>(d.cp), f.slot_side,
                                                  f.slot_side, advance_px, ImVec2(0, 0));
            f.deferred_at[std::uint64_t{d.face} << 32 | d.cp] = kept;
            f.deferred[kept++] = d;
        }
        f.deferred.resize(kept);
        f.deferred_left = kept;
    }
    std::vector<int> ids;
    for (int s = 0; s < slots; ++s) ids.push_back(atlas.AddCustomRectRegular(f.slot_side, f.slot_side));
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    return ids;
}

int glyph_count() {
    int n = 0;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) n += font->Glyphs.Size;
    return n;
}

// Bakes the atlas for the current size and ratio (see the top of the file), uploads it.
void bake(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    const auto start = Clock::now();
    make_orders(app);
    compute_need(app);
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const double limit = static_cast<double>(f.max_side) * f.max_side * kPackedShare;
    std::size_t order_total = 0, need_total = 0;
    for (const auto& o : f.order) order_total += o.size();
    for (const auto& s : f.need) need_total += s.size();
    for (const auto& o : f.order)
        for (char32_t cp : o) need_total += always_baked(f, cp) ? 1 : 0;
    float pixels = f.size_css_px * device_pixel_ratio;
    auto glyph_texels = [&] { return static_cast<double>(f.area_per_px2) * pixels * pixels; };
    const std::size_t full_glyphs = full_glyph_count(app);
    bool partial = static_cast<double>(full_glyphs) * glyph_texels() > limit;
    std::vector<std::size_t> resident(f.faces.size(), 0);
    float bake_scale = 1.0f;
    std::vector<int> slot_ids;
    // Quick: ImGui rasterises the quick_glyphs most frequent glyphs (shared by the faces as their
    // orders are long); every other glyph gets a blank cell, drawn over the next frames.
    auto cell_texels = [&] { return std::pow(std::ceil(static_cast<double>(pixels)) + 2.0, 2.0); };
    bool quick = !partial && full_glyphs > f.quick_glyphs && static_cast<double>(full_glyphs) * cell_texels() <= limit;
    for (int attempt = 0; attempt < 6; ++attempt) {
        pixels = f.size_css_px * device_pixel_ratio * bake_scale;
        if (quick) {
            for (std::size_t i = 0; i < f.faces.size(); ++i)
                resident[i] = f.quick_glyphs * f.order[i].size() / std::max<std::size_t>(1, order_total);
            atlas.TexDesiredWidth = f.max_side;
            slot_ids = setup_atlas(app, pixels, &resident, 0, true);
            atlas.Build();
            if (atlas.TexHeight <= f.max_side) break;
            quick = false;  // the cells took more room than estimated: bake everything the usual way
        }
        // Slots: up to kSlots, at most a tenth of the glyphs the texture holds.
        const int slots = partial ? std::clamp(static_cast<int>(limit / glyph_texels() / 10.0), 16, kSlots) : 0;
        if (partial) {
            // The faces share what the slots and the glyphs on screen leave, in proportion to their orders.
            const double side = std::ceil(pixels) + 2.0;  // a slot with its padding
            const double slot_texels = static_cast<double>(slots) * side * side;
            const double room = std::max(0.0, (limit - slot_texels) / glyph_texels() - static_cast<double>(need_total));
            for (std::size_t i = 0; i < f.faces.size(); ++i)
                resident[i] = static_cast<std::size_t>(room * static_cast<double>(f.order[i].size()) /
                                                       static_cast<double>(std::max<std::size_t>(1, order_total)));
        }
        atlas.TexDesiredWidth = f.max_side;
        slot_ids = setup_atlas(app, pixels, partial ? &resident : nullptr, slots, false);
        if (!partial)
            atlas.TexDesiredWidth = static_cast<double>(full_glyphs) * glyph_texels() > 2048.0 * 2048.0 * 0.8 ? f.max_side
                                                                                                            : std::min(2048, f.max_side);
        atlas.Build();
        // Learn the real texels per glyph (slots aside) for the next estimate.
        const double used = static_cast<double>(atlas.TexWidth) * atlas.TexHeight -
                            static_cast<double>(slots) * (f.slot_side + 1.0) * (f.slot_side + 1.0);
        if (glyph_count() > 0)
            f.area_per_px2 = static_cast<float>(std::max(0.05, used / glyph_count() / (static_cast<double>(pixels) * pixels)));
        // A partial atlas far below the limit was estimated badly: once more with the learnt size.
        bool left_out = false;
        for (std::size_t i = 0; i < f.faces.size(); ++i) left_out = left_out || (partial && resident[i] < f.order[i].size());
        if (left_out && attempt == 0 && atlas.TexHeight < f.max_side * 3 / 4) continue;
        if (atlas.TexHeight <= f.max_side) break;
        if (!partial) {
            partial = true;
            continue;
        }
        bool any_resident = false;
        for (std::size_t r : resident) any_resident = any_resident || r > 0;
        if (any_resident && attempt < 3) continue;  // the learnt size gives a smaller share
        // Last resort: what is on screen alone does not fit at device pixels; bake it smaller.
        bake_scale *= 0.95f * std::sqrt(static_cast<float>(f.max_side) / static_cast<float>(atlas.TexHeight));
        std::fprintf(stderr, "folio: the glyphs on screen do not fit a %d px atlas at %.0f px; baking at %.2f scale\n",
                     f.max_side, static_cast<double>(f.size_css_px * device_pixel_ratio), static_cast<double>(bake_scale));
    }
    const double build_ms = ms_since(start);
    ImGui::GetIO().FontGlobalScale = 1.0f / (device_pixel_ratio * bake_scale);
    f.slots.clear();
    for (int id : slot_ids)
        if (const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id); r && r->IsPacked())
            f.slots.push_back({r->X, r->Y});
    f.atlas = platform_upload_font_atlas();
    f.atlas.build_ms = build_ms;
    f.atlas_scale = bake_scale;
    f.pixels = pixels;
    f.partial = partial;
    f.baked_for_ratio = device_pixel_ratio;
    f.baked_size = f.size_css_px;
    f.residency.total = order_total;
    f.residency.resident = 0;
    for (std::size_t i = 0; i < f.faces.size(); ++i)
        for (std::size_t k = 0; k < f.order[i].size(); ++k)
            f.residency.resident += !partial || quick || k < resident[i] || always_baked(f, f.order[i][k]) ? 1 : 0;
    f.residency.demand_glyphs = 0;
    f.residency.pending = 0;
}

// A glyph drawn into an atlas cell: its box relative to the pen (y from the baseline) and advance.
struct CellGlyph {
    int x0 = 0, y0 = 0, w = 0, h = 0;
    float advance = 0;
};

// Rasterises cp as face `face` draws it into the slot_side cell at (x, y) and uploads the cell;
// nothing when no file of the face has the glyph.
std::optional<CellGlyph> draw_cell(App& app, std::vector<stbtt_fontinfo>& infos, std::vector<bool>& ready,
                                   std::size_t face, char32_t cp, int x, int y) {
    FontState& f = app.font;
    const int file = source_file(app, face, cp);
    const stbtt_fontinfo* info = file < 0 ? nullptr : file_info(app, infos, ready, static_cast<std::size_t>(file));
    const int glyph = info ? stbtt_FindGlyphIndex(info, static_cast<int>(cp)) : 0;
    if (glyph == 0) return std::nullopt;
    const float scale = stbtt_ScaleForPixelHeight(info, f.pixels);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBox(info, glyph, scale, scale, &x0, &y0, &x1, &y1);
    const int side = f.slot_side, w = std::clamp(x1 - x0, 0, side), h = std::clamp(y1 - y0, 0, side);
    std::vector<unsigned char> cell(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 0);
    if (w > 0 && h > 0) stbtt_MakeGlyphBitmap(info, cell.data(), w, h, side, scale, scale, glyph);
    platform_update_font_atlas(x, y, side, side, cell.data());  // the whole cell: no stale texels
    int advance = 0, lsb = 0;
    stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
    return CellGlyph{x0, y0, w, h, static_cast<float>(advance) * scale};
}

// Where ImGui's own build would put a cell glyph: y below the top of the line, UVs in the atlas.
void place_glyph(const ImFont& font, const CellGlyph& g, int x, int y, ImFontGlyph& out) {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const float off_y = std::floor(font.Ascent + 0.5f);
    const float u = 1.0f / static_cast<float>(atlas.TexWidth), v = 1.0f / static_cast<float>(atlas.TexHeight);
    out.X0 = static_cast<float>(g.x0);
    out.Y0 = static_cast<float>(g.y0) + off_y;
    out.X1 = static_cast<float>(g.x0 + g.w);
    out.Y1 = static_cast<float>(g.y0 + g.h) + off_y;
    out.U0 = static_cast<float>(x) * u;
    out.V0 = static_cast<float>(y) * v;
    out.U1 = static_cast<float>(x + g.w) * u;
    out.V1 = static_cast<float>(y + g.h) * v;
    out.Visible = g.w > 0 && g.h > 0;
}

// Rasterises cp for face `face` into `slot` and adds it to the face's ImFont. The font's lookup
// table must be rebuilt afterwards. Returns false when no file of the face has the glyph.
bool rasterise(App& app, std::vector<stbtt_fontinfo>& infos, std::vector<bool>& ready, GlyphSlot& slot,
               std::size_t face, char32_t cp) {
    FontState& f = app.font;
    const auto drawn = draw_cell(app, infos, ready, face, cp, slot.x, slot.y);
    if (!drawn) return false;
    // Evict the slot's previous glyph, then place the new one as ImGui's own build would.
    if (slot.face >= 0) {
        ImFont* old = f.imgui_faces[static_cast<std::size_t>(slot.face)];
        for (int g = 0; g < old->Glyphs.Size; ++g)
            if (old->Glyphs[g].Codepoint == slot.cp) {
                old->Glyphs.erase(old->Glyphs.Data + g);
                break;
            }
    }
    ImFont* font = f.imgui_faces[face];
    if (!font->Glyphs.empty() && font->Glyphs.back().Codepoint == '\t') font->Glyphs.pop_back();  // remade by BuildLookupTable
    ImFontGlyph placed{};
    place_glyph(*font, *drawn, slot.x, slot.y, placed);
    font->AddGlyph(font->ConfigData, static_cast<ImWchar>(cp), placed.X0, placed.Y0, placed.X1, placed.Y1, placed.U0,
                   placed.V0, placed.U1, placed.V1, drawn->advance);
    slot.face = static_cast<int>(face);
    slot.cp = cp;
    return true;
}

// Draws deferred glyph d into its cell and gives its placeholder the real box.
void draw_deferred(App& app, std::vector<stbtt_fontinfo>& infos, std::vector<bool>& ready, DeferredGlyph& d) {
    FontState& f = app.font;
    d.drawn = true;
    --f.deferred_left;
    const ImFontAtlasCustomRect* r = ImGui::GetIO().Fonts->GetCustomRectByIndex(d.rect);
    ImFont* font = f.imgui_faces[d.face];
    auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(d.cp)));
    if (!r || !r->IsPacked() || !glyph) return;
    if (const auto drawn = draw_cell(app, infos, ready, d.face, d.cp, r->X, r->Y)) place_glyph(*font, *drawn, r->X, r->Y, *glyph);
}

// Draws deferred glyphs for about budget_ms (all of them when 0): those on screen first, then the
// rest in frequency order.
void fill_deferred(App& app, double budget_ms) {
    FontState& f = app.font;
    if (f.deferred_left == 0) return;
    const auto start = Clock::now();
    std::vector<stbtt_fontinfo> infos(f.faces.size() + 1);
    std::vector<bool> ready(f.faces.size() + 1, false);
    auto out_of_time = [&] { return budget_ms > 0 && ms_since(start) > budget_ms; };
    compute_need(app);
    for (std::size_t i = 0; i < f.need.size(); ++i)
        for (char32_t cp : f.need[i]) {
            DeferredGlyph* d = blank_deferred(f, i, cp);
            if (!d) continue;
            if (out_of_time()) return;
            draw_deferred(app, infos, ready, *d);
        }
    for (; f.deferred_next < f.deferred.size() && !out_of_time(); ++f.deferred_next)
        if (!f.deferred[f.deferred_next].drawn) draw_deferred(app, infos, ready, f.deferred[f.deferred_next]);
}

// Brings in the glyphs on screen that the atlas lacks: into slots within the frame's budget (all of
// them when budget_ms is 0), or by baking again when the slots cannot hold them.
void demand_glyphs(App& app, float device_pixel_ratio, double budget_ms) {
    FontState& f = app.font;
    const auto start = Clock::now();
    std::vector<std::pair<std::size_t, char32_t>> missing;
    for (std::size_t i = 0; i < f.need.size() && i < f.imgui_faces.size(); ++i)
        for (char32_t cp : f.need[i])
            if (!f.imgui_faces[i]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) && source_file(app, i, cp) >= 0)
                missing.emplace_back(i, cp);
    for (auto& slot : f.slots)
        if (slot.face >= 0 && f.need[static_cast<std::size_t>(slot.face)].count(slot.cp)) slot.used = f.need_generation;
    f.residency.pending = missing.size();
    if (missing.empty()) return;
    std::vector<GlyphSlot*> free;
    for (auto& slot : f.slots)
        if (slot.face < 0 || slot.used != f.need_generation) free.push_back(&slot);
    if (free.size() < missing.size()) {
        bake(app, device_pixel_ratio);  // what is on screen is baked in
        ++f.residency.rebuilds;
        f.residency.rebuild_ms = ms_since(start);
        return;
    }
    std::stable_sort(free.begin(), free.end(), [](const GlyphSlot* a, const GlyphSlot* b) {
        return (a->face < 0) != (b->face < 0) ? a->face < 0 : a->used < b->used;
    });
    std::vector<stbtt_fontinfo> infos(f.faces.size() + 1);
    std::vector<bool> ready(f.faces.size() + 1, false);
    std::size_t done = 0;
    for (const auto& [face, cp] : missing) {
        if (budget_ms > 0 && ms_since(start) > budget_ms) break;
        GlyphSlot& slot = *free[done];
        if (rasterise(app, infos, ready, slot, face, cp)) {
            slot.used = f.need_generation;
            ++done;
        }
    }
    for (ImFont* font : f.imgui_faces) font->BuildLookupTable();
    f.residency.demand_glyphs += done;
    f.residency.pending = missing.size() - done;
    f.residency.demand_ms = std::max(f.residency.demand_ms, ms_since(start));
}

}  // namespace

// Ctrl/Cmd + '+' / '-' / '0' change the text size, as in a browser.
void font_size_keys(FontState& f) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!(io.KeyCtrl || io.KeySuper)) return;
    if (ImGui::IsKeyPressed(kKeyEquals) || ImGui::IsKeyPressed(kKeyPadPlus)) font_size_step(f, 1);
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeyPadMinus)) font_size_step(f, -1);
    if (ImGui::IsKeyPressed(kKey0)) font_size_set(f, kDefaultFontSize);
}

void fonts_update(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    // The backend makes its own texture on the first frame; ours must come after it.
    if (!f.loaded || f.faces.empty() || ImGui::GetFrameCount() == 0) return;
    if (f.baked_for_ratio == 0.0f) {  // first bake: the size the reader chose last time
        if (const float saved = std::strtof(platform_load_setting("fontSize").c_str(), nullptr); saved > 0.0f) {
            font_size_set(f, saved);
            f.size_saved = true;
        }
    }
    if (!f.size_saved) {
        char text[16];
        std::snprintf(text, sizeof text, "%.0f", static_cast<double>(f.size_css_px));
        platform_save_setting("fontSize", text);
        f.size_saved = true;
    }
    if (f.baked_for_ratio != device_pixel_ratio || f.baked_size != f.size_css_px) {
        bake(app, device_pixel_ratio);
        return;
    }
    if (f.partial) {
        compute_need(app);
        demand_glyphs(app, device_pixel_ratio, kDemandBudgetMs);
    }
    fill_deferred(app, kDemandBudgetMs);
}

ImFont* post_font(const App& app, std::size_t post) {
    const auto& faces = app.font.imgui_faces;
    const std::size_t face = post < app.catalog.faces.size() ? app.catalog.faces[post] : 0;
    if (face < faces.size()) return faces[face];
    return ImGui::GetFont();
}

std::string glyph_check_json(const App& app) {
    std::string out = "[";
    for (std::size_t i = 0; i < app.font.imgui_faces.size() && i < app.manifest.fonts.size(); ++i) {
        const ImFont* font = app.font.imgui_faces[i];
        std::size_t checked = 0, missing = 0;
        std::string examples;
        auto check = [&](const std::vector<CodepointRange>& ranges) {
            for (const auto& r : ranges)
                for (std::uint32_t cp = r.first; cp <= r.last; ++cp, ++checked) {
                    if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) && !blank_deferred(app.font, i, cp)) continue;
                    if (missing++ < 10) examples += (examples.empty() ? "" : ",") + std::to_string(cp);
                }
        };
        check(app.manifest.fonts[i].codepoints);
        check(app.manifest.fallback.codepoints);
        out += std::string(i ? "," : "") + "{\"face\":\"" + app.manifest.fonts[i].name + "\",\"checked\":" +
               std::to_string(checked) + ",\"missing\":" + std::to_string(missing) + ",\"examples\":[" + examples +
               "],\"partial\":" + (app.font.partial ? "true" : "false") + "}";
    }
    return out + "]";
}

std::string glyph_draw_check_json(App& app, std::size_t face, std::string_view text) {
    FontState& f = app.font;
    if (face >= f.imgui_faces.size()) return "{\"error\":\"no such face\"}";
    std::set<char32_t> cps;
    add_codepoints(cps, text);
    cps.erase('\n');
    cps.erase('\t');
    if (f.partial || f.deferred_left > 0) {  // as if the text were on screen: bring its glyphs in first
        compute_need(app);
        f.need[face].insert(cps.begin(), cps.end());
        if (f.partial) demand_glyphs(app, f.baked_for_ratio, 0);
        std::vector<stbtt_fontinfo> infos(f.faces.size() + 1);
        std::vector<bool> ready(f.faces.size() + 1, false);
        for (char32_t cp : cps)
            if (DeferredGlyph* d = blank_deferred(f, face, cp)) draw_deferred(app, infos, ready, *d);
        f.need_key.clear();  // the next frame recomputes what is really on screen
    }
    const ImFont* font = f.imgui_faces[face];
    std::size_t covered_fallback = 0;
    std::string covered_examples, uncovered;
    for (char32_t cp : cps) {
        // What ImGui draws for cp: its glyph, or the font's fallback glyph.
        const ImFontGlyph* drawn = font->FindGlyph(static_cast<ImWchar>(cp));
        const bool fell_back = drawn == font->FallbackGlyph && cp != font->FallbackChar;
        if (!fell_back) continue;
        const std::string n = std::to_string(cp);
        if (source_file(app, face, cp) >= 0) {
            if (covered_fallback++ < 10) covered_examples += (covered_examples.empty() ? "" : ",") + n;
        } else {
            uncovered += (uncovered.empty() ? "" : ",") + n;
        }
    }
    const ImFontGlyph* replacement = font->FallbackGlyph;
    return "{\"checked\":" + std::to_string(cps.size()) + ",\"covered_fallback\":" + std::to_string(covered_fallback) +
           ",\"covered_examples\":[" + covered_examples + "],\"uncovered\":[" + uncovered + "],\"replacement\":" +
           std::to_string(font->FallbackChar) + ",\"replacement_visible\":" +
           (replacement && replacement->Visible ? "true" : "false") + "}";
}

void font_size_set(FontState& f, float css_px) {
    const float size = std::clamp(std::round(css_px), 11.0f, 35.0f);
    if (size == f.size_css_px) return;
    f.size_css_px = size;
    f.size_saved = false;
}

void font_size_step(FontState& f, int steps) { font_size_set(f, f.size_css_px + 2.0f * static_cast<float>(steps)); }

}  // namespace folio

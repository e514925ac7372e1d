// The glyph atlas: one ImFont per face, baked at device pixels within max_side x max_side texels,
// as folio/glyph_plan.h plans it. Only ImGui and stb_truetype calls live here: adding the fonts,
// packing, laying out blank cells, rasterising single glyphs into cells and placing them.
#include "font_atlas.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <imstb_truetype.h>

#include "platform.h"

namespace folio {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// The stb_truetype view of each font slice (faces, then the fallback), set up on first use.
class StbFiles {
public:
    explicit StbFiles(FontState& f) : f_(f) {}
    // The slice of `file` holding cp (its first when cp is none of the file's); null before it arrives.
    const stbtt_fontinfo* get(int file, char32_t cp) {
        if (file < 0) return nullptr;
        const auto k = static_cast<std::size_t>(file);
        const int at = glyph_slice(f_.sources, k, cp);
        const auto slice = static_cast<std::size_t>(std::max(at, 0));
        const FontFile& font = k < f_.faces.size() ? f_.faces[k] : f_.fallback;
        if (slice >= font.slices.size() || font.slices[slice].empty()) return nullptr;
        const auto key = std::make_pair(k, slice);
        if (const auto it = infos_.find(key); it != infos_.end()) return it->second ? &*it->second : nullptr;
        const auto* data = reinterpret_cast<const unsigned char*>(font.slices[slice].data());
        std::optional<stbtt_fontinfo> info(std::in_place);
        if (!stbtt_InitFont(&*info, data, stbtt_GetFontOffsetForIndex(data, 0))) info.reset();
        const auto& kept = infos_.emplace(key, info).first->second;
        return kept ? &*kept : nullptr;
    }

private:
    FontState& f_;
    std::map<std::pair<std::size_t, std::size_t>, std::optional<stbtt_fontinfo>> infos_;
};

// ImGui's zero-terminated range pairs, kept in bake_ranges as long as the atlas.
const ImWchar* imgui_ranges(FontState& f, const std::vector<CodepointRange>& ranges) {
    std::vector<ImWchar> out;
    for (const auto& r : ranges) out.insert(out.end(), {static_cast<ImWchar>(r.first), static_cast<ImWchar>(r.last)});
    out.push_back(0);
    f.bake_ranges.push_back(std::move(out));
    return f.bake_ranges.back().data();
}

// One ImFont per face: its own file, then the fallback and (for the UI face) the other faces merged
// in, each file as the slices that have arrived.
void add_fonts(FontState& f, float pixels, const std::vector<FaceBake>& plan) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in FontState
    // Glyphs are baked at device pixels and drawn 1:1, so no oversampling is needed.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFontConfig merge = config;
    merge.MergeMode = true;
    const std::size_t n = f.faces.size();
    // Adds file's slices that arrived, for ranges; the first one (its first slice, always added when
    // `own`) makes the face's ImFont, the rest merge into it.
    const auto add_file = [&](std::size_t file, const std::vector<CodepointRange>& ranges, bool own) {
        FontFile& font = file < n ? f.faces[file] : f.fallback;
        const auto by_slice = ranges_by_slice(f.sources, file, ranges);
        ImFont* made = nullptr;
        for (std::size_t k = 0; k < by_slice.size() && k < font.slices.size(); ++k) {
            std::string& bytes = font.slices[k];
            if (bytes.empty() || (by_slice[k].empty() && !(own && k == 0))) continue;
            ImFont* added = atlas.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), pixels,
                                                       own && !made ? &config : &merge, imgui_ranges(f, by_slice[k]));
            if (!made) made = added;
        }
        return made;
    };
    for (std::size_t i = 0; i < n; ++i) {
        ImFont* font = add_file(i, plan[i].from_file[i], true);
        if (!plan[i].from_file[n].empty()) add_file(n, plan[i].from_file[n], false);
        for (std::size_t g = 0; g < n; ++g)
            if (g != i && !plan[i].from_file[g].empty()) add_file(g, plan[i].from_file[g], false);
        f.imgui_faces.push_back(font);
    }
}

// The advance a glyph waiting for its slice is laid out with, device pixels: that of 中 (wide) or of
// n (narrow) in the face's first slice.
float waiting_advance(const FontState& f, std::size_t face, char32_t cp) {
    const auto& v = wide_codepoint(cp) ? f.wide_advance : f.narrow_advance;
    return face < v.size() ? v[face] : f.pixels;
}

void measure_advances(FontState& f, float pixels) {
    StbFiles files(f);
    f.wide_advance.clear();
    f.narrow_advance.clear();
    for (std::size_t i = 0; i < f.faces.size(); ++i)
        for (const auto& [cp, out, share] : {std::tuple{U'中', &f.wide_advance, 1.0f}, std::tuple{U'n', &f.narrow_advance, 0.55f}}) {
            const stbtt_fontinfo* info = files.get(glyph_source_file(f.sources, i, cp), cp);
            const int glyph = info ? stbtt_FindGlyphIndex(info, static_cast<int>(cp)) : 0;
            int advance = 0, lsb = 0;
            if (glyph) stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
            out->push_back(glyph ? std::round(static_cast<float>(advance) * stbtt_ScaleForPixelHeight(info, pixels))
                                 : std::round(pixels * share));
        }
}

// A blank cell (with the glyph's advance) for every glyph a quick bake left out that a file has,
// and for every glyph waiting for its slice (drawn as a placeholder once the atlas is built).
void lay_out_deferred(FontState& f, float pixels, const std::vector<FaceBake>& plan) {
    std::vector<CodepointSet> left;
    for (const FaceBake& face : plan) {
        left.push_back(face.left);
        left.back().insert(face.waiting.begin(), face.waiting.end());
    }
    StbFiles files(f);
    std::vector<DeferredGlyph> kept;
    for (DeferredGlyph d : order_deferred(f.sources, std::move(left))) {
        float advance_px = 0;
        if (d.waiting) {
            advance_px = waiting_advance(f, d.face, d.cp);
        } else {
            const int file = glyph_source_file(f.sources, d.face, d.cp);
            const stbtt_fontinfo* info = files.get(file, d.cp);
            const int glyph = info ? stbtt_FindGlyphIndex(info, static_cast<int>(d.cp)) : 0;
            if (glyph == 0) continue;  // no file of the face has it: ImGui would not have baked it either
            int advance = 0, lsb = 0;
            stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
            advance_px = std::round(static_cast<float>(advance) * stbtt_ScaleForPixelHeight(info, pixels));
        }
        d.rect = ImGui::GetIO().Fonts->AddCustomRectFontGlyph(f.imgui_faces[d.face], static_cast<ImWchar>(d.cp),
                                                               f.slot_side, f.slot_side, advance_px, ImVec2(0, 0));
        kept.push_back(d);
    }
    f.deferred.reset(std::move(kept));
}

// The custom rectangles an attempt reserves: on-demand slots and the browser's cells.
struct ReservedCells {
    std::vector<int> slots, browser;
    int placeholder = -1;
};

// Sets up the atlas for one attempt; returns the reserved rectangles' ids (Build() packs them).
ReservedCells setup_atlas(FontState& f, const AtlasAttempt& a) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    atlas.TexDesiredWidth = a.width;
    f.imgui_faces.clear();
    f.bake_ranges.clear();
    f.deferred.reset({});
    const auto plan = plan_bake(f.sources, a.every ? nullptr : &a.resident, f.need, a.defer);
    add_fonts(f, a.pixels, plan);
    f.slot_side = a.slot_side;
    measure_advances(f, a.pixels);
    const bool waiting = std::any_of(plan.begin(), plan.end(), [](const FaceBake& b) { return !b.waiting.empty(); });
    if (a.defer || waiting) lay_out_deferred(f, a.pixels, plan);
    ReservedCells ids;
    ids.placeholder = atlas.AddCustomRectRegular(f.slot_side, f.slot_side);
    for (int s = 0; s < a.slots; ++s) ids.slots.push_back(atlas.AddCustomRectRegular(f.slot_side, f.slot_side));
    const int side = browser_cell_side(a.pixels);
    for (int c = 0; c < a.browser_cells; ++c) ids.browser.push_back(atlas.AddCustomRectRegular(side, side));
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    return ids;
}

int glyph_count() {
    int n = 0;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) n += font->Glyphs.Size;
    return n;
}

AtlasInputs atlas_inputs(const FontState& f, float device_pixel_ratio) {
    AtlasInputs in;
    in.pixels = f.size_css_px * device_pixel_ratio;
    in.max_side = f.max_side;
    in.quick_glyphs = f.quick_glyphs;
    in.area_per_px2 = f.area_per_px2;
    in.full_glyphs = full_glyph_count(f.sources);
    for (const auto& order : f.sources.order) in.order_sizes.push_back(order.size());
    in.need_total = need_total(f.sources, f.need);
    return in;
}

// A glyph drawn into an atlas cell: its box relative to the pen (y from the baseline) and advance.
struct CellGlyph {
    int x0 = 0, y0 = 0, w = 0, h = 0;
    float advance = 0;
};

// Rasterises cp as face `face` draws it into the slot_side cell at (x, y) and uploads the cell;
// nothing when no file of the face has the glyph.
std::optional<CellGlyph> draw_cell(FontState& f, StbFiles& files, std::size_t face, char32_t cp, int x, int y) {
    const stbtt_fontinfo* info = files.get(glyph_source_file(f.sources, face, cp), cp);
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

// Takes cp's glyph out of font (an evicted cell's); the lookup table must be rebuilt afterwards.
void erase_glyph(ImFont& font, char32_t cp) {
    for (int g = 0; g < font.Glyphs.Size; ++g)
        if (font.Glyphs[g].Codepoint == cp) {
            font.Glyphs.erase(font.Glyphs.Data + g);
            return;
        }
}

// Adds a glyph drawn into the cell at (x, y) to font, placed as ImGui's own build would; colour ones
// are drawn untinted. The lookup table must be rebuilt afterwards.
void add_cell_glyph(ImFont& font, char32_t cp, const CellGlyph& g, int x, int y, bool colour = false) {
    if (!font.Glyphs.empty() && font.Glyphs.back().Codepoint == '\t') font.Glyphs.pop_back();  // remade by BuildLookupTable
    ImFontGlyph placed{};
    place_glyph(font, g, x, y, placed);
    font.AddGlyph(font.ConfigData, static_cast<ImWchar>(cp), placed.X0, placed.Y0, placed.X1, placed.Y1, placed.U0,
                  placed.V0, placed.U1, placed.V1, g.advance);
    font.Glyphs.back().Colored = colour;
}

// Rasterises cp for face `face` into `slot` and adds it to the face's ImFont. The font's lookup
// table must be rebuilt afterwards. Returns false when no file of the face has the glyph.
bool rasterise(FontState& f, StbFiles& files, GlyphSlot& slot, std::size_t face, char32_t cp) {
    const auto drawn = draw_cell(f, files, face, cp, slot.x, slot.y);
    if (!drawn) return false;
    if (slot.face >= 0) erase_glyph(*f.imgui_faces[static_cast<std::size_t>(slot.face)], slot.cp);
    add_cell_glyph(*f.imgui_faces[face], cp, *drawn, slot.x, slot.y);
    slot.face = static_cast<int>(face);
    slot.cp = cp;
    return true;
}

// Draws deferred glyph `index` into its cell and gives its placeholder the real box and advance
// (a glyph that waited for its slice had a guessed one); returns whether the advance changed.
bool draw_deferred(FontState& f, StbFiles& files, std::size_t index) {
    if (f.deferred.glyphs[index].waiting) return false;
    f.deferred.mark_drawn(index);
    const DeferredGlyph& d = f.deferred.glyphs[index];
    const ImFontAtlasCustomRect* r = ImGui::GetIO().Fonts->GetCustomRectByIndex(d.rect);
    ImFont* font = f.imgui_faces[d.face];
    auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(d.cp)));
    if (!r || !r->IsPacked() || !glyph) return false;
    const auto drawn = draw_cell(f, files, d.face, d.cp, r->X, r->Y);
    if (!drawn) return false;
    place_glyph(*font, *drawn, r->X, r->Y, *glyph);
    const float advance = std::round(drawn->advance);
    if (glyph->AdvanceX == advance) return false;
    glyph->AdvanceX = advance;
    if (static_cast<int>(d.cp) < font->IndexAdvanceX.Size) font->IndexAdvanceX[static_cast<int>(d.cp)] = advance;
    return true;
}

// The light box glyphs waiting for their slice are drawn with: where it lies in the cell.
CellGlyph placeholder_box(const FontState& f, float advance) {
    const float em = f.wide_advance.empty() ? f.pixels : f.wide_advance[0];
    const int w = std::max(1, static_cast<int>(std::round(advance * 0.8f)));
    const int h = std::max(1, static_cast<int>(std::round(em * 0.8f)));
    return {static_cast<int>(std::round(advance * 0.1f)), -static_cast<int>(std::round(em * 0.82f)),
            std::min(w, f.slot_side), std::min(h, f.slot_side), advance};
}

// Fills the placeholder cell (a faint even tone: the box is stretched over it) and points every
// glyph waiting for its slice at it.
void show_placeholders(FontState& f, int rect) {
    const ImFontAtlasCustomRect* r = ImGui::GetIO().Fonts->GetCustomRectByIndex(rect);
    f.placeholder_x = -1;
    if (!r || !r->IsPacked()) return;
    f.placeholder_x = r->X;
    f.placeholder_y = r->Y;
    const auto side = static_cast<std::size_t>(f.slot_side);
    std::vector<unsigned char> cell(side * side, 0);
    for (std::size_t y = 0; y + 1 < side; ++y)
        for (std::size_t x = 0; x + 1 < side; ++x) cell[y * side + x] = 44;
    platform_update_font_atlas(r->X, r->Y, f.slot_side, f.slot_side, cell.data());
    for (const DeferredGlyph& d : f.deferred.glyphs) {
        if (!d.waiting) continue;
        ImFont* font = f.imgui_faces[d.face];
        if (auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(d.cp))))
            place_glyph(*font, placeholder_box(f, glyph->AdvanceX), f.placeholder_x, f.placeholder_y, *glyph);
    }
}

// The em of the UI face's file at `pixels`: ImGui sizes glyphs by ascent - descent, browsers by the em.
float browser_em(FontState& f, float pixels) {
    StbFiles files(f);
    const stbtt_fontinfo* info = files.get(0, U' ');
    if (!info) return pixels;
    return pixels * stbtt_ScaleForPixelHeight(info, 1.0f) / stbtt_ScaleForMappingEmToPixels(info, 1.0f);
}

// Calls fn with each face whose files lack cp: the browser's glyph serves those.
template <class Fn>
void for_faces_lacking(FontState& f, char32_t cp, Fn fn) {
    for (std::size_t i = 0; i < f.imgui_faces.size(); ++i)
        if (glyph_source_file(f.sources, i, cp) < 0) fn(*f.imgui_faces[i]);
}

// Puts the browser's picture of cp into browser cell k (the rest of the cell cleared), in colour when
// it has colours, and gives the faces that lack cp its glyph; the cell's previous glyph goes.
void place_browser_glyph(FontState& f, std::size_t k, char32_t cp, const BrowserGlyphImage& image) {
    BrowserGlyphs& b = f.browser;
    if (const char32_t old = b.place(k, cp, f.need_generation))
        for_faces_lacking(f, old, [&](ImFont& font) { erase_glyph(font, old); });
    const BrowserCell& cell = b.cells[k];
    const auto side = static_cast<std::size_t>(b.side);
    const auto w = static_cast<std::size_t>(image.w);
    const std::size_t channels = image.colour ? 4 : 1;
    std::vector<unsigned char> texels(side * side * channels, 0);
    for (std::size_t y = 0; y < static_cast<std::size_t>(image.h); ++y)
        for (std::size_t x = 0; x < w; ++x)
            for (std::size_t c = 0; c < channels; ++c)  // one channel: the alpha (coverage)
                texels[(y * side + x) * channels + c] = image.rgba[(y * w + x) * 4 + (channels == 4 ? c : 3)];
    b.colour = b.colour || image.colour;
    if (image.colour) platform_update_font_atlas_rgba(cell.x, cell.y, b.side, b.side, texels.data());
    else platform_update_font_atlas(cell.x, cell.y, b.side, b.side, texels.data());
    const CellGlyph g{image.x0, image.y0, image.w, image.h, image.advance};
    for_faces_lacking(f, cp, [&](ImFont& font) { add_cell_glyph(font, cp, g, cell.x, cell.y, image.colour); });
}

}  // namespace

void atlas_bake(App& app, float device_pixel_ratio) {
    FontState& f = app.font;
    const auto start = Clock::now();
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    AtlasPlanner planner(atlas_inputs(f, device_pixel_ratio));
    ReservedCells reserved;
    for (;;) {
        reserved = setup_atlas(f, planner.next());
        atlas.Build();
        const AtlasVerdict verdict = planner.judge(atlas.TexWidth, atlas.TexHeight, glyph_count());
        if (verdict == AtlasVerdict::Keep) break;
        if (verdict == AtlasVerdict::Smaller)
            std::fprintf(stderr, "folio: the glyphs on screen do not fit a %d px atlas at %.0f px; baking at %.2f scale\n",
                         f.max_side, static_cast<double>(f.size_css_px * device_pixel_ratio),
                         static_cast<double>(planner.next().scale));
    }
    const AtlasAttempt& built = planner.next();
    const double build_ms = ms_since(start);
    ImGui::GetIO().FontGlobalScale = 1.0f / (device_pixel_ratio * built.scale);
    f.slots.clear();
    for (int id : reserved.slots)
        if (const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id); r && r->IsPacked())
            f.slots.push_back({r->X, r->Y});
    std::vector<BrowserCell> cells;
    for (int id : reserved.browser)
        if (const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id); r && r->IsPacked())
            cells.push_back({r->X, r->Y});
    f.browser.reset(std::move(cells), browser_cell_side(built.pixels));
    f.browser_em = browser_em(f, built.pixels);
    f.pixels = built.pixels;
    f.placeholders.clear();
    f.atlas = platform_upload_font_atlas();
    show_placeholders(f, reserved.placeholder);
    f.atlas.build_ms = build_ms;
    f.area_per_px2 = planner.area_per_px2();
    f.atlas_scale = built.scale;
    f.pixels = built.pixels;
    f.partial = built.partial;
    f.baked_for_ratio = device_pixel_ratio;
    f.baked_size = f.size_css_px;
    f.residency.total = 0;
    for (const auto& order : f.sources.order) f.residency.total += order.size();
    f.residency.resident = planner.resident_count(f.sources);
    f.residency.demand_glyphs = 0;
    f.residency.pending = 0;
}

namespace {

// A glyph whose slice has not arrived, drawn as the light box (no slot) until it does.
bool add_placeholder(FontState& f, std::size_t face, char32_t cp) {
    if (f.placeholder_x < 0) return false;
    add_cell_glyph(*f.imgui_faces[face], cp, placeholder_box(f, waiting_advance(f, face, cp)), f.placeholder_x,
                   f.placeholder_y);
    f.placeholders.insert({face, cp});
    return true;
}

}  // namespace

void atlas_slices_arrived(App& app) {
    FontState& f = app.font;
    if (f.imgui_faces.empty()) return;
    // Names (authors, tags, sites) are drawn without being asked for (always_baked): a name's glyph
    // that waited as a box is drawn now, not between frames where no frame would show it.
    StbFiles files(f);
    for (const std::size_t index : f.deferred.slices_arrived(f.sources))
        if (f.sources.dictionary.count(f.deferred.glyphs[index].cp)) draw_deferred(f, files, index);
    bool erased = false;
    for (auto it = f.placeholders.begin(); it != f.placeholders.end();) {
        if (!glyph_at_hand(f.sources, it->first, it->second)) { ++it; continue; }
        erase_glyph(*f.imgui_faces[it->first], it->second);  // atlas_demand draws it into a slot
        it = f.placeholders.erase(it);
        erased = true;
    }
    if (erased)
        for (ImFont* font : f.imgui_faces) font->BuildLookupTable();
}

void atlas_demand(App& app, float device_pixel_ratio, double budget_ms) {
    FontState& f = app.font;
    const auto start = Clock::now();
    std::vector<std::pair<std::size_t, char32_t>> missing;
    bool placed = false;
    for (std::size_t i = 0; i < f.need.size() && i < f.imgui_faces.size(); ++i)
        for (char32_t cp : f.need[i]) {
            if (f.imgui_faces[i]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) || glyph_source_file(f.sources, i, cp) < 0)
                continue;
            if (glyph_at_hand(f.sources, i, cp)) missing.emplace_back(i, cp);
            else placed = add_placeholder(f, i, cp) || placed;  // until its slice arrives
        }
    if (placed)
        for (ImFont* font : f.imgui_faces) font->BuildLookupTable();
    const std::vector<std::size_t> free = reusable_slots(f.slots, f.need, f.need_generation);
    f.residency.pending = missing.size();
    if (missing.empty()) return;
    if (free.size() < missing.size()) {
        atlas_bake(app, device_pixel_ratio);  // what is on screen is baked in
        ++f.residency.rebuilds;
        f.residency.rebuild_ms = ms_since(start);
        return;
    }
    StbFiles files(f);
    std::size_t done = 0, tried = 0;
    for (const auto& [face, cp] : missing) {
        if (budget_ms > 0 && ms_since(start) > budget_ms) break;
        ++tried;
        GlyphSlot& slot = f.slots[free[done]];
        if (rasterise(f, files, slot, face, cp)) {
            slot.used = f.need_generation;
            ++done;
        }
    }
    for (ImFont* font : f.imgui_faces) font->BuildLookupTable();
    f.residency.demand_glyphs += done;
    // Left for lack of time (frames go on for them); a glyph its file turns out not to have is not counted.
    f.residency.pending = missing.size() - tried;
    f.residency.demand_ms = std::max(f.residency.demand_ms, ms_since(start));
}

void atlas_fill(App& app, double budget_ms, bool on_screen_only) {
    FontState& f = app.font;
    if (f.deferred.left == 0) return;
    const auto start = Clock::now();
    StbFiles files(f);
    const auto out_of_time = [&] { return budget_ms > 0 && ms_since(start) > budget_ms; };
    for (const std::size_t index : f.deferred.blank_on_screen(f.need)) {
        if (out_of_time()) return;
        draw_deferred(f, files, index);
    }
    if (on_screen_only) return;
    for (; f.deferred.next < f.deferred.glyphs.size() && !out_of_time(); ++f.deferred.next)
        if (!f.deferred.glyphs[f.deferred.next].drawn) draw_deferred(f, files, f.deferred.next);
}

void atlas_fill_now(App& app, std::size_t face, const CodepointSet& cps) {
    FontState& f = app.font;
    StbFiles files(f);
    for (char32_t cp : cps)
        if (const DeferredGlyph* d = f.deferred.blank(face, cp))
            draw_deferred(f, files, static_cast<std::size_t>(d - f.deferred.glyphs.data()));
}

void atlas_browser(App& app, double budget_ms) {
    FontState& f = app.font;
    BrowserGlyphs& b = f.browser;
    b.pending = 0;
    if (!f.browser_on || f.imgui_faces.empty()) return;
    const CodepointSet need = browser_need(f.sources, f.need);
    const std::vector<char32_t> todo = b.to_draw(need);
    if (todo.empty()) return;
    const auto start = Clock::now();
    const std::vector<std::size_t> free = b.reusable(need, f.need_generation);
    std::size_t used = 0, done = 0;
    bool added = false;
    for (; done < todo.size() && !(budget_ms > 0 && ms_since(start) > budget_ms); ++done) {
        const char32_t cp = todo[done];
        if (used == free.size()) {  // every cell holds a glyph on screen
            b.verdict[cp] = BrowserVerdict::NoRoom;
            continue;
        }
        const BrowserGlyphImage image = platform_browser_glyph(cp, f.browser_em, b.side);
        if (!image.drawable) {
            b.verdict[cp] = BrowserVerdict::Missing;
        } else if (image.w == 0 || image.h == 0) {  // drawn as nothing: an invisible glyph with its advance
            b.verdict[cp] = BrowserVerdict::Blank;
            for_faces_lacking(f, cp, [&](ImFont& font) { add_cell_glyph(font, cp, CellGlyph{0, 0, 0, 0, image.advance}, 0, 0); });
            added = true;
        } else {
            place_browser_glyph(f, free[used++], cp, image);
            added = true;
        }
    }
    b.pending = todo.size() - done;
    if (added)
        for (ImFont* font : f.imgui_faces) font->BuildLookupTable();
}

FontMetrics font_metrics(std::string_view bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    stbtt_fontinfo info;
    if (bytes.empty() || !stbtt_InitFont(&info, data, stbtt_GetFontOffsetForIndex(data, 0))) return {};
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
    const float per_em = stbtt_ScaleForMappingEmToPixels(&info, 1.0f);
    return {stbtt_ScaleForPixelHeight(&info, 1.0f) / per_em, static_cast<float>(ascent) * per_em, static_cast<float>(-descent) * per_em};
}

}  // namespace folio

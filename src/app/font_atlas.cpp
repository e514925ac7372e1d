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

// The stb_truetype view of each font file (faces, then the fallback), set up on first use.
class StbFiles {
public:
    explicit StbFiles(FontState& f) : f_(f), infos_(f.faces.size() + 1), ready_(f.faces.size() + 1, false) {}
    const stbtt_fontinfo* get(int file) {
        if (file < 0) return nullptr;
        const auto k = static_cast<std::size_t>(file);
        const FontFile& bytes = k < f_.faces.size() ? f_.faces[k] : f_.fallback;
        const auto* data = reinterpret_cast<const unsigned char*>(bytes.bytes.data());
        if (!ready_[k] && !stbtt_InitFont(&infos_[k], data, stbtt_GetFontOffsetForIndex(data, 0))) return nullptr;
        ready_[k] = true;
        return &infos_[k];
    }

private:
    FontState& f_;
    std::vector<stbtt_fontinfo> infos_;
    std::vector<bool> ready_;
};

// ImGui's zero-terminated range pairs, kept in bake_ranges as long as the atlas.
const ImWchar* imgui_ranges(FontState& f, const std::vector<CodepointRange>& ranges) {
    std::vector<ImWchar> out;
    for (const auto& r : ranges) out.insert(out.end(), {static_cast<ImWchar>(r.first), static_cast<ImWchar>(r.last)});
    out.push_back(0);
    f.bake_ranges.push_back(std::move(out));
    return f.bake_ranges.back().data();
}

// One ImFont per face: its own file, then the fallback and (for the UI face) the other faces merged in.
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
    const auto add_font = [&](FontFile& file, const ImFontConfig& cfg, const std::vector<CodepointRange>& ranges) {
        return atlas.AddFontFromMemoryTTF(file.bytes.data(), static_cast<int>(file.bytes.size()), pixels, &cfg,
                                          imgui_ranges(f, ranges));
    };
    const std::size_t n = f.faces.size();
    for (std::size_t i = 0; i < n; ++i) {
        ImFont* font = add_font(f.faces[i], config, plan[i].from_file[i]);
        if (!plan[i].from_file[n].empty()) add_font(f.fallback, merge, plan[i].from_file[n]);
        for (std::size_t g = 0; g < n; ++g)
            if (g != i && !plan[i].from_file[g].empty()) add_font(f.faces[g], merge, plan[i].from_file[g]);
        f.imgui_faces.push_back(font);
    }
}

// A blank cell (with the glyph's advance) for every glyph a quick bake left out that a file has.
void lay_out_deferred(FontState& f, float pixels, const std::vector<FaceBake>& plan) {
    std::vector<CodepointSet> left;
    for (const FaceBake& face : plan) left.push_back(face.left);
    StbFiles files(f);
    std::vector<DeferredGlyph> kept;
    for (DeferredGlyph d : order_deferred(f.sources, std::move(left))) {
        const stbtt_fontinfo* info = files.get(glyph_source_file(f.sources, d.face, d.cp));
        const int glyph = info ? stbtt_FindGlyphIndex(info, static_cast<int>(d.cp)) : 0;
        if (glyph == 0) continue;  // no file of the face has it: ImGui would not have baked it either
        int advance = 0, lsb = 0;
        stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
        const float advance_px = std::round(static_cast<float>(advance) * stbtt_ScaleForPixelHeight(info, pixels));
        d.rect = ImGui::GetIO().Fonts->AddCustomRectFontGlyph(f.imgui_faces[d.face], static_cast<ImWchar>(d.cp),
                                                               f.slot_side, f.slot_side, advance_px, ImVec2(0, 0));
        kept.push_back(d);
    }
    f.deferred.reset(std::move(kept));
}

// The custom rectangles an attempt reserves: on-demand slots and the browser's cells.
struct ReservedCells {
    std::vector<int> slots, browser;
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
    if (a.defer) lay_out_deferred(f, a.pixels, plan);
    ReservedCells ids;
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
    const stbtt_fontinfo* info = files.get(glyph_source_file(f.sources, face, cp));
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

// Draws deferred glyph `index` into its cell and gives its placeholder the real box.
void draw_deferred(FontState& f, StbFiles& files, std::size_t index) {
    f.deferred.mark_drawn(index);
    const DeferredGlyph& d = f.deferred.glyphs[index];
    const ImFontAtlasCustomRect* r = ImGui::GetIO().Fonts->GetCustomRectByIndex(d.rect);
    ImFont* font = f.imgui_faces[d.face];
    auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(static_cast<ImWchar>(d.cp)));
    if (!r || !r->IsPacked() || !glyph) return;
    if (const auto drawn = draw_cell(f, files, d.face, d.cp, r->X, r->Y)) place_glyph(*font, *drawn, r->X, r->Y, *glyph);
}

// The em of the UI face's file at `pixels`: ImGui sizes glyphs by ascent - descent, browsers by the em.
float browser_em(FontState& f, float pixels) {
    StbFiles files(f);
    const stbtt_fontinfo* info = files.get(0);
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
    if (f.sources.faces.size() != f.faces.size()) f.sources = glyph_sources(app.manifest, !f.fallback.bytes.empty());
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
    f.atlas = platform_upload_font_atlas();
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

void atlas_demand(App& app, float device_pixel_ratio, double budget_ms) {
    FontState& f = app.font;
    const auto start = Clock::now();
    std::vector<std::pair<std::size_t, char32_t>> missing;
    for (std::size_t i = 0; i < f.need.size() && i < f.imgui_faces.size(); ++i)
        for (char32_t cp : f.need[i])
            if (!f.imgui_faces[i]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) && glyph_source_file(f.sources, i, cp) >= 0)
                missing.emplace_back(i, cp);
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

FontMetrics font_metrics(const FontFile& file) {
    const auto* data = reinterpret_cast<const unsigned char*>(file.bytes.data());
    stbtt_fontinfo info;
    if (file.bytes.empty() || !stbtt_InitFont(&info, data, stbtt_GetFontOffsetForIndex(data, 0))) return {};
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
    const float per_em = stbtt_ScaleForMappingEmToPixels(&info, 1.0f);
    return {stbtt_ScaleForPixelHeight(&info, 1.0f) / per_em, static_cast<float>(ascent) * per_em, static_cast<float>(-descent) * per_em};
}

}  // namespace folio

#pragma once
// Which glyphs the viewer's font atlas holds, as pure arithmetic over the site's fonts (no ImGui, no
// stb_truetype): what each bake takes from which file, how big the atlas may be, which glyphs wait
// for a later frame and in what order, which reserved cells take new glyphs. The viewer does what
// these say with ImGui and stb_truetype (src/app/font_atlas.cpp).
//
// When every covered glyph fits the texture, all are baked (a quick bake rasterises the most
// frequent ones and leaves blank cells for the rest, drawn over the next frames). Otherwise each
// face keeps a prefix of its residency order plus what is on screen, and the atlas reserves empty
// cells (slots) for glyphs that come on screen later.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "folio/bundle.h"

namespace folio {

using CodepointSet = std::set<char32_t>;

// The site's font files as the plan sees them. Files are numbered faces first, then the fallback.
struct GlyphSources {
    std::vector<std::vector<CodepointRange>> faces;  // what each face's file covers
    std::vector<CodepointRange> fallback;            // the fallback file's; empty when there is none
    std::vector<std::vector<char32_t>> order;        // per face: residency order (manifest's, else range order)
    CodepointSet dictionary;                         // authors, sites, tags, categories, the UI hint: always baked
    // Per file (faces, then the fallback): the slice that holds each code point (folio build cuts a
    // font into files of falling frequency), and which slices have arrived (empty: all of them).
    std::vector<std::unordered_map<char32_t, std::uint16_t>> slice_of;
    std::vector<std::vector<bool>> arrived;
};
// From the manifest, every slice at hand; with_fallback when the site's fallback file is there to merge.
GlyphSources glyph_sources(const Manifest& m, bool with_fallback);

// Fonts in slices. A slice of a font file: (file, slice), files numbered as glyph_source_file's.
struct SliceId {
    std::size_t file = 0, slice = 0;
    auto operator<=>(const SliceId&) const = default;
};
// Slice sizes over a residency order: the first holds the `lead` code points the first screen
// needs and the `first_frequent` most frequent after them; each later one about `per` (per / 2 to
// 2 per), ending where the code points say, so that a change to the order changes few slices.
std::vector<std::uint32_t> plan_font_slices(const std::vector<char32_t>& order, std::size_t lead, std::size_t first_frequent,
                                            std::size_t per);
void expect_slices(GlyphSources& s);  // none has arrived: the viewer marks each as it comes
void slice_arrived(GlyphSources& s, SliceId id);
std::size_t slice_count(const GlyphSources& s, std::size_t file);
// The slice of `file` holding cp, -1 when the file does not cover it.
int glyph_slice(const GlyphSources& s, std::size_t file, char32_t cp);
// Whether the slice that draws cp in `face` has arrived (false when no file draws it).
bool glyph_at_hand(const GlyphSources& s, std::size_t face, char32_t cp);
// The slices not arrived yet that hold code points on screen, most frequent slices first.
std::vector<SliceId> slices_wanted(const GlyphSources& s, const std::vector<CodepointSet>& need);
// The next slice to fetch in the background: the most frequent one neither arrived nor asked for.
std::optional<SliceId> next_background_slice(const GlyphSources& s, const std::set<SliceId>& asked);
// ranges of `file` cut by slice: what to take from each slice's file (code points the file lacks dropped).
std::vector<std::vector<CodepointRange>> ranges_by_slice(const GlyphSources& s, std::size_t file,
                                                         const std::vector<CodepointRange>& ranges);
// Advances a glyph waiting for its slice is laid out with: an em for wide (East Asian) characters.
bool wide_codepoint(char32_t cp);

// The file that draws cp in `face`, as ImGui merges them: the face, the fallback, and for the UI face
// (0) the other faces; -1 for none.
int glyph_source_file(const GlyphSources& s, std::size_t face, char32_t cp);
// Latin, general and CJK punctuation, full-width forms, U+FFFD and the dictionaries: in every bake.
bool always_baked(const GlyphSources& s, char32_t cp);
// Every code point face i draws: its file, the fallback, and for the UI face the other faces.
CodepointSet face_codepoints(const GlyphSources& s, std::size_t face);
std::size_t full_glyph_count(const GlyphSources& s);  // glyphs a bake of everything holds, over all faces

// The code points each face draws on screen, from the text drawn with it (by face; '\n', '\t' skipped).
std::vector<CodepointSet> glyph_need(const std::vector<std::string>& text_by_face, std::size_t faces);
// The need and every face's always-baked code points: what a partial bake holds besides the prefixes.
std::size_t need_total(const GlyphSources& s, const std::vector<CodepointSet>& need);

// What one bake hands ImGui for face i: the ranges it takes from each file (empty: that file is not
// merged, except the face's own, which is always added), only from slices at hand; with defer, the
// covered glyphs left out; and the glyphs the bake would hold whose slice has not arrived (each gets
// a cell and a placeholder until it does).
struct FaceBake {
    std::vector<std::vector<CodepointRange>> from_file;
    CodepointSet left;
    CodepointSet waiting;
};
// resident null: every covered glyph. Else each face's first resident[i] code points in residency
// order, the always-baked ones, need[i], ' ' and U+FFFD; in a partial bake (not defer) of the
// prefixes only those whose slice is at hand (what is on screen waits in a cell either way).
std::vector<FaceBake> plan_bake(const GlyphSources& s, const std::vector<std::size_t>* resident,
                                const std::vector<CodepointSet>& need, bool defer);
std::vector<CodepointRange> to_ranges(const CodepointSet& cps);

// A glyph laid out blank at a bake and drawn in a later frame.
struct DeferredGlyph {
    std::uint32_t face = 0;  // the face that holds it
    char32_t cp = 0;
    int rect = 0;            // the atlas's custom rectangle index (a cell)
    bool drawn = false;
    bool waiting = false;    // its slice has not arrived: a placeholder, drawn once it does
};
// The glyphs left out of a quick bake (and those waiting for their slice) in fill order: the faces'
// residency orders interleaved, then the rest.
std::vector<DeferredGlyph> order_deferred(const GlyphSources& s, std::vector<CodepointSet> left);

// The deferred glyphs of the current atlas and how far the fill has come.
struct DeferredFill {
    std::vector<DeferredGlyph> glyphs;                   // in fill order
    std::unordered_map<std::uint64_t, std::size_t> at;  // face << 32 | cp -> index in glyphs
    std::size_t next = 0;                                // the fill's position in glyphs
    std::size_t left = 0;                                // not drawn yet, slice at hand
    std::size_t waiting = 0;                             // waiting for their slice

    void reset(std::vector<DeferredGlyph> kept);  // a new atlas's, none drawn
    // The glyph face draws cp with while it is still blank (or a placeholder), else null.
    const DeferredGlyph* blank(std::size_t face, char32_t cp) const;
    // Indices of the blank glyphs on screen (in need) whose slice is at hand, to draw before the rest.
    std::vector<std::size_t> blank_on_screen(const std::vector<CodepointSet>& need) const;
    // Glyphs whose slice has now arrived stop waiting (the fill draws them); returns their indices.
    std::vector<std::size_t> slices_arrived(const GlyphSources& s);
    void mark_drawn(std::size_t index);
};

// A reserved atlas cell that takes one glyph on demand when not every glyph fits the atlas.
struct GlyphSlot {
    int x = 0, y = 0;        // texel position of the cell
    int face = -1;           // face holding the glyph; -1 = free
    char32_t cp = 0;
    std::uint64_t used = 0;  // need generation that last wanted it (least recent goes first)
};
// Marks the slots whose glyph is on screen as used in `generation`; returns the others, free ones
// first, then least recently used first.
std::vector<std::size_t> reusable_slots(std::vector<GlyphSlot>& slots, const std::vector<CodepointSet>& need,
                                        std::uint64_t generation);

// Characters no site font has are drawn by the browser with the page's own fonts (emoji, flags, Thai,
// Devanagari...) into square cells every bake reserves; one cell per code point serves every face
// whose files lack it. A code point the browser cannot draw either stays the replacement mark.
inline constexpr int kBrowserCells = 96;                   // at most; at most a twentieth of the texture
inline constexpr char32_t kBrowserLastCodepoint = 0x3FFFF;  // beyond: tags, selectors, private planes (and
                                                           // ImGui's lookup table grows with the largest)
int browser_cell_side(float pixels);  // room for an emoji and for Thai marks above and below the line
// The code points on screen no file of their face draws (controls and those beyond the last left out).
CodepointSet browser_need(const GlyphSources& s, const std::vector<CodepointSet>& need);

enum class BrowserVerdict : std::uint8_t {
    Drawn,    // in a cell (cell_of)
    Blank,    // drawn as nothing (a joiner, a variation selector): an invisible glyph
    Missing,  // the browser has no glyph either: the replacement mark
    NoRoom,   // every cell holds a glyph on screen: the replacement mark until the screen changes
};
struct BrowserCell {
    int x = 0, y = 0;        // texel position
    char32_t cp = 0;         // 0: free
    std::uint64_t used = 0;  // need generation that last wanted it
};
// The browser-drawn glyphs of the current atlas.
struct BrowserGlyphs {
    std::vector<BrowserCell> cells;
    int side = 0;
    std::unordered_map<char32_t, BrowserVerdict> verdict;  // each code point the browser was asked about
    std::unordered_map<char32_t, std::size_t> cell_of;     // Drawn ones
    std::size_t pending = 0;                               // on screen, left for the next frame (time)
    bool colour = false;                                   // a glyph in colour went in (the atlas is RGBA)

    void reset(std::vector<BrowserCell> fresh, int cell_side);  // a new atlas's cells, nothing asked
    // need's code points the browser has not been asked about (or that found no room before).
    std::vector<char32_t> to_draw(const CodepointSet& need) const;
    // Whether any of need's code points has not been asked about (one that found no room has).
    bool unasked(const CodepointSet& need) const;
    // Cells that may take a new glyph: free first, then those whose glyph is not in need, least
    // recently used first; the cells holding a glyph in need are marked used in `generation`.
    std::vector<std::size_t> reusable(const CodepointSet& need, std::uint64_t generation);
    // Puts cp in cell k; returns the code point it held (now forgotten), 0 when it was free.
    char32_t place(std::size_t k, char32_t cp, std::uint64_t generation);
    std::size_t count(BrowserVerdict v) const;
};

// The bake loop's arithmetic. The viewer asks next() what to build, builds it (ImGui packs it) and
// reports the texture with judge(); each verdict but Keep asks for another build.
inline constexpr int kMaxSlots = 256;           // on-demand cells reserved in a partial atlas
inline constexpr double kPackedShare = 0.88;    // share of the texture glyphs may fill (packing waste)
struct AtlasInputs {
    float pixels = 0;                       // the text size in device pixels
    int max_side = 4096;                    // texture limit, texels
    std::size_t quick_glyphs = 3000;        // a quick bake rasterises this many
    float area_per_px2 = 0.6f;              // texels per glyph / pixels^2, learnt from earlier bakes
    std::size_t full_glyphs = 0;            // full_glyph_count
    std::vector<std::size_t> order_sizes;   // per face: its residency order's length
    std::size_t need_total = 0;             // see need_total()
};
struct AtlasAttempt {
    float pixels = 0;                    // glyph size of this build (below inputs.pixels once shrunk)
    float scale = 1;                     // pixels / inputs.pixels
    bool every = true;                   // every covered glyph (resident is unused)
    bool defer = false;                  // quick: glyphs beyond resident get blank cells
    bool partial = false;
    std::vector<std::size_t> resident;   // per face: the residency prefix baked
    int slots = 0;                       // empty cells to reserve
    int slot_side = 0;                   // their side, texels
    int browser_cells = 0;               // cells for glyphs the browser draws (browser_cell_side)
    int width = 0;                       // the texture width to pack for
};
enum class AtlasVerdict { Keep, Again, Smaller };  // Smaller: what is on screen alone did not fit
class AtlasPlanner {
public:
    explicit AtlasPlanner(AtlasInputs in);
    const AtlasAttempt& next() const { return attempt_; }
    // The texture the last attempt built: its size and the glyphs in it.
    AtlasVerdict judge(int tex_width, int tex_height, int glyphs);
    float area_per_px2() const { return area_; }
    // Code points baked from the residency orders (the rest come on demand), over all faces.
    std::size_t resident_count(const GlyphSources& s) const;

private:
    void plan();
    double glyph_texels() const;
    double browser_texels() const;
    AtlasInputs in_;
    float area_;
    float scale_ = 1;
    bool partial_ = false, quick_ = false;
    int tries_ = 0;
    AtlasAttempt attempt_;
};

// The blocks of a freshly built atlas worth sending to the GPU: the tiles (tile_w x tile_h texels)
// with coverage, those next to each other in a row of tiles joined. The rest is blank (most of a big
// atlas is cells reserved for glyphs drawn later), filled on the GPU's side.
struct AtlasBlock {
    int x = 0, y = 0, w = 0, h = 0;
};
std::vector<AtlasBlock> atlas_content_blocks(const unsigned char* alpha, int width, int height, int tile_w = 64,
                                             int tile_h = 32);

}  // namespace folio

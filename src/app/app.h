#pragma once
// The viewer's state: one struct, updated once per frame by the panels (see app_frame.cpp).
#include <imgui.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "fetch.h"
#include "platform.h"
#include "folio/browse.h"
#include "folio/export.h"
#include "folio/bundle.h"
#include "folio/frame_pace.h"
#include "folio/glyph_plan.h"
#include "folio/marks.h"
#include "folio/related.h"
#include "folio/search.h"
#include "folio/source_stats.h"
#include "folio/text_diff.h"
#include "folio/text_layer.h"
#include "folio/ui_text.h"
#include "folio/view.h"
#include "folio/view_flow.h"

namespace folio {

enum class LoadPhase { Manifest, Metadata, Font, Ready, Failed };

// A font slice being fetched.
struct SliceFetch {
    SliceId id;
    FetchId fetch = 0;
};

// Startup: the manifest, then what the first screen needs: the newest metadata shard and the first
// slice of every font file. Once the list shows, the older shards follow a few at a time at low
// priority (taken in order: Metadata while shards remain, Font while only first slices do), and beside
// them the fonts' later slices a few at a time; a slice holding a character on screen is fetched at once.
// Bodies come later, on demand.
// Older shards fetched at once (at least one; small ones, the newest run's, several): the reader's requests go first.
inline constexpr std::size_t kMetaInFlight = 4;
inline constexpr std::uint64_t kMetaBytesInFlight = 512 * 1024;
inline constexpr std::size_t kSlicesInFlight = 4;  // font slices fetched at once in the background (small: 60-80 KB each)
struct Loader {
    LoadPhase phase = LoadPhase::Manifest;
    FetchId pending = 0;              // the manifest
    std::vector<FetchId> meta;        // one per metadata shard asked for so far
    std::vector<SliceFetch> slices;   // font slices in flight
    std::set<SliceId> asked;          // font slices asked for (arrived, in flight or failed)
    std::size_t next_meta = 0;        // the next shard to take
    std::uint64_t bytes_done = 0;     // completed files
    std::uint64_t bytes_total = 0;    // known once the manifest is in
    bool linked = false;              // the page was opened with a view in its hash
    std::string error;
};

// Post bodies by index in catalog.bodies (bodies.cpp), fetched between frames for the open post (and
// the file next to it when the open post is at its edge) and for the posts the panels asked for; at
// most kMaxBodyChunks are kept, least recently used evicted between frames, so pointers handed out
// during a frame stay valid.
inline constexpr std::size_t kMaxBodyChunks = 256;  // body files hold about 32 KB of JSON by default
inline constexpr std::size_t kPrefetchMargin = 1;   // posts from a file's edge
struct BodyCache {
    std::map<std::size_t, std::vector<std::vector<Block>>> chunks;
    std::map<std::size_t, std::uint64_t> last_used;  // by shard: a use counter
    std::uint64_t uses = 0;
    std::map<std::size_t, FetchId> pending;
    std::map<std::size_t, std::string> errors;
    std::vector<std::size_t> wanted;           // posts whose bodies the panels asked for this frame
    std::vector<std::size_t> snippets_wanted;  // posts the list asked a search snippet for this frame
    std::size_t max_kept = kMaxBodyChunks;     // tests lower it to see eviction on a small site
};

inline constexpr float kDefaultFontSize = 17.0f;  // CSS pixels
inline constexpr int kMaxAtlasSide = 4096;        // texture side every WebGL 2 device supports
// Glyphs a bake rasterises at once (the most frequent first); the rest get their atlas cells at the
// bake and are drawn into them over the next frames, those on screen first, so the list shows sooner.
inline constexpr std::size_t kQuickGlyphs = 3000;

// One font file of the site, by slice (ImGui reads the bytes without copying): empty until it arrives.
struct FontFile {
    std::vector<std::string> slices;
};

// On-demand glyphs: figures for the test hook and the font benchmark.
struct ResidencyStats {
    std::size_t resident = 0;       // code points baked from the frequency order, over all faces
    std::size_t total = 0;          // code points the faces cover, over all faces
    std::size_t demand_glyphs = 0;  // glyphs rasterised into slots since the last bake
    double demand_ms = 0;           // slowest single frame's on-demand work
    int rebuilds = 0;               // bakes forced because the slots ran out
    double rebuild_ms = 0;          // the last such bake, including the upload
    std::size_t pending = 0;        // glyphs on screen still waiting for a slot (shown as U+FFFD meanwhile)
};

struct FontState {
    std::vector<FontFile> faces;       // as Manifest::fonts
    FontFile fallback;                 // merged into every face; no slices when the site has none
    std::vector<ImFont*> imgui_faces;  // the baked faces, by index; empty before the first atlas
    bool loaded = false;               // every file's first slice arrived
    // Glyphs whose slice has not arrived are drawn as a light box from one cell (placeholder_*) with
    // the advance of their kind (wide, narrow: per face, from its first slice) until it does.
    int placeholder_x = -1, placeholder_y = 0;
    std::vector<float> wide_advance, narrow_advance;
    std::set<std::pair<std::size_t, char32_t>> placeholders;  // partial atlas: (face, cp) drawn so, in no slot
    std::size_t slices_arrived = 0;    // later slices that arrived (the test hook tells)
    float size_css_px = kDefaultFontSize;
    float baked_for_ratio = 0.0f;      // device pixel ratio the atlas was built for; 0 = never
    float baked_size = 0.0f;           // size_css_px the atlas was built for
    float atlas_scale = 1.0f;          // below 1 when glyphs were baked smaller to fit the atlas
    AtlasStats atlas;
    int max_side = kMaxAtlasSide;      // texture limit; tests lower it to force residency
    bool partial = false;              // not every covered glyph is baked: the rest come on demand
    float pixels = 0;                  // device pixels the atlas was baked at
    float area_per_px2 = 0.6f;         // atlas texels per glyph / pixels^2, learnt from each bake
    GlyphSources sources;              // the faces' coverage and residency orders (glyph_plan.h)
    std::vector<std::vector<ImWchar>> bake_ranges;  // ranges handed to ImGui, alive as long as the atlas
    std::vector<GlyphSlot> slots;
    int slot_side = 0;
    DeferredFill deferred;             // glyphs of a quick bake drawn over the next frames
    BrowserGlyphs browser;             // characters no site font has, drawn by the browser (glyph_plan.h)
    float browser_em = 0;              // their size: the em of the UI face at `pixels`, device pixels
    bool browser_on = true;            // tests turn it off to see the site's fonts alone
    std::size_t quick_glyphs = kQuickGlyphs;  // tests lower it to exercise the fill on a small archive
    std::vector<std::string> wanted;   // this frame: the text the panels drew, by face (glyphs_want_*)
    std::vector<std::string> need_text;     // what `need` was made of: the last frame's wanted text
    std::vector<CodepointSet> need;    // per face: code points on screen
    std::uint64_t need_generation = 0;
    bool size_saved = true;            // size_css_px is in the browser's storage
    int slider_size = 0;               // the size slider's value while it is dragged
    ResidencyStats residency;
};

using ByteRanges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Search: the index's file list, then the fold table and docs buffers load after the list; shards
// load per query.
struct SearchState {
    enum class Base { NotStarted, Loading, Ready, Failed } base = Base::NotStarted;
    FetchId list_fetch = 0;  // the manifest's search list (manifest.search.list), before the rest
    bool base_started = false;  // the fold table's and docs buffers' fetches have started
    FetchId fold_fetch = 0;
    std::vector<FetchId> docs_fetches;  // one per index segment, loaded in order
    std::size_t docs_loaded = 0;
    std::map<ShardId, FetchId> shard_fetches;
    FoldTable fold;
    SearchIndex index;
    char input[512] = {};        // the search box's edit buffer; the query itself is the view's
    std::string ran;             // the query text the results are for
    Query query;
    bool active = false;         // a non-empty query is in effect (the list shows results)
    bool waiting = false;        // results wait for shards to arrive
    bool ran_by_date = false;    // the results are newest first
    bool focus_input = false;     // give the box the keyboard focus next frame
    bool focusing = false;        // focus was asked for and the box is not active yet
    std::vector<ImWchar> carried;  // characters typed meanwhile, replayed into the box
    ImVec2 box_min, box_max;  // where the search box was drawn (for tests)
    ImGuiID box_id = 0;
    std::vector<std::size_t> results;  // post indices, best first
    std::size_t total = 0;
    std::map<std::size_t, Snippet> snippets;  // by post, for this query
    double last_ms = 0;          // time of the last search() call
    std::string error;
    std::uint64_t generation = 0;  // bumped whenever results change (browsing recomputes)
};

// Matches in the post on screen, found once per post and query.
struct ReaderMatches {
    std::optional<std::size_t> post;
    std::string query;
    std::vector<ByteRanges> by_block;
    std::size_t total = 0;
    std::vector<float> ys;  // content y of each match, filled while drawing
    int current = -1;       // the match last jumped to
    bool scroll = false;    // jump to `current` this frame
};

// The open post's measure (folio/measure.h): the share of wide characters in it and in each block,
// found once per post, and where the last frame put the text column in the reader pane (test hook).
struct ReaderMeasure {
    std::optional<std::size_t> post;
    bool blocks_in = false;           // the shares include the body (else the title alone)
    double share = 1.0;               // of the whole post
    std::vector<double> block_share;  // by block
    ImVec4 column, pane;              // x0, y0, x1, y1 on the canvas: the text column and the reader pane
    float em = 0;                     // the post face's em (a CJK character's width), CSS pixels
};

struct ListRow {
    std::size_t post;
    float y0, y1;  // CSS pixels from the top of the canvas
    float x0 = 0, x1 = 0;  // and from its left edge
    std::vector<std::string> lines;  // a card's title lines (narrow lists), as drawn
    std::string meta;                // and its "date · source" line
};

// What a browse result was computed from: the view's filters and sort, the search results, the index,
// and whether copies are folded with the related lists in.
struct BrowseKey {
    Filters filters;
    SortKey sort = SortKey::Date;
    bool ascending = false;
    std::uint64_t search_generation = 0;
    std::size_t catalog = 0;
    bool fold = false;
    bool operator==(const BrowseKey&) const = default;
};

// Browsing: the list, facet counts and timeline browse() makes of the view and the search results.
struct BrowseState {
    BrowseIndex index;
    BrowseResult result;          // with copies folded, result.posts holds one post per row
    std::vector<std::uint32_t> copies;  // then: per row, the posts folded into it; else empty
    bool indexed = false;
    std::optional<BrowseKey> computed_for;  // none before the first result
    std::uint64_t generation = 0;   // bumped with every new result
    std::size_t catalog_seen = 0;   // posts the index was built for
    double indexed_at = 0;          // when (platform_now_ms), to pace rebuilds while loading
    double last_ms = 0;             // time of the last recompute
    std::array<std::array<char, 128>, kFacetCount> value_filter{};  // the filter box of each facet list
};

struct TimelineState {
    std::int32_t view_first = 0, view_last = -1;  // visible days (zoom and pan)
    bool fit = true;  // the whole archive, also while older metadata streams in; zoom or pan ends it
    TimeBucket bucket = TimeBucket::Month;
    bool selecting = false, panning = false;
    std::int32_t drag_from = 0, drag_to = 0;  // days under the press and the pointer while selecting
    float pan_anchor_x = 0;
    std::int32_t pan_anchor_first = 0;
    ImVec2 plot_min, plot_max;  // where the bars were drawn (for tests)
};

enum class Pane : std::uint8_t { List, Reader, Filters, Stats };  // the narrow layout shows one

struct LayoutState {
    bool narrow = false;
    Pane pane = Pane::List;
    bool opened = false;  // a list row was clicked or tapped this frame
    bool facets_overflow = false;  // the facet column was taller than its window last frame
};

// Screen rectangle of a visible facet value (for tests).
struct FacetRow {
    Facet facet;
    std::uint32_t value;
    ImVec2 min, max;
};

// The view (folio/view_flow.h) and its copy in the URL hash (state.cpp). The flow is the one owner of
// the query, filters, sort, result order and open post: code changes it only by queuing events
// (view_dispatch), which view_apply() runs in the update phase of the next frame; the address follows.
struct ViewModel {
    ViewFlow flow;
    std::vector<ViewEvent> queued;
    HistoryEntry history = HistoryEntry::None;  // of the changes not yet written to the address
    bool started = false;                 // the page's hash was read once the posts were in
    std::string last_hash;                // what the page's hash holds
    std::optional<std::string> incoming;  // a new hash from the page (back/forward, a pasted link)
    std::unordered_map<std::string, std::size_t> post_by_id;  // grows as metadata streams in
    std::size_t ids_indexed = 0;          // catalog posts in post_by_id
};

// The list panel's own state: which row to bring into view, and for which open post and list.
struct ListState {
    std::optional<std::size_t> scroll_to_row;  // row to bring into view this frame
    std::string revealed_post;                 // the open post and list generation last brought into view
    std::uint64_t revealed_generation = 0;
    bool cards = false;  // narrow: a card per post rather than table rows
    std::optional<std::size_t> open_row;  // with copies folded: the row holding the open post (list_row_of)
};

// Bookmarks and read marks, stored by the page per site (state.cpp).
struct MarksState {
    Marks marks;
    bool loaded = false;
    std::string message;  // the last import or storage result, shown in the toolbar
};

// Per-source statistics of the list (panel_stats.cpp): computed in the update phase while shown,
// once per browse result.
inline constexpr std::size_t kStatsSources = 8;  // sources with a series of their own; the rest are one
inline constexpr std::size_t kStatsTags = 5;     // top tags shown per source
struct StatsState {
    bool open = false;  // the statistics take the reader's place (a pane of their own on phones)
    SourceStats stats;
    std::optional<std::uint64_t> computed_for;  // the browse generation
    double last_ms = 0;
};

// The controls of issue 19's tools that keep something between frames: the on this day picker, the
// saved search's name box.
struct ToolsState {
    int pick_month = 1, pick_day = 1;  // "another day" in the on this day menu
    bool picked = false;               // the picker was set (else it starts at today)
    char search_name[kMaxSearchName + 1] = {};
};

// Related coverage (related.cpp): the site's related file, fetched at low priority once every post's
// metadata is in; and the reader's compare of the open post with one of its copies, made between
// frames once both bodies are in.
struct CompareState {
    std::size_t post = 0, other = 0;    // what the marks are for
    bool ready = false;
    bool aligned = true;                // false: the copies differ past the edit budget (folio/text_diff.h)
    std::vector<ByteRanges> marks;      // per block of the open post: text the other copy lacks
    std::size_t only_here = 0;          // passages marked
    std::vector<std::string> only_there;  // the other copy's passages this one lacks
};
struct RelatedState {
    FetchId fetch = 0;
    bool asked = false, loaded = false;
    RelatedLists lists;
    std::string error;                  // the file failed: the viewer goes on without copies
    std::optional<std::size_t> compare_with;  // the copy the reader compares the open post with
    std::optional<std::size_t> compared_post; // the open post it was chosen for (another post ends it)
    CompareState compare;
};

// Colours that follow the theme (theme.cpp, from folio/palette.h), beside ImGui's own.
struct Palette {
    ImVec4 title, heading, link, code_bg, quote_bar, error, star, clear;
    ImU32 mark_bg, mark_text;
    ImU32 plot, bar, bar_hit, bar_hover;  // the timeline: background, every post, the posts kept, under the pointer
};

// A link drawn in the reader this frame (test hook).
struct DrawnLink {
    std::string text, href;
    bool openable = false;
    ImVec2 min, max;
};

enum class ImageState { Loading = 0, Shown = 1, Failed = 2 };

// The page's parallel DOM (semantics.cpp; "Page layer" in web/folio-shell.js), after Flutter's
// semantics tree and pdf.js's text layer: while drawing, panels record their controls (sem_item) and
// the reader the lines of the post it drew (text_rich into TextLayer); after the frame, whatever
// changed goes to the page, which keeps transparent elements over the canvas for screen readers,
// Tab focus, selection, find and copy. The page calls back to activate or focus an element.
enum class SemRole : std::uint8_t { Button, Checkbox, Searchbox, Option, LiveStatus };
struct SemNode {
    std::string key;   // the same across frames: the page keeps its element (and focus) by it
    SemRole role = SemRole::Button;
    std::string name;  // the accessible name (a status: its text)
    std::string group; // the page element it goes in: "" (the top bar), "filters", "list", "article"
    ImVec4 box;        // x0, y0, x1, y1: CSS pixels on the canvas
    int checked = -1;  // a checkbox's state, an option's selected; -1: neither
    ImGuiID id = 0;    // the Dear ImGui item the page's element activates
};
// The reader's lines while it draws (folio/text_layer.h): where its content starts and which rows
// it keeps.
struct TextLayer {
    bool recording = false;     // the reader is drawing the open post
    ImVec2 origin;              // screen position of the post content's top left
    LayerRange keep;            // content rows kept
    std::vector<LayerLine> lines;
    std::size_t face = 0;       // the post's font face
    std::string title;          // the article's name
    ImVec4 clip;                // the reader's visible rectangle on the canvas; zero when none
    std::size_t longest = 0;    // every line of the post drawn this frame (not only those kept): the most characters
    double fill = 0;            // and the fullest against the measure (folio/measure.h)
};
struct SemState {
    std::vector<SemNode> nodes, shown;  // recorded this frame; what the page holds
    TextLayer layer;
    ChangeGate nodes_gate, lines_gate, place_gate;
    std::set<std::pair<int, std::size_t>> fonts_sent;  // (face, slice) sent to the page for the text layer (face -1: fallback)
    bool layer_on = true;       // the reader records its lines (benchmarks turn it off to compare)
    std::string activate;       // key of the element the page activated: a click on its item next frame
    std::string focused;        // key of the element holding the DOM focus; "" when none
    bool focus_moved = false;   // focused changed since the last frame
    float scroll = 0;           // CSS pixels the page asked the reader to scroll (find brought a match into view)
};

struct App {
    Loader loader;
    Manifest manifest;
    Catalog catalog;
    BodyCache bodies;
    FontState font;
    SearchState search;
    ReaderMatches matches;
    ReaderMeasure measure;
    std::optional<std::size_t> selected;  // the view's open post as a catalog index (view_apply keeps it)
    std::vector<ListRow> visible_rows;  // rows drawn last frame, for the test hook
    ListState list;
    bool show_shortcuts = false;
    BrowseState browse;
    TimelineState timeline;
    LayoutState layout;
    std::vector<FacetRow> facet_rows;          // facet values drawn last frame, for the test hook
    std::map<std::string, ImVec4> controls;    // named buttons drawn last frame (x0, y0, x1, y1), for tests
    std::string state_json;             // buffer handed to JS by the test hook
    ViewModel view;
    MarksState marks;
    StatsState stats;
    ToolsState tools;
    RelatedState related;
    bool dark = true;
    UiLanguage lang = UiLanguage::En;              // the interface's language (language.cpp)
    std::map<std::string, ImageState> images;      // images asked for, by URL
    std::vector<DrawnLink> drawn_links;            // reader links drawn last frame
    std::string offline_label;  // the page's offline copy state for the toolbar (folio_offline_status)
    bool offline_offered = false;  // the page offers an offline copy: the control has its place from the start
    SemState sem;                                  // the page's parallel DOM (semantics.cpp)
    FramePace pace;                                // whether to draw the next frame (pace.cpp)
    std::uint64_t picture = 0;                     // the last frame's picture_hash
    std::uint64_t frames_presented = 0;            // frames drawn to the screen (the others repeated the picture)
};

// app_frame.cpp: one frame on any platform (load, search, browse, fonts, then the panels); the
// platform's loop calls it after platform_init. woken: input or a callback asked for this frame.
// Returns whether to draw another frame (pace.cpp); when not, the viewer sleeps until woken.
bool app_frame(App& app, bool woken = true);

// pace.cpp: whether this frame's picture (its draw data and clear colour) differs from the last
// frame's, which it then becomes.
bool app_picture_changed(App& app, const ImVec4& clear);
// What a frame tells folio/frame_pace.h: woken, work left for the update phase, a mouse button down,
// and whether the picture changed.
bool app_pace(App& app, bool woken, bool changed);
// Input a frame has still to apply: events carried to the next frame, view events queued.
bool app_input_pending(const App& app);
// Between frames, while none is due: a slice of work that changes nothing on screen (the glyphs of a
// quick bake not on screen). Returns whether more remains.
bool app_idle(App& app);

// loader.cpp
void loader_update(App& app);
float loader_progress(const App& app);  // 0..1, or -1 while the total is unknown
// Whether the list can be shown while metadata still streams in: the fonts and the newest shard
// are in, and the page was not opened on a link to some view (that waits for every post).
bool loader_browsable(const App& app);
bool loader_busy(const App& app);  // files arrived that the next frame takes (the fetch callbacks woke it)
// One poll of a site file's fetch. Once it is no longer Pending the request is forgotten (id is 0):
// Done with the bytes, or Failed with a message saying why, alike for every file (missing, truncated,
// no answer).
struct FetchPoll {
    FetchState state = FetchState::Pending;
    std::string bytes;
    std::string error;
    std::uint64_t received = 0;  // stored bytes
};
FetchPoll fetch_poll(FetchId& id, const std::string& file);

// bodies.cpp: panels ask for bodies while drawing; bodies_update serves them between frames.
void bodies_want(App& app, std::size_t post);   // the post's body, for a later frame
void snippet_want(App& app, std::size_t post);  // its search snippet (app.search.snippets), and so its body
// Between frames (loader_update calls it): takes arrived chunks, makes the snippets asked for, fetches
// the bodies asked for, the open post's and its neighbour chunk, evicts the least recently used.
void bodies_update(App& app);
// Blocks of a post, or nullptr while its chunk is not in (error set when it failed). Never fetches.
const std::vector<Block>* post_blocks(const App& app, std::size_t post, std::string* error);
// Whether the next bodies_update has work: a body asked for that is neither in, on its way nor failed,
// or a snippet asked for whose body is in.
bool bodies_busy(const App& app);

// related.cpp: the related file and the reader's compare (update phase), and what panels read of them
void related_update(App& app);
bool related_busy(const App& app);  // the file or the other copy's body arrived, or a compare is due
// The copies of post that the catalog holds so far (the file may name posts still streaming in).
std::vector<std::size_t> related_of(const App& app, std::size_t post);
void compare_set(App& app, std::optional<std::size_t> other);  // the reader's compare toggle
// The open post's marks against the compared copy, per block, when ready; else nullptr.
const std::vector<ByteRanges>* compare_marks(const App& app, std::size_t post);
// panel_related.cpp: the reader's "Also in" line and, while comparing, what the other copy has
void panel_related(App& app, std::size_t post);

// fonts.cpp
// Rebuilds the atlas when the font arrives or the pixel ratio changes; call between frames.
void fonts_update(App& app, float device_pixel_ratio);
// Whether the next fonts_update has work for the screen: a bake, glyphs on screen to draw or bring in,
// new text on screen. (Blank glyphs off screen are fonts_idle's.)
bool fonts_busy(const App& app, float device_pixel_ratio);
// Draws a slice of a quick bake's glyphs that are not on screen; returns whether more remain.
bool fonts_idle(App& app);
// A later font slice arrived (the loader has marked it in font.sources): its glyphs get drawn.
void fonts_slice_arrived(App& app);
void font_size_step(FontState& font, int steps);
void font_size_keys(FontState& font);  // Ctrl/Cmd + '+' / '-' / '0', during a frame
void font_size_set(FontState& font, float css_px);  // clamped; the atlas follows between frames
// The face that draws post i (the UI font when there is none).
ImFont* post_font(const App& app, std::size_t post);
// The UI face (face 0): its first slice holds every string of the viewer and the most common names.
ImFont* ui_font(const App& app);
// Text a panel draws this frame, with post's face or the UI face: fonts_update brings its glyphs in
// between frames (what is on screen comes first).
void glyphs_want_post(App& app, std::size_t post, std::string_view text);
void glyphs_want_ui(App& app, std::string_view text);
// As if cps were on screen in face `face`: brings their glyphs into the atlas now, those no site font
// has drawn by the browser (tests, window.folio.drawCheck).
void fonts_bring_in(App& app, std::size_t face, const CodepointSet& cps);

// search.cpp: loads the index, reruns the query when the box changes
void search_update(App& app);
void search_set_text(App& app, const char* text);  // as if typed into the box: a Query event
std::size_t list_size(const App& app);          // rows in the list: results or all posts
std::size_t list_post(const App& app, std::size_t row);
std::size_t list_copies(const App& app, std::size_t row);  // posts folded into the row (copies of its story)
// The row showing post: its own, or with copies folded, the first row of one of its copies.
std::optional<std::size_t> list_row_of(const App& app, std::size_t post);
ByteRanges search_matches(const App& app, std::string_view text);  // empty without a query

// After an ImGui text field with this id: while it is edited, the page's text bridge feeds it
// (IME composition, paste) and shows the composition under it.
void text_field_bridge(ImGuiID id);
// Whether a text field has the keyboard: each holds the page's text bridge while it is edited and
// lets go in the frame it is left. (io.WantTextInput stays set for the frame after a click away,
// and a shortcut key pressed then was lost.)
bool text_field_has_keyboard();

// browse.cpp: the list, facets and timeline follow the query, filters and sort
// Recomputes when the view or the results changed (once, before drawing), then lets the view pick
// its open post from the new list (a Listed event).
void browse_update(App& app);
bool browse_busy(const App& app);  // streamed posts the index does not hold yet
bool facet_selected(const App& app, Facet facet, const std::string& name);
// Shorthands that queue the view event of the same name.
void facet_toggle(App& app, Facet facet, const std::string& name);
void facet_clear(App& app, Facet facet);
void filters_clear(App& app);  // every facet and the date range
void set_days(App& app, std::optional<DayRange> days);
void set_sort(App& app, SortKey sort, bool ascending);
void note_control(App& app, const char* name);  // the last item's rectangle, for tests
void drag_scroll(App& app);  // touch-style scrolling of the current window by dragging its content
// Instead of SameLine between the items of a row: the next item (width wide) goes on this line when
// it fits, else starts the next one (narrow windows wrap the top bar and the reader's actions).
void same_line_or_wrap(float width);
// BeginPopup for a toolbar button's popup: under the button (corner: its bottom right), right edges aligned.
bool begin_popup_under(const char* name, ImVec2 corner);
float button_width(const char* label);  // a button's width for its label (text before ## only)
// One line of text in at most width, cut short with an ellipsis (kEllipsis) when longer; dim draws it as
// TextDisabled. Returns whether it was cut: the ellipsis's glyph is then wanted too.
inline constexpr const char* kEllipsis = "\u2026";
bool text_fitted(const std::string& text, float width, bool dim);

// text_view.cpp: wrapped text with highlighted byte ranges, adding the screen y of each highlight
// to highlight_ys; wrap_width 0 wraps at the content edge, FLT_MAX not at all.
void text_highlighted(std::string_view text, const ByteRanges& highlights, std::vector<float>* highlight_ys = nullptr,
                      float wrap_width = 0.0f);

// panels, one file each
void panel_status(App& app);  // loading progress and errors
void panel_font_size(App& app);  // A- / size / A+ in the top bar; the size opens a slider
void panel_search(App& app);  // the search box and result count
void panel_list(App& app);
void list_move(App& app, int delta);  // select the post delta rows away in the list
void panel_reader(App& app);
// The reader pane's side padding: centres the open post's column (at most its measure) in a pane
// pane_width wide; the layout opens the pane with it.
float reader_padding(App& app, float pane_width);
void panel_facets(App& app);    // tags, categories, authors, sources with counts
void panel_timeline(App& app);  // the histogram over the archive's span
// panel_on_this_day.cpp: the On this day button and menu (timeline header); the posts per year while
// it is on (a row of year buttons under it)
void on_this_day_button(App& app);
void on_this_day_years(App& app);
void on_this_day_set(App& app, std::optional<MonthDay> day);  // queues the view event
void panel_export(App& app);    // panel_export.cpp: the toolbar's Export button and menu
std::string export_label(const App& app);
void export_results(App& app, ExportFormat format);  // the list as a download
void export_open_post(App& app);                     // the open post as Markdown
// panel_saved_searches.cpp: the saved searches, listed in the bookmarks menu; save, open, delete
void saved_searches_menu(App& app);
void saved_search_open(App& app, const SavedSearch& search);
void saved_search_delete(App& app, const std::string& name);
std::string format_saved_view(ViewState view);  // the view as a saved search keeps it (no open post)
bool saved_search_add(App& app, std::string_view name);  // the current view under name; stored
// panel_stats.cpp: per-source statistics of the list (drawn instead of the reader while open)
void stats_toggle(App& app);  // the toolbar's Statistics button
std::string stats_label(const App& app);
void panel_stats(App& app);
void stats_update(App& app);  // update phase: recomputes for a new list while open
void layout_body(App& app);     // layout.cpp: desktop columns or one pane at a time below ~700 px
void reader_next_match(App& app, int direction);  // +1 next, -1 previous; wraps around
void reader_copy(App& app);                       // the post's title and text to the clipboard
void reader_open_page(App& app);                  // "open as page": the post as a plain HTML page

// state.cpp: the URL hash, bookmarks and read marks
// The stored bookmarks and read marks, read once (as soon as the list shows).
void marks_load(App& app);
// The view's one way in: queue a change; view_apply() runs the queue (folio::view_next per event).
void view_dispatch(App& app, ViewEvent event);
void view_apply(App& app);
inline const ViewState& current_view(const App& app) { return app.view.flow.view; }
// Update phase: indexes newly streamed post ids, queues a changed page hash (once every post is in)
// and applies the queue.
void view_update(App& app);
void view_sync(App& app);    // after the panels: writes the view to the hash
void view_hash_changed(App& app, const char* hash);
bool is_bookmarked(const App& app, std::size_t post);
bool is_read(const App& app, std::size_t post);
void toggle_bookmark(App& app, std::size_t post);
void mark_read(App& app, std::size_t post);
void marks_import(App& app, const char* text);

// language.cpp: the interface language (folio/ui_text.h) and the words the panels draw in it.
// At start: the choice stored for this site, else the browser's preferred languages; sets <html lang>.
void language_start(App& app);
void language_set(App& app, UiLanguage lang);  // the toolbar's switch: stored for this site
inline const char* ui(const App& app, Ui id) { return ui_text(app.lang, id); }
inline std::string ui(const App& app, Ui id, std::initializer_list<std::string_view> args) { return ui_format(app.lang, id, args); }
// A day as the interface language writes it (2024年3月5日, 5 Mar 2024); days count from 1970-01-01.
std::string ui_day(const App& app, std::int32_t day);

// theme.cpp
void theme_apply(App& app, bool dark);
const Palette& palette();

// panel_toolbar.cpp: theme, bookmarks list, export and import
void panel_toolbar(App& app);
float toolbar_width(const App& app);  // its buttons' width this frame, which the search box leaves room for
void draw_star(ImDrawList* draw, ImVec2 center, float radius, ImU32 color, bool filled);

// text_view.cpp: text_highlighted with links (drawn, hit-tested; returns the href clicked this frame)
// at `scale` times the font size; links drawn are appended to drawn, and the lines drawn within the
// layer's rows to it (when layer is not null and recording). leading: each line's height over the
// font size, the glyphs centred in it (0: ImGui's line height).
std::string text_rich(std::string_view text, const ByteRanges& highlights, const std::vector<LinkSpan>* links,
                      std::vector<float>* highlight_ys, float wrap_width, float scale, std::vector<DrawnLink>* drawn,
                      TextLayer* layer = nullptr, float leading = 0.0f);

// semantics.cpp: the page's parallel DOM (see SemState).
// The last item drawn as an element of the page (key: unique and stable; name: what a screen reader says).
void sem_item(App& app, const char* key, SemRole role, std::string name, const char* group = "", int checked = -1);
// A live region's text (a status read out when it changes), at the last item's place.
void sem_status(App& app, const char* key, std::string text);
// Update phase: acts on what the page asked between frames (an element activated or focused, find
// scrolled the reader).
void semantics_update(App& app);
// After the panels: the focus ring, then what changed to the page.
void semantics_publish(App& app);
// From the page, between frames.
void semantics_activate(App& app, const char* key);
void semantics_focus(App& app, const char* key);
void semantics_scroll(App& app, float dy);

// test_hook.cpp: a JSON snapshot for window.folio.state()
const std::string& app_state_json(App& app);
// For every code point each face's ranges promise: whether the baked font has a glyph (tests).
std::string glyph_check_json(const App& app);
// Draws nothing but looks up every code point of text as the reader would with face `face`, after
// bringing in its glyphs; counts those that fall back to the replacement glyph (tests).
std::string glyph_draw_check_json(App& app, std::size_t face, std::string_view text);
// window.folio.drawCheck: the code points of text the UI face (every site font merged) would draw as
// the replacement mark, after bringing in their glyphs (the browser's among them); {"missing": [...]}.
std::string draw_check_json(App& app, std::string_view text);

}  // namespace folio

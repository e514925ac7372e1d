// Startup: the manifest, then the fonts and metadata shards; and fetch_poll, which every site
// file's fetch goes through.
#include <algorithm>

#include "app.h"
#include "page.h"
#include "platform.h"

namespace folio {
namespace {

void fail(App& app, std::string message) {
    app.loader.phase = LoadPhase::Failed;
    app.loader.error = std::move(message);
}

std::string describe_http_failure(const std::string& file, int status) {
    if (status == 404) return file + " is missing from the site (HTTP 404)";
    if (status == -1) return file + " is truncated or damaged (it could not be decompressed)";
    if (status > 0) return "the server answered HTTP " + std::to_string(status) + " for " + file;
    return "could not load " + file + " (no answer: offline, or the server stopped). To read offline, serve the site "
           "folder with `folio serve SITE-DIR`, or open its index.html from disk and click \"Open archive folder\"";
}

}  // namespace

FetchPoll fetch_poll(FetchId& id, const std::string& file) {
    const FetchStatus st = fetch_status(id);
    FetchPoll out{st.state, {}, {}, st.received};
    if (st.state == FetchState::Pending) return out;
    if (st.state == FetchState::Failed) {
        fetch_forget(id);
        out.error = describe_http_failure(file, st.http_status);
    } else {
        out.bytes = fetch_take(id);
    }
    id = 0;
    return out;
}

namespace {

// Returns true with the bytes once the request finished (and forgets it); fails the load on error.
bool take(App& app, FetchId& id, const std::string& file, std::string& bytes, std::uint64_t* received = nullptr) {
    FetchPoll got = fetch_poll(id, file);
    if (got.state == FetchState::Pending) return false;
    if (got.state == FetchState::Failed) {
        fail(app, std::move(got.error));
        return false;
    }
    bytes = std::move(got.bytes);
    app.loader.bytes_done += got.received;
    if (received) *received = got.received;
    return true;
}

std::vector<const FontRef*> font_files(const Manifest& m) {
    std::vector<const FontRef*> files;
    for (const auto& f : m.fonts) files.push_back(&f);
    if (!m.fallback.file.empty()) files.push_back(&m.fallback);
    return files;
}

FontFile& font_file(App& app, std::size_t file) {
    return file < app.font.faces.size() ? app.font.faces[file] : app.font.fallback;
}

// Asks for a font slice (once): the first slices and those holding a character on screen now, the
// rest at low priority.
void ask_slice(App& app, SliceId id, FetchPriority priority) {
    Loader& l = app.loader;
    if (!l.asked.insert(id).second) return;
    const auto files = font_files(app.manifest);
    const std::vector<FontSlice> slices = font_slices(*files[id.file]);
    l.slices.push_back({id, fetch_start(slices[id.slice].file, priority)});
}

// The fonts' slices sorted out at the manifest: their files and which have arrived (none).
void expect_fonts(App& app) {
    FontState& f = app.font;
    f.sources = glyph_sources(app.manifest, !app.manifest.fallback.file.empty());
    expect_slices(f.sources);
    const auto files = font_files(app.manifest);
    for (std::size_t k = 0; k < files.size(); ++k) {
        const std::size_t n = font_slices(*files[k]).size();
        if (k < app.manifest.fonts.size()) f.faces.push_back({std::vector<std::string>(n)});
        else f.fallback.slices.assign(n, {});
        app.loader.bytes_total += files[k]->bytes;
        ask_slice(app, {k, 0}, FetchPriority::Normal);
    }
}

// Takes the font slices that arrived. A first slice that fails fails the load; a later one leaves
// its glyphs drawn as placeholders.
void take_fonts(App& app) {
    Loader& l = app.loader;
    const auto files = font_files(app.manifest);
    std::string bytes;
    std::uint64_t received = 0;
    for (std::size_t k = 0; k < l.slices.size() && l.phase != LoadPhase::Failed;) {
        SliceFetch& got = l.slices[k];
        const FontSlice ref = font_slices(*files[got.id.file])[got.id.slice];
        const bool first = got.id.slice == 0;
        FetchPoll polled = fetch_poll(got.fetch, ref.file);
        if (polled.state == FetchState::Pending) { ++k; continue; }
        received = polled.received;
        bytes = std::move(polled.bytes);
        const bool whole = polled.state == FetchState::Done && received == ref.bytes;
        if (!whole && first) {
            fail(app, polled.state == FetchState::Failed ? polled.error
                      : "the font file " + ref.file + " is truncated (" + std::to_string(received) + " of " +
                            std::to_string(ref.bytes) + " bytes)");
            return;
        }
        if (first) l.bytes_done += received;
        if (whole) {
            font_file(app, got.id.file).slices[got.id.slice] = std::move(bytes);
            slice_arrived(app.font.sources, got.id);
            if (!first) fonts_slice_arrived(app);
        }
        l.slices.erase(l.slices.begin() + static_cast<std::ptrdiff_t>(k));
    }
}

bool first_slices_in(const App& app) {
    for (const auto& file : app.font.sources.arrived)
        if (file.empty() || !file[0]) return false;
    return true;
}

// Slices holding characters on screen now, then (once the list shows) the rest a few at a time, at
// low priority beside the older metadata: so they are in before the reader opens posts, searches or
// sits idle, where they would compete with the reader's files or use the link unasked.
void ask_later_slices(App& app) {
    if (!app.font.loaded) return;
    for (const SliceId& id : slices_wanted(app.font.sources, app.font.need)) ask_slice(app, id, FetchPriority::Normal);
    const Loader& l = app.loader;
    const bool shown = !app.visible_rows.empty() && !app.font.imgui_faces.empty();
    if (l.phase == LoadPhase::Failed || !(shown || l.phase == LoadPhase::Ready)) return;
    while (l.slices.size() < kSlicesInFlight)
        if (const auto next = next_background_slice(app.font.sources, l.asked)) ask_slice(app, *next, FetchPriority::Low);
        else break;
}

// Takes the metadata shards that arrived, in order, for at most a frame's worth of time.
void take_meta(App& app) {
    Loader& l = app.loader;
    const double start = platform_now_ms();
    std::string bytes;
    while (l.next_meta < l.meta.size() && l.phase != LoadPhase::Failed && platform_now_ms() - start < 30.0) {
        const ShardRef& ref = app.manifest.meta[l.next_meta];
        if (!take(app, l.meta[l.next_meta], ref.file, bytes)) return;
        if (auto st = parse_meta_shard(bytes, app.manifest, ref, app.catalog); !st) {
            fail(app, st.error().message);
            return;
        }
        ++l.next_meta;
    }
}

// The older shards, a few at a time at low priority, once the list shows (at once, when the page
// was opened with a view in its hash, which needs every post).
void ask_meta(App& app) {
    Loader& l = app.loader;
    const bool shown = !app.visible_rows.empty() && !app.font.imgui_faces.empty();
    if (!app.font.loaded || l.next_meta == 0 || !(shown || l.linked)) return;
    std::uint64_t in_flight = 0;
    for (std::size_t k = l.next_meta; k < l.meta.size(); ++k) in_flight += app.manifest.meta[k].bytes;
    while (l.meta.size() < app.manifest.meta.size() && l.meta.size() - l.next_meta < kMetaInFlight &&
           (l.meta.size() == l.next_meta || in_flight + app.manifest.meta[l.meta.size()].bytes <= kMetaBytesInFlight)) {
        in_flight += app.manifest.meta[l.meta.size()].bytes;
        l.meta.push_back(fetch_start(app.manifest.meta[l.meta.size()].file, l.linked ? FetchPriority::Normal : FetchPriority::Low));
    }
}

}  // namespace

void loader_update(App& app) {
    Loader& l = app.loader;
    std::string bytes;
    switch (l.phase) {
        case LoadPhase::Manifest:
            if (!l.pending) {
                l.pending = fetch_start(kManifestPath);
                return;
            }
            if (!take(app, l.pending, kManifestPath, bytes)) return;
            if (auto m = parse_manifest(bytes); m) {
                app.manifest = std::move(*m);
                if (!app.manifest.dictionary.file.empty()) fetch_set_dictionary(app.manifest.dictionary.file);
                l.bytes_total = bytes.size();
                // What the first screen needs: the fonts' first slices and the newest metadata shards.
                expect_fonts(app);
                for (const auto& ref : app.manifest.meta) l.bytes_total += ref.bytes;
                for (std::size_t k = 0; k < first_screen_shards(app.manifest); ++k)
                    l.meta.push_back(fetch_start(app.manifest.meta[k].file));
                l.phase = LoadPhase::Metadata;
                l.linked = page_hash().size() > 1;
            } else {
                fail(app, m.error().message);
            }
            return;
        case LoadPhase::Metadata:
        case LoadPhase::Font:
            take_fonts(app);
            take_meta(app);
            bodies_update(app);  // the list shows while older metadata streams in, and so may the reader
            if (l.phase == LoadPhase::Failed) {
                for (FetchId id : l.meta) if (id) fetch_forget(id);
                for (const SliceFetch& f : l.slices) if (f.fetch) fetch_forget(f.fetch);
                return;
            }
            if (first_slices_in(app) && !app.font.loaded) {
                app.font.loaded = true;
                app.font.baked_for_ratio = 0.0f;  // ask fonts_update for a new atlas
            }
            ask_meta(app);
            ask_later_slices(app);
            if (l.next_meta < app.manifest.meta.size()) return;
            l.phase = app.font.loaded ? LoadPhase::Ready : LoadPhase::Font;
            if (l.phase == LoadPhase::Ready) page_loaded();
            return;
        case LoadPhase::Ready:
            take_fonts(app);
            ask_later_slices(app);
            bodies_update(app);
            return;
        case LoadPhase::Failed:
            return;
    }
}

bool loader_busy(const App& app) {
    const Loader& l = app.loader;
    const auto arrived = [](FetchId id) { return id != 0 && fetch_status(id).state != FetchState::Pending; };
    switch (l.phase) {
        case LoadPhase::Manifest: return l.pending == 0 || arrived(l.pending);
        case LoadPhase::Metadata:
        case LoadPhase::Font:  // metadata is taken a slice of time a frame
            if (l.next_meta < l.meta.size() && arrived(l.meta[l.next_meta])) return true;
            [[fallthrough]];
        case LoadPhase::Ready:
            return std::any_of(l.slices.begin(), l.slices.end(), [&](const SliceFetch& f) { return arrived(f.fetch); });
        default: return false;
    }
}

bool loader_browsable(const App& app) {
    const Loader& l = app.loader;
    if (l.phase == LoadPhase::Ready) return true;
    return l.phase == LoadPhase::Metadata && !l.linked && app.font.loaded && l.next_meta > 0;
}

float loader_progress(const App& app) {
    const Loader& l = app.loader;
    if (l.phase == LoadPhase::Ready) return 1.0f;
    if (l.bytes_total == 0) return -1.0f;
    std::uint64_t done = l.bytes_done;
    if (l.pending) done += fetch_status(l.pending).received;
    for (FetchId id : l.meta)
        if (id) done += fetch_status(id).received;
    for (const SliceFetch& f : l.slices)
        if (f.id.slice == 0) done += fetch_status(f.fetch).received;
    return static_cast<float>(static_cast<double>(done) / static_cast<double>(l.bytes_total));
}

}  // namespace folio

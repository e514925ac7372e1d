// Startup: the manifest, then the fonts and metadata shards; and fetch_poll, which every site
// file's fetch goes through.
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

// Takes the font files that arrived, in order.
void take_fonts(App& app) {
    Loader& l = app.loader;
    const auto files = font_files(app.manifest);
    std::string bytes;
    std::uint64_t received = 0;
    while (l.next_font < files.size() && l.phase != LoadPhase::Failed) {
        const FontRef& ref = *files[l.next_font];
        if (!take(app, l.fonts[l.next_font], ref.file, bytes, &received)) return;
        if (received != ref.bytes) {
            fail(app, "the font file " + ref.file + " is truncated (" + std::to_string(received) + " of " +
                          std::to_string(ref.bytes) + " bytes)");
            return;
        }
        FontFile file{std::move(bytes)};
        if (l.next_font < app.manifest.fonts.size()) app.font.faces.push_back(std::move(file));
        else app.font.fallback = std::move(file);
        ++l.next_font;
    }
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
                l.bytes_total = bytes.size();
                // What the first screen needs: the fonts and the newest metadata shard. The other
                // shards follow once those are in, so decoding them does not hold up the list.
                for (const FontRef* f : font_files(app.manifest)) {
                    l.bytes_total += f->bytes;
                    l.fonts.push_back(fetch_start(f->file));
                }
                for (const auto& ref : app.manifest.meta) l.bytes_total += ref.bytes;
                if (!app.manifest.meta.empty()) l.meta.push_back(fetch_start(app.manifest.meta.front().file));
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
                for (FetchId id : l.fonts) if (id) fetch_forget(id);
                return;
            }
            if (l.next_font == l.fonts.size() && !app.font.loaded) {
                app.font.loaded = true;
                app.font.baked_for_ratio = 0.0f;  // ask fonts_update for a new atlas
            }
            if (app.font.loaded && l.next_meta > 0)
                for (std::size_t i = l.meta.size(); i < app.manifest.meta.size(); ++i)
                    l.meta.push_back(fetch_start(app.manifest.meta[i].file));
            if (l.next_meta < app.manifest.meta.size()) return;
            l.phase = l.next_font < l.fonts.size() ? LoadPhase::Font : LoadPhase::Ready;
            if (l.phase == LoadPhase::Ready) page_loaded();
            return;
        case LoadPhase::Ready:
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
            return (l.next_font < l.fonts.size() && arrived(l.fonts[l.next_font])) ||
                   (l.next_meta < l.meta.size() && arrived(l.meta[l.next_meta]));
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
    for (const auto* ids : {&l.meta, &l.fonts})
        for (FetchId id : *ids)
            if (id) done += fetch_status(id).received;
    return static_cast<float>(static_cast<double>(done) / static_cast<double>(l.bytes_total));
}

}  // namespace folio

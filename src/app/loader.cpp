#include "app.h"

namespace folio {
namespace {

void fail(App& app, std::string message) {
    app.loader.phase = LoadPhase::Failed;
    app.loader.error = std::move(message);
}

std::string describe_http_failure(const std::string& file, int status) {
    if (status == 404) return file + " is missing from the site (HTTP 404)";
    if (status > 0) return "the server answered HTTP " + std::to_string(status) + " for " + file;
    return "could not load " + file + " (no answer: offline, or the server stopped). To read offline, serve the site "
           "folder with `folio serve SITE-DIR`, or open its index.html from disk and click \"Open archive folder\"";
}

// Returns true with the bytes once the pending request finished; fails the load on error.
bool take_pending(App& app, const std::string& file, std::string& bytes) {
    const FetchStatus st = fetch_status(app.loader.pending);
    if (st.state == FetchState::Pending) return false;
    if (st.state == FetchState::Failed) {
        fetch_forget(app.loader.pending);
        fail(app, describe_http_failure(file, st.http_status));
        return false;
    }
    bytes = fetch_take(app.loader.pending);
    app.loader.pending = 0;
    app.loader.bytes_done += bytes.size();
    return true;
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
            if (!take_pending(app, kManifestPath, bytes)) return;
            if (auto m = parse_manifest(bytes); m) {
                app.manifest = std::move(*m);
                l.bytes_total = bytes.size() + app.manifest.fallback.bytes;
                for (const auto& f : app.manifest.fonts) l.bytes_total += f.bytes;
                for (const auto& ref : app.manifest.meta) l.bytes_total += ref.bytes;
                l.phase = LoadPhase::Metadata;
            } else {
                fail(app, m.error().message);
            }
            return;
        case LoadPhase::Metadata:
            if (l.next_meta >= app.manifest.meta.size()) {
                l.phase = LoadPhase::Font;
                return;
            }
            if (!l.pending) {
                l.pending = fetch_start(app.manifest.meta[l.next_meta].file);
                return;
            }
            if (!take_pending(app, app.manifest.meta[l.next_meta].file, bytes)) return;
            if (auto st = parse_meta_shard(bytes, app.manifest, app.manifest.meta[l.next_meta], app.catalog); !st) {
                fail(app, st.error().message);
                return;
            }
            ++l.next_meta;
            return;
        case LoadPhase::Font: {
            std::vector<const FontRef*> files;
            for (const auto& f : app.manifest.fonts) files.push_back(&f);
            if (!app.manifest.fallback.file.empty()) files.push_back(&app.manifest.fallback);
            if (l.next_font >= files.size()) {
                app.font.loaded = true;
                app.font.baked_for_ratio = 0.0f;  // ask fonts_update for a new atlas
                l.phase = LoadPhase::Ready;
                return;
            }
            const FontRef& ref = *files[l.next_font];
            if (!l.pending) {
                l.pending = fetch_start(ref.file);
                return;
            }
            if (!take_pending(app, ref.file, bytes)) return;
            if (bytes.size() != ref.bytes) {
                fail(app, "the font file " + ref.file + " is truncated (" + std::to_string(bytes.size()) + " of " +
                              std::to_string(ref.bytes) + " bytes)");
                return;
            }
            FontFile file{std::move(bytes), {}};
            for (const auto& r : ref.codepoints) {
                file.ranges.push_back(static_cast<ImWchar>(r.first));
                file.ranges.push_back(static_cast<ImWchar>(r.last));
            }
            file.ranges.push_back(0);
            if (l.next_font < app.manifest.fonts.size()) app.font.faces.push_back(std::move(file));
            else app.font.fallback = std::move(file);
            ++l.next_font;
            return;
        }
        case LoadPhase::Ready:
        case LoadPhase::Failed:
            return;
    }
}

float loader_progress(const App& app) {
    const Loader& l = app.loader;
    if (l.phase == LoadPhase::Ready) return 1.0f;
    if (l.bytes_total == 0) return -1.0f;
    std::uint64_t done = l.bytes_done;
    if (l.pending) done += fetch_status(l.pending).received;
    return static_cast<float>(static_cast<double>(done) / static_cast<double>(l.bytes_total));
}

const std::vector<Block>* post_blocks(App& app, std::size_t post, std::string* error) {
    const auto& shards = app.manifest.bodies;
    std::size_t shard = 0;
    while (shard < shards.size() && post >= shards[shard].first + shards[shard].count) ++shard;
    if (shard == shards.size()) {
        if (error) *error = "no body file holds this post";
        return nullptr;
    }
    if (auto it = app.bodies.chunks.find(shard); it != app.bodies.chunks.end())
        return &it->second[post - shards[shard].first];
    if (auto it = app.bodies.errors.find(shard); it != app.bodies.errors.end()) {
        if (error) *error = it->second;
        return nullptr;
    }
    auto pending = app.bodies.pending.find(shard);
    if (pending == app.bodies.pending.end()) {
        app.bodies.pending[shard] = fetch_start(shards[shard].file);
        return nullptr;
    }
    const FetchStatus st = fetch_status(pending->second);
    if (st.state == FetchState::Pending) return nullptr;
    if (st.state == FetchState::Failed) {
        fetch_forget(pending->second);
        app.bodies.errors[shard] = describe_http_failure(shards[shard].file, st.http_status);
    } else if (auto chunk = parse_body_chunk(fetch_take(pending->second), shards[shard]); chunk) {
        app.bodies.chunks[shard] = std::move(*chunk);
    } else {
        app.bodies.errors[shard] = chunk.error().message;
    }
    app.bodies.pending.erase(pending);
    return post_blocks(app, post, error);
}

}  // namespace folio

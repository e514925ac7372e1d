// Post bodies: the panels ask for them while drawing (bodies_want, snippet_want); bodies_update,
// between frames, takes the chunks that arrived, makes the snippets asked for, starts the fetches
// asked for and evicts the least recently used chunks. post_blocks only looks: it never fetches.
#include <algorithm>

#include "app.h"

namespace folio {
namespace {

// The body chunk that holds post, or shards.size() when none does.
std::size_t body_shard_of(const App& app, std::size_t post) {
    const auto& shards = app.manifest.bodies;
    if (shards.empty() || post < shards.front().first) return shards.size();
    const auto it = std::upper_bound(shards.begin(), shards.end(), post,
                                     [](std::size_t p, const ShardRef& s) { return p < s.first; });
    const auto shard = static_cast<std::size_t>(it - shards.begin()) - 1;
    return post < shards[shard].first + shards[shard].count ? shard : shards.size();
}

// Decodes the chunks whose fetch finished (or notes why they failed).
void take_arrivals(App& app) {
    BodyCache& b = app.bodies;
    for (auto it = b.pending.begin(); it != b.pending.end();) {
        const ShardRef& ref = app.manifest.bodies[it->first];
        FetchPoll got = fetch_poll(it->second, ref.file);
        if (got.state == FetchState::Pending) {
            ++it;
            continue;
        }
        if (got.state == FetchState::Failed) b.errors[it->first] = std::move(got.error);
        else if (auto chunk = parse_body_chunk(got.bytes, ref); !chunk) b.errors[it->first] = chunk.error().message;
        else {
            b.chunks[it->first] = std::move(*chunk);
            b.last_used[it->first] = ++b.uses;  // a new arrival is not the first to go
        }
        it = b.pending.erase(it);
    }
}

// The search snippets the list asked for whose bodies are in (for the query the list drew with).
void make_snippets(App& app) {
    SearchState& s = app.search;
    for (const std::size_t post : app.bodies.snippets_wanted) {
        if (!s.active || s.snippets.count(post)) continue;
        if (const std::vector<Block>* blocks = post_blocks(app, post, nullptr))
            s.snippets.emplace(post, make_snippet(plain_text(*blocks), s.query, s.fold, 60));
    }
    app.bodies.snippets_wanted.clear();
}

// Starts the chunk's fetch when it is neither in, on its way nor failed; `use` marks it as used now.
void use_chunk(App& app, std::size_t shard, bool use = true) {
    BodyCache& b = app.bodies;
    if (shard >= app.manifest.bodies.size()) return;
    if (b.chunks.count(shard)) {
        if (use) b.last_used[shard] = ++b.uses;
    } else if (!b.pending.count(shard) && !b.errors.count(shard))
        b.pending[shard] = fetch_start(app.manifest.bodies[shard].file);
}

// Drops the least recently used chunks beyond kMaxBodyChunks, never the open post's.
void evict(App& app, std::size_t open) {
    BodyCache& b = app.bodies;
    while (b.chunks.size() > kMaxBodyChunks) {
        std::size_t victim = open;
        std::uint64_t oldest = UINT64_MAX;
        for (const auto& [shard, chunk] : b.chunks)
            if (shard != open && b.last_used[shard] < oldest) oldest = b.last_used[shard], victim = shard;
        if (victim == open) break;
        b.chunks.erase(victim);
        b.last_used.erase(victim);
    }
}

}  // namespace

void bodies_want(App& app, std::size_t post) { app.bodies.wanted.push_back(post); }

void snippet_want(App& app, std::size_t post) {
    app.bodies.snippets_wanted.push_back(post);
    bodies_want(app, post);
}

void bodies_update(App& app) {
    BodyCache& b = app.bodies;
    const auto& shards = app.manifest.bodies;
    take_arrivals(app);
    make_snippets(app);
    // The open post's chunk, then the chunks asked for, then the neighbour of an open post near an edge.
    const bool open = app.selected && *app.selected < app.catalog.size();
    const std::size_t post = open ? *app.selected : 0;
    const std::size_t own = open ? body_shard_of(app, post) : shards.size();
    for (const std::size_t wanted : b.wanted) use_chunk(app, body_shard_of(app, wanted));
    b.wanted.clear();
    use_chunk(app, own);
    if (own >= shards.size()) return;
    evict(app, own);
    if (own > 0 && post - shards[own].first < kPrefetchMargin) use_chunk(app, own - 1, false);
    if (own + 1 < shards.size() && shards[own].first + shards[own].count - post <= kPrefetchMargin)
        use_chunk(app, own + 1, false);
}

bool bodies_busy(const App& app) {
    const BodyCache& b = app.bodies;
    const auto unasked = [&](std::size_t post) {
        const std::size_t shard = body_shard_of(app, post);
        return shard < app.manifest.bodies.size() && !b.chunks.count(shard) && !b.pending.count(shard) && !b.errors.count(shard);
    };
    if (app.selected && *app.selected < app.catalog.size() && unasked(*app.selected)) return true;
    for (const std::size_t post : b.wanted)
        if (unasked(post)) return true;
    for (const std::size_t post : b.snippets_wanted)
        if (app.search.active && !app.search.snippets.count(post) && post_blocks(app, post, nullptr)) return true;
    return false;
}

const std::vector<Block>* post_blocks(const App& app, std::size_t post, std::string* error) {
    const std::size_t shard = body_shard_of(app, post);
    if (shard >= app.manifest.bodies.size()) {
        if (error) *error = "no body file holds this post";
        return nullptr;
    }
    if (auto it = app.bodies.chunks.find(shard); it != app.bodies.chunks.end())
        return &it->second[post - app.manifest.bodies[shard].first];
    if (auto it = app.bodies.errors.find(shard); it != app.bodies.errors.end() && error) *error = it->second;
    return nullptr;
}

}  // namespace folio

// Search in the viewer: fetch the index as needed and rerun the query whenever the box changes.
#include "app.h"
#include "platform.h"

namespace folio {
namespace {

// Polls one fetch (fetch_poll); returns true with bytes when done, sets the error on failure.
bool finished(FetchId& id, std::string& bytes, std::string& error, const std::string& file) {
    FetchPoll got = fetch_poll(id, file);
    if (got.state == FetchState::Failed) error = std::move(got.error);
    bytes = std::move(got.bytes);
    return got.state != FetchState::Pending;
}

// The search list (the index's files), read into the manifest; true once it is there.
bool list_ready(App& app) {
    SearchState& s = app.search;
    SearchRef& ref = app.manifest.search;
    if (ref.listed()) return true;
    if (!s.list_fetch) {
        s.list_fetch = fetch_start(ref.list.file);
        return false;
    }
    std::string bytes;
    if (!finished(s.list_fetch, bytes, s.error, ref.list.file)) return false;
    if (s.error.empty())
        if (auto st = parse_search_list(bytes, app.manifest); !st) s.error = st.error().message;
    return s.error.empty();
}

void load_base(App& app) {
    SearchState& s = app.search;
    const SearchRef& ref = app.manifest.search;
    if (s.base == SearchState::Base::NotStarted) {
        if (!ref.present()) {
            s.base = SearchState::Base::Failed;
            s.error = "this site was built without a search index";
            return;
        }
        s.base = SearchState::Base::Loading;
    }
    if (!s.base_started) {
        if (!list_ready(app)) {
            if (!s.error.empty()) s.base = SearchState::Base::Failed;
            return;
        }
        s.base_started = true;
        s.fold_fetch = fetch_start(ref.fold.file);
        for (const auto& seg : ref.segments) s.docs_fetches.push_back(fetch_start(seg.docs.file));
        return;
    }
    std::string bytes;
    if (s.fold_fetch && finished(s.fold_fetch, bytes, s.error, ref.fold.file) && s.error.empty()) {
        if (auto table = decode_fold_table(bytes)) s.fold = std::move(*table);
        else s.error = table.error().message;
    }
    // Segments join the index in manifest order, so docs are numbered like posts.
    while (s.error.empty() && s.docs_loaded < s.docs_fetches.size()) {
        FetchId& id = s.docs_fetches[s.docs_loaded];
        const std::string& file = ref.segments[s.docs_loaded].docs.file;
        if (!finished(id, bytes, s.error, file)) break;
        if (!s.error.empty()) break;
        if (auto st = s.index.load_docs(bytes); !st) s.error = st.error().message;
        ++s.docs_loaded;
    }
    if (!s.error.empty()) s.base = SearchState::Base::Failed;
    else if (!s.fold_fetch && s.docs_loaded == s.docs_fetches.size()) s.base = SearchState::Base::Ready;
}

// Starts fetches for shards the query needs; true when all are loaded.
bool shards_ready(App& app) {
    SearchState& s = app.search;
    bool ready = true;
    for (const ShardId id : shards_needed(s.query, s.index)) {
        if (s.index.has_shard(id)) continue;
        ready = false;
        const auto& shards = app.manifest.search.segments[id.segment].shards;
        auto it = s.shard_fetches.find(id);
        if (it == s.shard_fetches.end()) {
            if (id.shard < shards.size()) s.shard_fetches[id] = fetch_start(shards[id.shard].file);
            else s.error = "the manifest lists too few search shards";
            continue;
        }
        std::string bytes;
        if (finished(it->second, bytes, s.error, shards[id.shard].file)) {
            s.shard_fetches.erase(it);
            if (s.error.empty()) {
                if (auto st = s.index.load_shard(id, bytes); !st) s.error = st.error().message;
            }
        }
    }
    return ready && s.error.empty();
}

void run(App& app) {
    SearchState& s = app.search;
    const double t0 = platform_now_ms();
    const SearchFilterData filters{&app.catalog, &app.manifest, &s.fold};
    auto results = search(s.index, s.query, filters, s.ran_by_date ? SortOrder::Newest : SortOrder::Relevance,
                          app.catalog.size());
    s.last_ms = platform_now_ms() - t0;
    s.waiting = false;
    s.results.clear();
    if (!results) {
        s.error = results.error().message;
        s.total = 0;
        return;
    }
    for (const Hit& hit : results->hits) s.results.push_back(hit.doc);
    s.total = results->total;
    ++s.generation;
}

}  // namespace

void search_update(App& app) {
    SearchState& s = app.search;
    if (app.loader.phase != LoadPhase::Ready) return;
    if (s.base != SearchState::Base::Ready) {
        load_base(app);
        if (s.base != SearchState::Base::Ready) return;
    }
    const ViewState& view = current_view(app);
    if (view.query != s.ran) {  // a new query
        s.ran = view.query;
        s.query = parse_query(view.query, s.fold);
        s.active = !s.query.empty();
        s.error.clear();
        s.snippets.clear();
        s.waiting = s.active;
        if (!s.active) s.results.clear();
        ++s.generation;
    }
    if (view.newest_first != s.ran_by_date) {  // the same query in another order
        s.ran_by_date = view.newest_first;
        s.waiting = s.active;
    }
    if (s.waiting && shards_ready(app)) run(app);
    if (!s.error.empty()) s.waiting = false;
}

void search_set_text(App& app, const char* text) { view_dispatch(app, view_event::Query{text ? text : ""}); }

ByteRanges search_matches(const App& app, std::string_view text) {
    if (!app.search.active) return {};
    return find_matches(text, app.search.query, app.search.fold);
}

}  // namespace folio

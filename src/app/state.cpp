// The view in the URL hash (links can be shared, back/forward work), bookmarks and read marks.
#include "app.h"
#include "folio/view_hash.h"
#include "page.h"

namespace folio {
namespace {

ViewState current_view(const App& app) {
    ViewState v;
    v.filters = app.browse.view.filters;
    v.sort = app.browse.view.sort;
    v.ascending = app.browse.view.ascending;
    v.post_id = app.selected && *app.selected < app.catalog.size() ? app.catalog.ids[*app.selected] : "";
    v.query = app.search.input;
    v.newest_first = app.search.by_date;
    return v;
}

void apply_view(App& app, const ViewState& v) {
    ViewSync& vs = app.view;
    BrowseState& b = app.browse;
    if (v.filters != b.view.filters || v.sort != b.view.sort || v.ascending != b.view.ascending) {
        b.view.filters = v.filters;
        b.view.sort = v.sort;
        b.view.ascending = v.ascending;
        b.dirty = true;
    }
    const bool resort = v.newest_first != app.search.by_date;  // the search re-sorts: a new result list
    app.search.by_date = v.newest_first;
    const bool new_query = v.query != app.search.input;
    if (new_query) search_set_text(app, v.query.c_str());
    const auto it = v.post_id.empty() ? vs.post_by_id.end() : vs.post_by_id.find(v.post_id);
    if (it != vs.post_by_id.end()) {
        app.selected = it->second;
        app.search.keep_selection = (new_query || resort) && !v.query.empty();  // its results must not replace the named post
        vs.reveal = true;
    } else if (v.post_id.empty()) {
        app.selected.reset();
    }
    vs.typing = false;
    vs.last = v;
    vs.last_hash = format_view_hash(v);
}

void save_marks(App& app) {
    if (!page_save_marks(format_marks(app.marks.marks, "")))
        app.marks.message = "Bookmarks could not be saved: the browser's storage is full or turned off";
}

bool has(const std::set<std::string>& set, const App& app, std::size_t post) {
    return post < app.catalog.size() && set.count(app.catalog.ids[post]) > 0;
}

}  // namespace

void marks_load(App& app) {
    if (app.marks.loaded) return;
    if (auto stored = page_load_marks(); !stored.empty()) {
        if (auto m = parse_marks(stored)) app.marks.marks = std::move(*m);
        else app.marks.message = "The stored bookmarks could not be read: " + m.error().message;
    }
    app.marks.loaded = true;
}

void view_update(App& app) {
    ViewSync& vs = app.view;
    if (!vs.started) {
        vs.started = true;
        for (std::size_t i = 0; i < app.catalog.size(); ++i) vs.post_by_id.emplace(app.catalog.ids[i], i);
        vs.incoming = page_hash();
        marks_load(app);
    }
    if (vs.incoming) {
        if (*vs.incoming != vs.last_hash) apply_view(app, parse_view_hash(*vs.incoming));
        vs.incoming.reset();
    }
    if (vs.reveal && app.selected && !app.search.waiting) {  // bring the linked post into view in the list
        const std::size_t n = list_size(app);
        for (std::size_t r = 0; r < n; ++r)
            if (list_post(app, r) == *app.selected) app.scroll_to_row = r;
        vs.reveal = false;
    }
}

void view_sync(App& app) {
    ViewSync& vs = app.view;
    if (!vs.started) return;
    const ViewState v = current_view(app);
    const std::string hash = format_view_hash(v);
    if (hash != vs.last_hash) {
        bool push = false;
        if (v.query != vs.last.query) {  // typing: the first change is an entry, the rest replace it
            push = !vs.typing;
            vs.typing = true;
        } else if (vs.push || v.filters != vs.last.filters || v.sort != vs.last.sort || v.ascending != vs.last.ascending ||
                   v.newest_first != vs.last.newest_first) {
            push = true;
            vs.typing = false;
        }
        // The first write (the post opened at start) completes the page's entry rather than adding one.
        page_set_hash(hash, push && !vs.last_hash.empty());
        vs.last_hash = hash;
        vs.last = v;
    }
    vs.push = false;
}

void view_navigate(App& app) { app.view.push = true; }

void view_hash_changed(App& app, const char* hash) { app.view.incoming = hash ? hash : ""; }

bool is_bookmarked(const App& app, std::size_t post) { return has(app.marks.marks.bookmarks, app, post); }
bool is_read(const App& app, std::size_t post) { return has(app.marks.marks.read, app, post); }

void toggle_bookmark(App& app, std::size_t post) {
    if (post >= app.catalog.size()) return;
    auto& set = app.marks.marks.bookmarks;
    const std::string& id = app.catalog.ids[post];
    if (!set.erase(id)) set.insert(id);
    save_marks(app);
}

void mark_read(App& app, std::size_t post) {
    if (post >= app.catalog.size() || !app.marks.loaded || is_read(app, post)) return;
    app.marks.marks.read.insert(app.catalog.ids[post]);
    save_marks(app);
}

void marks_import(App& app, const char* text) {
    auto m = parse_marks(text ? text : "");
    if (!m) {
        app.marks.message = "Import failed: " + m.error().message;
        return;
    }
    const std::size_t before_b = app.marks.marks.bookmarks.size(), before_r = app.marks.marks.read.size();
    merge_marks(app.marks.marks, *m);
    save_marks(app);
    app.marks.message = "Imported " + std::to_string(app.marks.marks.bookmarks.size() - before_b) + " new bookmarks and " +
                        std::to_string(app.marks.marks.read.size() - before_r) + " read marks";
}

}  // namespace folio

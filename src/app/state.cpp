// The view in the URL hash (links can be shared, back/forward work), bookmarks and read marks.
#include <algorithm>

#include "app.h"
#include "folio/view_hash.h"
#include "page.h"

namespace folio {
namespace {

void save_marks(App& app) {
    if (!page_save_marks(format_marks(app.marks.marks, "")))
        app.marks.message = ui(app, Ui::MarksSaveFailed);
}

bool has(const std::set<std::string>& set, const App& app, std::size_t post) {
    return post < app.catalog.size() && set.count(app.catalog.ids[post]) > 0;
}

}  // namespace

void marks_load(App& app) {
    if (app.marks.loaded) return;
    if (auto stored = page_load_marks(); !stored.empty()) {
        if (auto m = parse_marks(stored)) app.marks.marks = std::move(*m);
        else app.marks.message = ui(app, Ui::MarksReadFailed, {m.error().message});
    }
    app.marks.loaded = true;
}

void view_dispatch(App& app, ViewEvent event) { app.view.queued.push_back(std::move(event)); }

void view_apply(App& app) {
    ViewModel& vm = app.view;
    for (const ViewEvent& event : vm.queued) {
        ViewStep step = view_next(vm.flow, event);
        vm.flow = std::move(step.flow);
        // A link is what the page's address already holds: changes before it are not written.
        vm.history = std::holds_alternative<view_event::Link>(event) ? HistoryEntry::None : std::max(vm.history, step.history);
    }
    vm.queued.clear();
    const auto it = vm.post_by_id.find(vm.flow.view.post_id);
    app.selected = it != vm.post_by_id.end() ? std::optional<std::size_t>(it->second) : std::nullopt;
}

void view_update(App& app) {
    ViewModel& vm = app.view;
    for (; vm.ids_indexed < app.catalog.size(); ++vm.ids_indexed) vm.post_by_id.emplace(app.catalog.ids[vm.ids_indexed], vm.ids_indexed);
    // While metadata still streams in, the newest posts are listed; the view in the page's address is
    // read and written once every post is in.
    if (app.loader.phase == LoadPhase::Ready && !vm.started) {
        vm.started = true;
        vm.incoming = page_hash();
    }
    if (vm.started && vm.incoming) {
        if (*vm.incoming != vm.last_hash) {
            ViewState v = parse_view_hash(*vm.incoming);
            if (!v.post_id.empty() && !vm.post_by_id.count(v.post_id)) v.post_id = vm.flow.view.post_id;  // not in this archive
            view_dispatch(app, view_event::Link{std::move(v)});
        }
        vm.incoming.reset();
    }
    view_apply(app);
}

void view_sync(App& app) {
    ViewModel& vm = app.view;
    if (!vm.started) return;
    const std::string hash = format_view_hash(vm.flow.view);
    // The first write (the post opened at start) completes the page's entry rather than adding one.
    if (hash != vm.last_hash && vm.history != HistoryEntry::None)
        page_set_hash(hash, vm.history == HistoryEntry::Push && !vm.last_hash.empty());
    vm.last_hash = hash;
    vm.history = HistoryEntry::None;
}

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
        app.marks.message = ui(app, Ui::ImportFailed, {m.error().message});
        return;
    }
    const std::size_t before_b = app.marks.marks.bookmarks.size(), before_r = app.marks.marks.read.size();
    const std::size_t before_s = app.marks.marks.searches.size();
    merge_marks(app.marks.marks, *m);
    save_marks(app);
    app.marks.message = ui(app, Ui::Imported, {std::to_string(app.marks.marks.bookmarks.size() - before_b),
                                               std::to_string(app.marks.marks.read.size() - before_r),
                                               std::to_string(app.marks.marks.searches.size() - before_s)});
}

std::string format_saved_view(ViewState view) {
    view.post_id.clear();
    return format_view_hash(view);
}

bool saved_search_add(App& app, std::string_view name) {
    const std::string stored = clean_search_name(name);
    if (!save_search(app.marks.marks, stored, format_saved_view(current_view(app)))) {
        app.marks.message = ui(app, Ui::SaveSearchFailed);
        return false;
    }
    app.marks.message = ui(app, Ui::SearchSaved, {stored});
    save_marks(app);
    return true;
}

void saved_search_open(App& app, const SavedSearch& search) { view_dispatch(app, view_event::Restore{parse_view_hash(search.view)}); }

void saved_search_delete(App& app, const std::string& name) {
    delete_search(app.marks.marks, name);
    save_marks(app);
}

}  // namespace folio

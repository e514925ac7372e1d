// Related coverage in the viewer: the site's related file (folio/related.h), fetched once every
// post's metadata is in, and the reader's compare of the open post with one of its copies
// (folio/text_diff.h), made between frames once both bodies are in.
#include <algorithm>

#include "app.h"

namespace folio {
namespace {

// The blocks' text as one string (a '\n' between blocks) and where each block starts in it.
std::string joined_text(const std::vector<Block>& blocks, std::vector<std::uint32_t>& starts) {
    std::string all;
    for (const Block& b : blocks) {
        if (!all.empty()) all += '\n';
        starts.push_back(static_cast<std::uint32_t>(all.size()));
        all += b.text;
    }
    return all;
}

// Splits ranges of the joined text into each block's own byte ranges.
std::vector<ByteRanges> per_block(const TextRanges& ranges, const std::vector<std::uint32_t>& starts,
                                  const std::vector<Block>& blocks) {
    std::vector<ByteRanges> out(blocks.size());
    for (auto [begin, end] : ranges)
        for (std::size_t k = 0; k < blocks.size(); ++k) {
            const std::uint32_t lo = starts[k], hi = lo + static_cast<std::uint32_t>(blocks[k].text.size());
            if (end <= lo || begin >= hi) continue;
            out[k].push_back({std::max(begin, lo) - lo, std::min(end, hi) - lo});
        }
    return out;
}

// Whether the compare's marks are those of post against the copy asked for.
bool compare_is_for(const RelatedState& r, std::size_t post) {
    return r.compare_with && r.compare.ready && r.compare.post == post && r.compare.other == *r.compare_with;
}

// The open post against its copy, once both bodies are in.
void make_compare(App& app) {
    RelatedState& r = app.related;
    if (!r.compare_with || !app.selected || compare_is_for(r, *app.selected)) return;
    CompareState& c = r.compare;
    const std::vector<Block>* here = post_blocks(app, *app.selected, nullptr);
    const std::vector<Block>* there = post_blocks(app, *r.compare_with, nullptr);
    if (!here || !there) return;
    std::vector<std::uint32_t> starts_here, starts_there;
    const std::string a = joined_text(*here, starts_here), b = joined_text(*there, starts_there);
    const TextDiff diff = diff_text(a, b);
    c = CompareState{*app.selected, *r.compare_with, true, diff.aligned, per_block(diff.only_a, starts_here, *here),
                     diff.only_a.size(), {}};
    for (auto [begin, end] : diff.only_b) {  // a passage without the block breaks at its ends
        while (begin < end && b[begin] == '\n') ++begin;
        while (end > begin && b[end - 1] == '\n') --end;
        if (begin < end) c.only_there.push_back(b.substr(begin, end - begin));
    }
}

}  // namespace

void related_update(App& app) {
    RelatedState& r = app.related;
    const FileRef& file = app.manifest.related;
    if (!r.asked && app.loader.phase == LoadPhase::Ready && !file.file.empty()) {
        r.asked = true;
        r.fetch = fetch_start(file.file, FetchPriority::Low);
    }
    if (r.fetch) {
        FetchPoll got = fetch_poll(r.fetch, file.file);
        if (got.state == FetchState::Failed) r.error = std::move(got.error);
        else if (got.state == FetchState::Done) {
            if (auto lists = parse_related(got.bytes, app.manifest.post_count); lists) {
                r.lists = std::move(*lists);
                r.loaded = true;
            } else {
                r.error = lists.error().message;
            }
        }
    }
    if (r.compared_post != app.selected) r.compare_with.reset();  // a compare belongs to the post it was asked on
    make_compare(app);
}

bool related_busy(const App& app) {
    const RelatedState& r = app.related;
    if (r.fetch && fetch_status(r.fetch).state != FetchState::Pending) return true;
    if (!r.asked && app.loader.phase == LoadPhase::Ready && !app.manifest.related.file.empty()) return true;
    if (r.compared_post != app.selected && r.compare_with) return true;
    return r.compare_with && app.selected && !compare_is_for(r, *app.selected) && post_blocks(app, *app.selected, nullptr) &&
           post_blocks(app, *r.compare_with, nullptr);
}

std::vector<std::size_t> related_of(const App& app, std::size_t post) {
    std::vector<std::size_t> out;
    for (const std::uint32_t other : app.related.lists.of(static_cast<std::uint32_t>(post)))
        if (other < app.catalog.size()) out.push_back(other);
    return out;
}

void compare_set(App& app, std::optional<std::size_t> other) {
    app.related.compare_with = other;
    app.related.compared_post = app.selected;
}

const std::vector<ByteRanges>* compare_marks(const App& app, std::size_t post) {
    return compare_is_for(app.related, post) ? &app.related.compare.marks : nullptr;
}

}  // namespace folio

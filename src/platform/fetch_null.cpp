// Site files from a folder on disk (null platform): a request is answered at the start of the next
// frame, "*.gz" files decoded as the page's script decodes them (gzip magic bytes first), "*.gzd"
// files with the dictionary inserted as the script inserts it (folio/gunzip.h).
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "fetch.h"
#include "folio/gunzip.h"
#include "platform.h"
#include "platform_null.h"

namespace folio {
namespace {

struct Slot {
    std::string url;
    FetchStatus status;
    std::string bytes;
};

struct NullFetch {
    std::string root = ".";
    std::unordered_map<FetchId, Slot> slots;
    FetchId next_id = 1;
    bool hold = false;  // answers wait (a slow network)
    std::string dictionary_url;
    std::optional<std::string> dictionary;  // read at the first "*.gzd" file
};
NullFetch g_fetch;

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<std::string> read_site(const std::string& url) {
    std::ifstream in(g_fetch.root + "/" + url, std::ios::binary);
    if (url.find("../") != std::string::npos || url.find("://") != std::string::npos || !in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A "*.gzd" file decoded with the dictionary (folio/gunzip.h), else nothing.
std::optional<std::string> decode_with_dictionary(const std::string& stored) {
    if (!g_fetch.dictionary && !g_fetch.dictionary_url.empty())
        if (auto gz = read_site(g_fetch.dictionary_url))
            if (auto dict = gzip_decompress(*gz)) g_fetch.dictionary = std::move(*dict);
    if (!g_fetch.dictionary) return std::nullopt;
    auto text = gzip_decompress_with_dictionary(stored, *g_fetch.dictionary);
    if (!text) return std::nullopt;
    return std::move(*text);
}

// Reads a site file as a static server would answer it: 404 when missing, -1 when it cannot be decoded.
void answer(Slot& slot) {
    auto read = read_site(slot.url);
    if (!read) {
        slot.status = {FetchState::Failed, 0, 404};
        return;
    }
    std::string stored = std::move(*read);
    if (ends_with(slot.url, ".gzd")) {
        auto decoded = decode_with_dictionary(stored);
        slot.status = decoded ? FetchStatus{FetchState::Done, stored.size(), 200} : FetchStatus{FetchState::Failed, 0, -1};
        if (decoded) slot.bytes = std::move(*decoded);
        return;
    }
    const bool gzipped = ends_with(slot.url, ".gz") && stored.size() >= 2 && static_cast<unsigned char>(stored[0]) == 0x1f &&
                         static_cast<unsigned char>(stored[1]) == 0x8b;
    if (!gzipped) {
        slot.status = {FetchState::Done, stored.size(), 200};
        slot.bytes = std::move(stored);
        return;
    }
    auto decoded = gzip_decompress(stored);
    if (!decoded) {
        slot.status = {FetchState::Failed, 0, -1};
        return;
    }
    slot.status = {FetchState::Done, stored.size(), 200};
    slot.bytes = std::move(*decoded);
}

}  // namespace

void null_set_site_root(const std::string& dir) {
    g_fetch = NullFetch{};
    g_fetch.root = dir;
}

void null_fetch_deliver() {
    if (g_fetch.hold) return;
    bool answered = false;
    for (auto& [id, slot] : g_fetch.slots)
        if (slot.status.state == FetchState::Pending) {
            answer(slot);
            answered = true;
        }
    if (answered) platform_wake();  // as the browser's fetch callbacks do
}

void null_fetch_hold(bool hold) { g_fetch.hold = hold; }

FetchId fetch_start(const std::string& url, FetchPriority /*priority*/) {
    const FetchId id = g_fetch.next_id++;
    g_fetch.slots[id] = Slot{url, {}, {}};
    return id;
}

FetchStatus fetch_status(FetchId id) {
    auto it = g_fetch.slots.find(id);
    return it == g_fetch.slots.end() ? FetchStatus{FetchState::Failed, 0, 0} : it->second.status;
}

std::string fetch_take(FetchId id) {
    auto it = g_fetch.slots.find(id);
    if (it == g_fetch.slots.end()) return {};
    std::string bytes = std::move(it->second.bytes);
    g_fetch.slots.erase(it);
    return bytes;
}

void fetch_forget(FetchId id) { g_fetch.slots.erase(id); }

void fetch_set_dictionary(const std::string& url) {
    if (url == g_fetch.dictionary_url) return;
    g_fetch.dictionary_url = url;
    g_fetch.dictionary.reset();
}

}  // namespace folio

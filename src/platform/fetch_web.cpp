// Site files in the browser via window.folio.openFile (web/folio-shell.js, whose index lists this EM_JS
// block), a Promise<Response>; results land in a table polled by the app, and each wakes the page's frames.
#include <emscripten.h>

#include <unordered_map>

#include "fetch.h"
#include "platform.h"

namespace folio {
namespace {

struct Slot {
    FetchStatus status;
    std::string bytes;
};

// Module state, as in sokol_fetch: one table of in-flight requests.
std::unordered_map<FetchId, Slot> g_slots;
FetchId g_next_id = 1;

}  // namespace
}  // namespace folio

extern "C" {
EMSCRIPTEN_KEEPALIVE void folio_fetch_progress(int id, double received) {
    auto it = folio::g_slots.find(id);
    if (it != folio::g_slots.end()) it->second.status.received = static_cast<std::uint64_t>(received);
    folio::platform_wake();  // the loading bar moves
}
EMSCRIPTEN_KEEPALIVE void folio_fetch_done(int id, char* data, int size, double received, int http_status) {
    auto it = folio::g_slots.find(id);
    if (it != folio::g_slots.end()) {
        it->second.bytes.assign(data, static_cast<std::size_t>(size));
        it->second.status = {folio::FetchState::Done, static_cast<std::uint64_t>(received), http_status};
    }
    free(data);
    folio::platform_wake();
}
EMSCRIPTEN_KEEPALIVE void folio_fetch_failed(int id, int http_status) {
    auto it = folio::g_slots.find(id);
    if (it != folio::g_slots.end()) it->second.status = {folio::FetchState::Failed, 0, http_status};
    folio::platform_wake();
}
}

// Two steps: get a Response (fetch), then read its body counting stored bytes and decode it.
// Files named *.gz are gzip: decoded with DecompressionStream unless the server already decoded
// them (some add Content-Encoding for .gz), which the gzip magic bytes tell. Status -1 means the
// bytes arrived but could not be decoded (truncated or damaged).
EM_JS(void, folio_js_fetch, (int id, const char* url_ptr, int low), {
    const url = UTF8ToString(url_ptr);
    const readAll = async (stream, onChunk) => {
        const chunks = [];
        let size = 0;
        const reader = stream.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value);
            size += value.length;
            if (onChunk) onChunk(size);
        }
        return { chunks, size };
    };
    // Written straight into the decoder: a Blob's stream reads the bytes back from the browser
    // process (Blob was 110-180 ms of a cold chained query's main thread in a profile).
    const gunzip = (chunks) => {
        const stream = new DecompressionStream('gzip');
        const writer = stream.writable.getWriter();
        for (const c of chunks) writer.write(c).catch(() => {});  // a failure shows in the read
        writer.close().catch(() => {});
        return readAll(stream.readable);
    };
    const isGzip = (stored) => {
        const first = stored.chunks.length ? stored.chunks[0] : new Uint8Array(0);
        return first[0] === 0x1f && first[1] === 0x8b;
    };
    const joined = (stored) => {
        const all = new Uint8Array(stored.size);
        let at = 0;
        for (const c of stored.chunks) { all.set(c, at); at += c.length; }
        return all;
    };
    // The page decides where files come from (network, inlined bytes, a picked folder).
    const open = (window.folio && window.folio.openFile) || fetch;
    // The body files' dictionary, fetched once; a failed fetch is tried again by the next file.
    const dictionary = () => {
        const d = Module.folioDictionary;
        if (!d.bytes) d.bytes = open(d.url, { priority: low ? 'low' : 'high' }).then(async (response) => {
            if (!response.ok) throw new Error('dictionary ' + response.status);
            const stored = await readAll(response.body);
            return joined(isGzip(stored) ? await gunzip(stored.chunks) : stored);
        }).catch((e) => { d.bytes = null; throw e; });
        return d.bytes;
    };
    // A "*.gzd" file: the dictionary goes in as a stored deflate block after the 10-byte gzip header
    // (folio/bundle.h, with_dictionary_block), and the decoded dictionary is dropped from the front.
    const decodeWithDictionary = async (stored) => {
        const dict = await dictionary();
        const all = joined(stored);
        const n = dict.length;
        const block = new Uint8Array([0, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff]);
        const out = joined(await gunzip([all.subarray(0, 10), block, dict, all.subarray(10)]));
        if (out.length < n) throw new Error('damaged');
        return { chunks: [out.subarray(n)], size: out.length - n };
    };
    const decode = async (stored) => {
        if (url.endsWith('.gzd')) {
            if (!Module.folioDictionary) throw new Error('the manifest names no dictionary');
            return decodeWithDictionary(stored);
        }
        if (!url.endsWith('.gz') || !isGzip(stored)) return stored;
        return gunzip(stored.chunks);
    };
    open(url, low ? { priority: 'low' } : undefined).then(async (response) => {
        if (!response.ok) { _folio_fetch_failed(id, response.status); return; }
        const stored = await readAll(response.body, (size) => _folio_fetch_progress(id, size));
        let body;
        try { body = await decode(stored); } catch (e) { _folio_fetch_failed(id, -1); return; }
        const ptr = _malloc(Math.max(body.size, 1));
        let offset = 0;
        for (const c of body.chunks) { HEAPU8.set(c, ptr + offset); offset += c.length; }
        _folio_fetch_done(id, ptr, body.size, stored.size, response.status);
    }).catch(() => _folio_fetch_failed(id, 0));
});

EM_JS(void, folio_js_set_dictionary, (const char* url_ptr), {
    const url = UTF8ToString(url_ptr);
    if (!Module.folioDictionary || Module.folioDictionary.url !== url) Module.folioDictionary = { url, bytes: null };
});

namespace folio {

void fetch_set_dictionary(const std::string& url) { folio_js_set_dictionary(url.c_str()); }

FetchId fetch_start(const std::string& url, FetchPriority priority) {
    const FetchId id = g_next_id++;
    g_slots[id] = Slot{};
    folio_js_fetch(id, url.c_str(), priority == FetchPriority::Low ? 1 : 0);
    return id;
}

FetchStatus fetch_status(FetchId id) {
    auto it = g_slots.find(id);
    return it == g_slots.end() ? FetchStatus{FetchState::Failed, 0, 0} : it->second.status;
}

std::string fetch_take(FetchId id) {
    auto it = g_slots.find(id);
    if (it == g_slots.end()) return {};
    std::string bytes = std::move(it->second.bytes);
    g_slots.erase(it);
    return bytes;
}

void fetch_forget(FetchId id) { g_slots.erase(id); }

}  // namespace folio

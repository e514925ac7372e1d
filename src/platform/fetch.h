#pragma once
// Asynchronous HTTP GET of site files, polled once per frame (no callbacks into app code).
#include <cstdint>
#include <string>

namespace folio {

enum class FetchState { Pending, Done, Failed };

struct FetchStatus {
    FetchState state = FetchState::Pending;
    std::uint64_t received = 0;  // stored (compressed) bytes so far
    int http_status = 0;         // 0 when the request never got an answer, -1 when it could not be decoded
};

using FetchId = int;

// Low: background work the reader did not ask for (older metadata, later font slices), which the
// browser sends after what the page needs now (fetch's priority hint).
enum class FetchPriority : std::uint8_t { Normal, Low };

// url is relative to the page, so sites work under any sub-path; a "*.gz" file arrives decoded.
FetchId fetch_start(const std::string& url, FetchPriority priority = FetchPriority::Normal);
// "*.gzd" files (body files written with a preset dictionary, folio/bundle.h) are decoded with the
// dictionary at url (a "*.gz" file), fetched once, when the first of them is asked for.
void fetch_set_dictionary(const std::string& url);
FetchStatus fetch_status(FetchId id);
// The body of a Done request; frees the slot. NOTE: call once, after fetch_status says Done.
std::string fetch_take(FetchId id);
void fetch_forget(FetchId id);

}  // namespace folio

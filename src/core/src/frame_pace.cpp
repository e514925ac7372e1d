// Drawing on demand (see folio/frame_pace.h).
#include "folio/frame_pace.h"

#include <cstring>

#include "folio/hash.h"

namespace folio {

bool frame_pace_next(FramePace& pace, const FrameSignals& s) {
    ++pace.frames;
    if (s.woken || s.busy || s.held || s.changed) pace.settle = kSettleFrames;
    else if (pace.settle > 0) --pace.settle;
    if (pace.settle > 0) return true;
    ++pace.sleeps;
    return false;
}

std::uint64_t picture_hash(std::uint64_t h, const void* bytes, std::size_t size) {
    // Eight bytes at a time: vertex buffers run to megabytes, and this runs every frame drawn.
    const auto* p = static_cast<const unsigned char*>(bytes);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p + i, 8);
        h = (h ^ word) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 32;
    }
    std::uint64_t tail = size;
    for (; i < size; ++i) tail = tail << 8 | p[i];
    return mix64(h ^ tail);
}

}  // namespace folio

#pragma once
// When the viewer draws: only while something may still change. After each frame the app reports
// what happened (frame_pace_next); the platform then asks the browser for the next frame or sleeps
// until input, a finished fetch or a page event wakes it. Pure, so it is tested natively.
#include <cstddef>
#include <cstdint>

namespace folio {

// Frames drawn after the last change: Dear ImGui settles within two or three (hover, auto-sized
// windows, a focus asked for in one frame taking effect in the next).
inline constexpr int kSettleFrames = 3;

// What one frame saw.
struct FrameSignals {
    bool woken = false;    // input or a callback (fetch done, page event, test hook) asked for this frame
    bool busy = false;     // work left for the next frame: queued events, held-back input, files or glyphs taken a slice at a time
    bool held = false;     // a mouse button is down (a drag may be in progress)
    bool changed = false;  // the frame drew a picture different from the one before
};

struct FramePace {
    int settle = kSettleFrames;  // frames still to draw; the page's first frames settle too
    std::uint64_t frames = 0;    // frames reported
    std::uint64_t sleeps = 0;    // times the viewer went to sleep (a frame after which none was asked for)
};

// Whether to draw another frame after this one: yes while anything happened in the last
// kSettleFrames frames, else sleep until woken.
bool frame_pace_next(FramePace& pace, const FrameSignals& s);

// A 64-bit hash of a frame's draw data (vertices, indices, commands), to tell whether two frames
// drew the same picture; h is the hash so far (start with kPictureSeed).
inline constexpr std::uint64_t kPictureSeed = 0x9e3779b97f4a7c15ULL;
std::uint64_t picture_hash(std::uint64_t h, const void* bytes, std::size_t size);

}  // namespace folio

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "folio/frame_pace.h"

using namespace folio;

namespace {

// Frames drawn, counting the one that reported s, until the pace asks for no more (at most 1000).
int frames_until_sleep(FramePace& pace, const FrameSignals& s) {
    int n = 1;
    if (!frame_pace_next(pace, s)) return n;
    for (; n < 1000 && frame_pace_next(pace, FrameSignals{}); ++n) {}
    return n + 1;
}

}  // namespace

TEST(FramePace, TheFirstFramesSettleThenTheViewerSleeps) {
    FramePace pace;
    EXPECT_TRUE(frame_pace_next(pace, {}));
    EXPECT_TRUE(frame_pace_next(pace, {}));
    EXPECT_FALSE(frame_pace_next(pace, {}));
    EXPECT_EQ(pace.sleeps, 1u);
    EXPECT_EQ(pace.frames, 3u);
    // Asleep, a frame nobody asked for (none is drawn in the browser) does not start a loop.
    EXPECT_FALSE(frame_pace_next(pace, {}));
}

TEST(FramePace, EachReasonToDrawKeepsFramesComingForTheSettleFrames) {
    for (const FrameSignals s : {FrameSignals{true, false, false, false}, FrameSignals{false, true, false, false},
                                 FrameSignals{false, false, true, false}, FrameSignals{false, false, false, true}}) {
        FramePace pace;
        pace.settle = 0;
        // The frame with the reason, then kSettleFrames quiet ones.
        EXPECT_EQ(frames_until_sleep(pace, s), 1 + kSettleFrames);
    }
}

TEST(FramePace, WorkLeftKeepsDrawingUntilItIsDone) {
    FramePace pace;
    FrameSignals busy;
    busy.busy = true;
    for (int i = 0; i < 50; ++i) EXPECT_TRUE(frame_pace_next(pace, busy));
    EXPECT_EQ(pace.sleeps, 0u);
    EXPECT_EQ(frames_until_sleep(pace, {}), kSettleFrames);
}

TEST(FramePace, InputWhileSettlingStartsTheCountAgain) {
    FramePace pace;
    FrameSignals input;
    input.woken = true;
    EXPECT_TRUE(frame_pace_next(pace, input));
    EXPECT_TRUE(frame_pace_next(pace, {}));
    EXPECT_TRUE(frame_pace_next(pace, input));  // a second key two frames later
    for (int i = 1; i < kSettleFrames; ++i) EXPECT_TRUE(frame_pace_next(pace, {}));
    EXPECT_FALSE(frame_pace_next(pace, {}));
}

TEST(FramePace, PictureHashTellsFramesApart) {
    std::vector<float> vertices(3000);
    for (std::size_t i = 0; i < vertices.size(); ++i) vertices[i] = static_cast<float>(i) * 0.5f;
    const auto hash = [&] { return picture_hash(kPictureSeed, vertices.data(), vertices.size() * sizeof(float)); };
    const std::uint64_t same = hash();
    EXPECT_EQ(hash(), same);
    vertices[1234] += 1.0f;  // one glyph moved by a pixel
    EXPECT_NE(hash(), same);
    vertices[1234] -= 1.0f;
    EXPECT_EQ(hash(), same);
    // Lengths that are not a multiple of eight bytes, and where the buffers end.
    const std::string a = "abcdefghijk", b = "abcdefghijl";
    EXPECT_NE(picture_hash(kPictureSeed, a.data(), a.size()), picture_hash(kPictureSeed, b.data(), b.size()));
    EXPECT_NE(picture_hash(kPictureSeed, a.data(), 10), picture_hash(kPictureSeed, a.data(), 11));
    EXPECT_NE(picture_hash(1, a.data(), a.size()), picture_hash(2, a.data(), a.size()));
}

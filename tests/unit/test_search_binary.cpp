// The search index's bit codes (private header): what is written reads back, and a stream cut
// short or padded with ones is not taken for a whole one.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "search_binary.h"

using namespace folio::search_binary;

namespace {

struct Code {
    bool rice;
    unsigned k;
    std::uint64_t value;
};

std::vector<Code> random_codes(std::mt19937_64& rng, std::size_t n) {
    std::vector<Code> codes;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned k = static_cast<unsigned>(rng() % 31);
        // Mostly values near 2^k, some far above it (the escape), some 0.
        const std::uint64_t scale = rng() % 8 == 0 ? (std::uint64_t{1} << (k + 6)) : (std::uint64_t{1} << k) * 2;
        codes.push_back({rng() % 2 == 0, k, rng() % 10 == 0 ? 0 : rng() % (std::min<std::uint64_t>(scale, 1ull << 31) + 1)});
    }
    return codes;
}

}  // namespace

TEST(SearchBits, RiceAndGolombReadBackWhatWasWritten) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 200; ++round) {
        const auto codes = random_codes(rng, 1 + rng() % 300);
        BitWriter w;
        for (const Code& c : codes) c.rice ? w.rice(c.value, c.k) : w.golomb0(c.value);
        const std::string bytes = w.padded();
        BitReader r(bytes);
        for (const Code& c : codes) ASSERT_EQ(c.rice ? r.rice(c.k) : r.golomb0(), c.value);
        EXPECT_TRUE(r.at_end());
    }
}

TEST(SearchBits, EscapedQuotientsReadBack) {
    BitWriter w;
    w.rice(1'000'000, 0);  // a quotient of a million, far past the escape
    w.rice(BitWriter::kRiceEscape << 3, 3);
    w.rice((BitWriter::kRiceEscape << 3) - 1, 3);
    const std::string bytes = w.padded();
    BitReader r(bytes);
    EXPECT_EQ(r.rice(0), 1'000'000u);
    EXPECT_EQ(r.rice(3), BitWriter::kRiceEscape << 3);
    EXPECT_EQ(r.rice(3), (BitWriter::kRiceEscape << 3) - 1);
    EXPECT_TRUE(r.at_end());
}

TEST(SearchBits, ShortOrBadlyPaddedStreamsAreNotWhole) {
    BitWriter w;
    for (std::uint64_t v = 0; v < 40; ++v) w.rice(v * 37, 4);
    std::string bytes = w.padded();
    {
        BitReader r(std::string_view(bytes).substr(0, bytes.size() - 1));
        for (std::uint64_t v = 0; v < 40; ++v) r.rice(4);
        EXPECT_FALSE(r.ok());
        EXPECT_FALSE(r.at_end());
    }
    {
        BitWriter odd;
        odd.bits(1, 3);
        std::string padded = odd.padded();
        padded.back() = static_cast<char>(padded.back() | 0x80);  // a one in the padding
        BitReader r(padded);
        r.bits(3);
        EXPECT_TRUE(r.ok());
        EXPECT_FALSE(r.at_end());
    }
    {
        const std::string zeros(16, '\0');  // no golomb0 code has 128 leading zeros
        BitReader r(zeros);
        r.golomb0();
        EXPECT_FALSE(r.ok());
    }
}

TEST(SearchBits, RiceParameterFollowsTheMeanGap) {
    EXPECT_EQ(rice_parameter(100, 0), 0u);
    EXPECT_EQ(rice_parameter(1, 1), 0u);
    EXPECT_EQ(rice_parameter(1000, 1), 9u);     // 693 -> 2^9
    EXPECT_EQ(rice_parameter(1000, 100), 2u);   // 6.9 -> 2^2
    EXPECT_EQ(rice_parameter(UINT32_MAX, 1), 30u);
}

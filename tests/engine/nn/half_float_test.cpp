#include "engine/nn/half_float.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace likeness::nn {
namespace {

/// Decodes by the definition: (-1)^s · 2^(e-15) · (1 + m/1024), subnormals 2^-14 · m/1024.
double reference(std::uint16_t bits) {
    const int sign = bits >> 15, exponent = (bits >> 10) & 31, mantissa = bits & 1023;
    const double magnitude = exponent == 0 ? std::ldexp(mantissa / 1024.0, -14)
                                           : std::ldexp(1.0 + mantissa / 1024.0, exponent - 15);
    return sign ? -magnitude : magnitude;
}

TEST(HalfFloat, KnownValues) {
    EXPECT_EQ(half_to_float(0x3c00), 1.0f);
    EXPECT_EQ(half_to_float(0xc000), -2.0f);
    EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);
    EXPECT_EQ(half_to_float(0x7bff), 65504.0f);               // largest finite
    EXPECT_EQ(half_to_float(0x0400), std::ldexp(1.0f, -14));  // smallest normal
    EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
    EXPECT_EQ(half_to_float(0x03ff), std::ldexp(1023.0f, -24));
    EXPECT_EQ(half_to_float(0x8001), -std::ldexp(1.0f, -24));
}

TEST(HalfFloat, ZerosInfinitiesNaN) {
    EXPECT_EQ(half_to_float(0x0000), 0.0f);
    EXPECT_FALSE(std::signbit(half_to_float(0x0000)));
    EXPECT_TRUE(std::signbit(half_to_float(0x8000)));
    EXPECT_EQ(half_to_float(0x7c00), std::numeric_limits<float>::infinity());
    EXPECT_EQ(half_to_float(0xfc00), -std::numeric_limits<float>::infinity());
    EXPECT_TRUE(std::isnan(half_to_float(0x7e00)));
    EXPECT_TRUE(std::isnan(half_to_float(0xfc01)));
}

TEST(HalfFloat, EveryFiniteBitPatternIsExact) {
    for (std::uint32_t bits = 0; bits <= 0xffff; ++bits) {
        const auto h = static_cast<std::uint16_t>(bits);
        if (((h >> 10) & 31) == 31) continue;  // inf / NaN covered above
        ASSERT_EQ(static_cast<double>(half_to_float(h)), reference(h)) << std::hex << bits;
    }
}

}  // namespace
}  // namespace likeness::nn

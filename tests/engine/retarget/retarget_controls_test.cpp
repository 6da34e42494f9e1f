// Per-channel controls: properties rather than golden numbers.
#include "engine/retarget/retarget_controls.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/eval/synthetic_take.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

core::Take demo_take(double seconds = 2.0) {
    eval::SyntheticTakeOptions o;
    o.seconds = seconds;
    o.fps = 30.0;
    return eval::synthetic_take(o);
}

TEST(RetargetControls, DefaultsLeaveTheTakeUnchanged) {
    const core::Take take = demo_take();
    const core::Take out = apply_controls(take, {});
    ASSERT_EQ(out.frame_count(), take.frame_count());
    for (int i = 0; i < take.frame_count(); ++i) {
        EXPECT_EQ(out.frames[static_cast<size_t>(i)].weights,
                  take.frames[static_cast<size_t>(i)].weights);
        EXPECT_EQ(out.frames[static_cast<size_t>(i)].head_rotation,
                  take.frames[static_cast<size_t>(i)].head_rotation);
    }
}

TEST(RetargetControls, GainOffsetClampIntensityAndHead) {
    const core::Take take = demo_take();
    RetargetControls c;
    const int jaw = face::arkit_index("jawOpen"), blink = face::arkit_index("eyeBlinkLeft");
    c.channels[static_cast<size_t>(jaw)].gain = 2.f;
    c.channels[static_cast<size_t>(jaw)].max = 0.6f;
    c.channels[static_cast<size_t>(blink)].offset = 0.1f;
    c.head_rotation = false;
    const core::Take out = apply_controls(take, c);
    std::string why;
    EXPECT_TRUE(out.is_valid(&why)) << why;
    for (int i = 0; i < take.frame_count(); ++i) {
        const auto& in = take.frames[static_cast<size_t>(i)];
        const auto& o = out.frames[static_cast<size_t>(i)];
        EXPECT_FLOAT_EQ(o.weights[static_cast<size_t>(jaw)],
                        std::min(0.6f, 2.f * in.weights[static_cast<size_t>(jaw)]));
        EXPECT_FLOAT_EQ(o.weights[static_cast<size_t>(blink)],
                        std::min(1.f, 0.1f + in.weights[static_cast<size_t>(blink)]));
        EXPECT_TRUE(o.head_rotation.isZero());
        EXPECT_EQ(o.head_translation_cm, in.head_translation_cm);
    }
    RetargetControls still;
    still.intensity = 0.f;
    for (const core::TakeFrame& f : apply_controls(take, still).frames)
        for (float w : f.weights)
            EXPECT_EQ(w, 0.f);
}

TEST(RetargetControls, SmoothingKeepsConstantsAndIsZeroLag) {
    core::Take take;
    take.fps = 30.0;
    take.frames.resize(61);
    const int jaw = face::arkit_index("jawOpen"), cheek = face::arkit_index("cheekPuff");
    for (int i = 0; i < 61; ++i) {
        take.frames[static_cast<size_t>(i)].weights[static_cast<size_t>(jaw)] = 0.4f;
        take.frames[static_cast<size_t>(i)].weights[static_cast<size_t>(cheek)] =
            i == 30 ? 1.f : 0.f;
    }
    RetargetControls c;
    c.channels[static_cast<size_t>(jaw)].smoothing_s = 0.2f;
    c.channels[static_cast<size_t>(cheek)].smoothing_s = 0.1f;
    const core::Take out = apply_controls(take, c);
    float peak = 0.f, before = 0.f, after = 0.f;
    for (int i = 0; i < 61; ++i) {
        const auto& w = out.frames[static_cast<size_t>(i)].weights;
        EXPECT_NEAR(w[static_cast<size_t>(jaw)], 0.4f, 1e-6f);
        peak = std::max(peak, w[static_cast<size_t>(cheek)]);
        if (i < 30) before += w[static_cast<size_t>(cheek)];
        if (i > 30) after += w[static_cast<size_t>(cheek)];
    }
    EXPECT_NEAR(out.frames[30].weights[static_cast<size_t>(cheek)], peak, 1e-7f);
    EXPECT_LT(peak, 0.5f) << "a one-frame spike is spread out";
    EXPECT_NEAR(before, after, 1e-5f) << "symmetric: no lag";
}

TEST(RetargetControls, LostFramesHoldTheLastExpression) {
    core::Take take;
    take.frames.resize(3);
    const int jaw = face::arkit_index("jawOpen");
    take.frames[0].weights[static_cast<size_t>(jaw)] = 0.8f;
    take.frames[1].has_face = false;  // weights 0: no measurement
    take.frames[2].weights[static_cast<size_t>(jaw)] = 0.8f;
    const core::Take out = apply_controls(take, {});
    EXPECT_FALSE(out.frames[1].has_face);
    EXPECT_FLOAT_EQ(out.frames[1].weights[static_cast<size_t>(jaw)], 0.8f);
}

TEST(RetargetControls, InvalidControlsAreRejectedWithTheChannelName) {
    RetargetControls c;
    c.channels[static_cast<size_t>(face::arkit_index("mouthClose"))].min = 0.8f;
    c.channels[static_cast<size_t>(face::arkit_index("mouthClose"))].max = 0.2f;
    std::string why;
    EXPECT_FALSE(c.is_valid(&why));
    EXPECT_NE(why.find("mouthClose"), std::string::npos) << why;
    EXPECT_THROW(apply_controls(demo_take(0.1), c), RetargetError);
    c = {};
    c.intensity = NAN;
    EXPECT_FALSE(c.is_valid(&why));
}

}  // namespace
}  // namespace likeness::retarget

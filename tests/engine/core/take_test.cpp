#include "engine/core/take.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <random>

namespace likeness::core {
namespace {

Eigen::Matrix3f ypr_matrix(const Eigen::Vector3f& ypr) {
    return (Eigen::AngleAxisf(ypr[0], Eigen::Vector3f::UnitY()) *
            Eigen::AngleAxisf(ypr[1], Eigen::Vector3f::UnitX()) *
            Eigen::AngleAxisf(ypr[2], Eigen::Vector3f::UnitZ()))
        .toRotationMatrix();
}

Eigen::Vector3f axis_angle(const Eigen::Matrix3f& R) {
    const Eigen::AngleAxisf aa(R);
    return aa.angle() * aa.axis();
}

TEST(Take, YawPitchRollRebuildsTheRotation) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> angle(-1.5f, 1.5f);
    for (int trial = 0; trial < 200; ++trial) {
        const Eigen::Vector3f ypr(angle(rng), angle(rng), angle(rng));
        const Eigen::Matrix3f R = ypr_matrix(ypr);
        const Eigen::Vector3f got = yaw_pitch_roll(axis_angle(R));
        EXPECT_LT((ypr_matrix(got) - R).norm(), 1e-4f) << trial;
        EXPECT_LT((got - ypr).norm(), 1e-3f) << trial;  // inside the principal ranges
    }
}

TEST(Take, YawPitchRollAtGimbalLockStillRebuildsTheRotation) {
    for (float pitch : {1.5707963f, -1.5707963f}) {
        const Eigen::Matrix3f R = ypr_matrix({0.4f, pitch, -0.3f});
        EXPECT_LT((ypr_matrix(yaw_pitch_roll(axis_angle(R))) - R).norm(), 1e-3f);
    }
}

TEST(Take, YawIsATurnAboutUp) {
    const Eigen::Vector3f ypr = yaw_pitch_roll({0.f, 0.3f, 0.f});
    EXPECT_NEAR(ypr[0], 0.3f, 1e-6f);
    EXPECT_NEAR(ypr[1], 0.f, 1e-6f);
    EXPECT_NEAR(ypr[2], 0.f, 1e-6f);
}

TEST(Take, HeldFramesHoldTheLastFaceAndFillTheStartWithTheFirst) {
    Take take;
    for (int i = 0; i < 6; ++i) {
        TakeFrame f;
        f.weights[0] = i / 10.f;
        f.has_face = i == 2 || i == 3;
        take.frames.push_back(f);
    }
    const HeldFrames held(take);
    const float expected[6] = {0.2f, 0.2f, 0.2f, 0.3f, 0.3f, 0.3f};
    for (int i = 0; i < 6; ++i)
        EXPECT_FLOAT_EQ(held[i].weights[0], expected[i]) << i;
}

TEST(Take, HeldFramesOfATakeWithoutAnyFaceAreTheFramesThemselves) {
    Take take;
    take.frames.resize(3);
    for (auto& f : take.frames)
        f.has_face = false;
    take.frames[1].weights[4] = 0.5f;
    const HeldFrames held(take);
    EXPECT_EQ(held.size(), 3);
    EXPECT_FLOAT_EQ(held[2].weights[4], 0.f);  // frame 0, the first
}

TEST(Take, ValidationNamesTheFrameAndTheProblem) {
    Take take;
    take.frames.resize(4);
    std::string why;
    EXPECT_TRUE(take.is_valid(&why)) << why;
    take.frames[2].weights[7] = 1.5f;
    EXPECT_FALSE(take.is_valid(&why));
    EXPECT_NE(why.find("frame 2"), std::string::npos) << why;
    take.frames[2].weights[7] = 0.5f;
    take.frames[3].head_translation_cm.x() = std::nanf("");
    EXPECT_FALSE(take.is_valid(&why));
    EXPECT_NE(why.find("frame 3"), std::string::npos) << why;
    take.frames[3].head_translation_cm.x() = 0.f;
    take.fps = 0.0;
    EXPECT_FALSE(take.is_valid(&why));
    EXPECT_NE(why.find("frame rate"), std::string::npos) << why;
}

TEST(Take, TimesAndDuration) {
    Take take;
    take.fps = 60.0;
    take.frames.resize(601);
    EXPECT_DOUBLE_EQ(take.time_s(0), 0.0);
    EXPECT_DOUBLE_EQ(take.time_s(60), 1.0);
    EXPECT_DOUBLE_EQ(take.duration_s(), 10.0);
}

}  // namespace
}  // namespace likeness::core

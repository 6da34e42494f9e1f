// Retargeting onto a rig: the driven rig reproduces the mapped character exactly, a personal rig
// with ARKit names keeps its shapes and dynamic albedo, nothing is dropped.
#include "engine/retarget/retarget.hpp"

#include <gtest/gtest.h>

#include "engine/eval/synthetic_take.hpp"
#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/driven_rig.hpp"
#include "engine/retarget/puppet.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

/// A small character: 4 vertices, shapes with random deltas.
core::BlendshapeRig toy_rig(const std::vector<std::string>& names, unsigned seed,
                            bool dynamic_albedo = false) {
    std::srand(seed);
    core::BlendshapeRig rig;
    rig.name = "toy";
    rig.neutral.V = core::MatrixX3fR::Random(4, 3);
    rig.neutral.F.resize(2, 3);
    rig.neutral.F << 0, 1, 2, 0, 2, 3;
    rig.neutral.UV = core::MatrixX2fR::Random(4, 2).cwiseAbs();
    rig.shape_names = names;
    for (size_t i = 0; i < names.size(); ++i)
        rig.deltas.push_back(core::MatrixX3fR::Random(4, 3));
    if (dynamic_albedo) {
        rig.albedo = cv::Mat(8, 8, CV_32FC3, cv::Scalar(0.5, 0.5, 0.5));
        for (size_t i = 0; i < names.size(); ++i) {
            cv::Mat d(8, 8, CV_32FC3);
            cv::randu(d, -0.1, 0.1);
            rig.dynamic_albedo.push_back(d);
        }
    }
    return rig;
}

core::Take demo_take() {
    eval::SyntheticTakeOptions o;
    o.seconds = 1.0;
    o.fps = 30.0;
    return eval::synthetic_take(o);
}

TEST(Retarget, DrivenRigEqualsTheMappedCharacterFrameByFrame) {
    const std::vector<std::string> names = {"eyeBlink_L", "eyeBlink_R", "brow_up_L",
                                            "brow_up_R",  "Jaw_Open",   "Wrinkle"};
    const core::BlendshapeRig character = toy_rig(names, 7);
    ChannelMapping m = auto_map(names);
    m.set(face::arkit_index("browInnerUp"), {{"brow_up_L", 0.7f}, {"brow_up_R", 1.3f}});
    const Retargeted r = retarget(demo_take(), character, m);
    EXPECT_EQ(r.summary.mapped_channels, 4);
    EXPECT_EQ(r.summary.unused_shapes, std::vector<std::string>{"Wrinkle"});
    EXPECT_EQ(r.rig.shape_count(), 5) << "4 channels + the unused shape";
    EXPECT_EQ(r.rig.shape_names.back(), "Wrinkle");
    std::string why;
    EXPECT_TRUE(r.rig.is_valid(&why)) << why;

    const Puppet puppet(r.rig);
    core::MatrixX3fR V;
    for (const core::TakeFrame& f : r.take.frames) {
        puppet.pose(f.weights, &V);
        // The character posed directly: each target shape gets sum of gain * channel weight.
        core::MatrixX3fR expected = character.neutral.V;
        for (int c = 0; c < 52; ++c)
            for (const MappedShape& t : m.channels[static_cast<size_t>(c)].targets)
                expected += f.weights[static_cast<size_t>(c)] * t.gain *
                            character.deltas[static_cast<size_t>(character.shape_index(t.shape))];
        EXPECT_LT((V - expected).cwiseAbs().maxCoeff(), 1e-5f);
    }
}

TEST(Retarget, PersonalRigWithArkitNamesKeepsShapesAndDynamicAlbedo) {
    const std::vector<std::string> arkit(face::arkit_names().begin(), face::arkit_names().end());
    const core::BlendshapeRig person_b = toy_rig(arkit, 11, true);
    const ChannelMapping m = auto_map(person_b.shape_names);
    RetargetControls controls;
    controls.intensity = 0.5f;
    const Retargeted r = retarget(demo_take(), person_b, m, controls);
    ASSERT_EQ(r.rig.shape_count(), 52);
    for (int i = 0; i < 52; ++i) {
        EXPECT_EQ(r.rig.shape_names[static_cast<size_t>(i)], arkit[static_cast<size_t>(i)]);
        EXPECT_EQ(r.rig.deltas[static_cast<size_t>(i)], person_b.deltas[static_cast<size_t>(i)]);
        EXPECT_EQ(cv::norm(r.rig.dynamic_albedo[static_cast<size_t>(i)],
                           person_b.dynamic_albedo[static_cast<size_t>(i)], cv::NORM_INF),
                  0.0);
    }
    // Intensity 1/2 halves every weight.
    const core::Take take = demo_take();
    for (int i = 0; i < take.frame_count(); ++i)
        for (int c = 0; c < 52; ++c)
            EXPECT_FLOAT_EQ(
                r.take.frames[static_cast<size_t>(i)].weights[static_cast<size_t>(c)],
                0.5f * take.frames[static_cast<size_t>(i)].weights[static_cast<size_t>(c)]);
    // The puppet shows eq. 2's albedo, within [0, 1].
    const Puppet puppet(r.rig);
    cv::Mat albedo;
    puppet.albedo(r.take.frames[10].weights, &albedo);
    ASSERT_EQ(albedo.type(), CV_32FC3);
    double lo = 0, hi = 0;
    cv::minMaxLoc(albedo.reshape(1), &lo, &hi);
    EXPECT_GE(lo, 0.0);
    EXPECT_LE(hi, 1.0);
}

TEST(Retarget, UnusedShapesWithArkitNamesAreRenamedNotDropped) {
    const core::BlendshapeRig character = toy_rig({"jawOpen", "Jaw"}, 3);
    ChannelMapping m;
    m.set(face::arkit_index("jawOpen"), {{"Jaw", 1.f}});
    const core::BlendshapeRig driven = driven_rig(character, m);
    EXPECT_EQ(driven.shape_names, (std::vector<std::string>{"jawOpen", "jawOpen_unmapped"}));
    std::string why;
    EXPECT_TRUE(driven.is_valid(&why)) << why;
}

TEST(Retarget, BadInputsAreNamed) {
    const core::BlendshapeRig character = toy_rig({"Jaw"}, 5);
    ChannelMapping m;
    m.set(face::arkit_index("jawOpen"), {{"Jaw_typo", 1.f}});
    try {
        retarget(demo_take(), character, m);
        FAIL();
    } catch (const RetargetError& e) {
        EXPECT_NE(std::string(e.what()).find("Jaw_typo"), std::string::npos) << e.what();
    }
    core::Take bad = demo_take();
    bad.fps = 0;
    EXPECT_THROW(retarget(bad, character, auto_map(character.shape_names)), RetargetError);
}

}  // namespace
}  // namespace likeness::retarget

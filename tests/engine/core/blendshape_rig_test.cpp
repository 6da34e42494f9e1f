#include "engine/core/blendshape_rig.hpp"

#include <gtest/gtest.h>

#include "tests/engine/io/export_fixture.hpp"

namespace likeness::core {
namespace {

TEST(BlendshapeRig, TheGridFixtureIsValid) {
    std::string why;
    EXPECT_TRUE(test::grid_rig().is_valid(&why)) << why;
    EXPECT_TRUE(test::grid_rig(5, true).is_valid(&why)) << why;
    EXPECT_EQ(test::grid_rig().shape_index("jawOpen"), 17);
    EXPECT_EQ(test::grid_rig().shape_index("nope"), -1);
}

TEST(BlendshapeRig, ValidationNamesWhatIsWrong) {
    std::string why;
    BlendshapeRig rig = test::grid_rig();
    rig.shape_names[3] = rig.shape_names[2];
    EXPECT_FALSE(rig.is_valid(&why));
    EXPECT_NE(why.find("repeated"), std::string::npos) << why;

    rig = test::grid_rig();
    rig.deltas[5].conservativeResize(3, 3);
    EXPECT_FALSE(rig.is_valid(&why));
    EXPECT_NE(why.find(rig.shape_names[5]), std::string::npos) << why;

    rig = test::grid_rig();
    rig.neutral.F(0, 1) = 10'000;
    EXPECT_FALSE(rig.is_valid(&why));
    EXPECT_NE(why.find("out of range"), std::string::npos) << why;

    rig = test::grid_rig();
    rig.normal_deltas.resize(2);
    EXPECT_FALSE(rig.is_valid(&why));

    rig = test::grid_rig();
    rig.neutral.UV.resize(0, 2);
    EXPECT_FALSE(rig.is_valid(&why));
    EXPECT_NE(why.find("UV"), std::string::npos) << why;
}

TEST(BlendshapeRig, ShapeAlbedoAddsTheDynamicMapAndClamps) {
    const BlendshapeRig rig = test::grid_rig(5, true);
    const cv::Mat a = shape_albedo(rig, 10);
    const cv::Vec3f base = rig.albedo.at<cv::Vec3f>(15, 0);  // (1, 0, 0.5)
    const cv::Vec3f got = a.at<cv::Vec3f>(15, 0);
    EXPECT_FLOAT_EQ(got[0], 1.f);  // 1 + 0.1 clamped
    EXPECT_FLOAT_EQ(got[1], 0.f);  // 0 - 0.2 clamped
    EXPECT_NEAR(got[2], base[2] + 0.3f, 1e-6f);
    // Without dynamic maps every shape shows the static albedo.
    const BlendshapeRig plain = test::grid_rig(5, false);
    EXPECT_EQ(cv::norm(shape_albedo(plain, 3), plain.albedo), 0.0);
}

}  // namespace
}  // namespace likeness::core

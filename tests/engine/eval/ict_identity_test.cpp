// ICT identities on the template (skips without ../shared/data/ict-facekit).
#include "engine/eval/ict_identity.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/eval/smooth_field.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::eval {
namespace {

TEST(EvalIctIdentity, ModesCarryOntoTheTemplate) {
    const auto folder = test::shared_file("data/ict-facekit");
    if (!folder) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    LIKENESS_NEED_TEMPLATE(rig);
    // A cache that survives between runs (extraction takes seconds), beside the scratch dirs.
    const std::string cache =
        std::filesystem::path(test::scratch_dir("eval_ict")).parent_path().string() +
        "/ict-identity-cache";
    const std::string identities = extract_ict_identities(*folder, cache, 3);
    EXPECT_TRUE(std::filesystem::exists(identities + "/identity002.obj"));
    const IctIdentityBasis basis = ict_identity_basis(*rig, *folder, identities, 3);
    ASSERT_EQ(basis.modes.size(), 3u);
    EXPECT_LT(basis.registration_landmark_rms_cm, 0.3f);
    EXPECT_NEAR(basis.scale, 1.f, 0.15f);
    // ICT's average face differs from ours by millimetres, not centimetres.
    EXPECT_GT(rms_length(basis.offset), 0.05f);
    EXPECT_LT(rms_length(basis.offset), 1.0f);
    // The first mode is a real change of face, a late one smaller.
    EXPECT_GT(rms_length(basis.modes[0]), 0.05f);
    EXPECT_TRUE(ict_identity(basis, Eigen::VectorXf::Zero(3)).isApprox(basis.offset));
    Eigen::VectorXf c(3);
    c << 1.f, 0.f, -2.f;
    EXPECT_TRUE(
        ict_identity(basis, c).isApprox(basis.offset + basis.modes[0] - 2.f * basis.modes[2]));
    EXPECT_THROW(extract_ict_identities(*folder + "/nowhere", cache + "-empty", 1),
                 std::runtime_error);
}

}  // namespace
}  // namespace likeness::eval

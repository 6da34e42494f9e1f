// Deformation transfer: properties on small meshes (no shared data needed) — onto the same mesh
// it reproduces the source shape, onto a rotated and scaled copy it gives the rotated and scaled
// shape, a zero shape gives zero, and parts without correspondence stay put.
#include "engine/retarget/deformation_transfer.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "engine/retarget/retarget_error.hpp"
#include "tests/engine/io/export_fixture.hpp"

namespace likeness::retarget {
namespace {

std::vector<LandmarkPair> identity_pairs(int n) {
    return {{0, 0},
            {n - 1, n - 1},
            {n * (n - 1), n * (n - 1)},
            {n * n - 1, n * n - 1},
            {n * (n / 2) + n / 2, n * (n / 2) + n / 2},
            {n + 2, n + 2}};
}

CorrespondenceOptions exact_options() {
    CorrespondenceOptions o;
    o.registration.iterations = 2;
    return o;
}

TEST(DeformationTransfer, OntoTheSameMeshReproducesTheShape) {
    const int n = 12;
    const core::BlendshapeRig source = test::grid_rig(n);
    const FaceCorrespondence corr =
        face_correspondence(source.neutral, {}, source.neutral, identity_pairs(n), exact_options());
    EXPECT_EQ(corr.matched_triangles, source.neutral.face_count());
    const TransferredRig out = transfer_shapes(source, source, corr);
    ASSERT_EQ(out.rig.shape_count(), 52);
    for (int i = 0; i < 52; ++i) {
        const auto& d = source.deltas[static_cast<size_t>(i)];
        EXPECT_LT((out.rig.deltas[static_cast<size_t>(i)] - d).cwiseAbs().maxCoeff(),
                  1e-3f * std::max(1.f, d.cwiseAbs().maxCoeff()))
            << source.shape_names[static_cast<size_t>(i)];
        EXPECT_LT(out.summary.gradient_rms[static_cast<size_t>(i)], 1e-4);
    }
    EXPECT_GT(out.summary.factor_seconds, 0.0);
    EXPECT_EQ(out.summary.unknowns, n * n + source.neutral.face_count());
}

TEST(DeformationTransfer, FollowsTheCharactersRotationAndScale) {
    const int n = 10;
    const core::BlendshapeRig source = test::grid_rig(n);
    const Eigen::Matrix3f R =
        Eigen::AngleAxisf(0.6f, Eigen::Vector3f(0.3f, 1.f, 0.2f).normalized()).toRotationMatrix();
    const float s = 2.5f;
    core::BlendshapeRig character;
    character.name = "big turned grid";
    character.neutral = source.neutral;
    character.neutral.V =
        ((s * source.neutral.V * R.transpose()).rowwise() + Eigen::RowVector3f(4.f, -3.f, 7.f))
            .eval();
    const FaceCorrespondence corr = face_correspondence(source.neutral, {}, character.neutral,
                                                        identity_pairs(n), exact_options());
    const TransferredRig out = transfer_shapes(source, character, corr);
    for (int i : {0, 17, 51}) {
        const core::MatrixX3fR expected = s * source.deltas[static_cast<size_t>(i)] * R.transpose();
        EXPECT_LT((out.rig.deltas[static_cast<size_t>(i)] - expected).cwiseAbs().maxCoeff(),
                  2e-3f * s)
            << i;
    }
}

TEST(DeformationTransfer, ZeroShapeAndDetachedPartsStayPut) {
    const int n = 8;
    const core::BlendshapeRig source = test::grid_rig(n);
    // The character: the grid plus a far-away copy (an "eyeball" nothing corresponds to).
    core::BlendshapeRig character;
    character.neutral.V.resize(2 * n * n, 3);
    character.neutral.V.topRows(n * n) = source.neutral.V;
    character.neutral.V.bottomRows(n * n) =
        (source.neutral.V.rowwise() + Eigen::RowVector3f(0.f, 0.f, -50.f)).eval();
    const auto nf = source.neutral.F.rows();
    character.neutral.F.resize(2 * nf, 3);
    character.neutral.F.topRows(nf) = source.neutral.F;
    character.neutral.F.bottomRows(nf) = source.neutral.F.array() + n * n;
    const FaceCorrespondence corr = face_correspondence(source.neutral, {}, character.neutral,
                                                        identity_pairs(n), exact_options());
    EXPECT_EQ(corr.parts, 2);
    EXPECT_EQ(corr.matched_parts, 1);
    const DeformationTransfer dt(source.neutral, corr);
    const core::MatrixX3fR zero = dt.transfer(core::MatrixX3fR::Zero(source.vertex_count(), 3));
    EXPECT_LT(zero.cwiseAbs().maxCoeff(), 1e-5f);
    const core::MatrixX3fR jaw = dt.transfer(source.deltas[17]);
    EXPECT_GT(jaw.topRows(n * n).cwiseAbs().maxCoeff(), 0.05f);
    EXPECT_EQ(jaw.bottomRows(n * n).cwiseAbs().maxCoeff(), 0.f);
    EXPECT_THROW(dt.transfer(core::MatrixX3fR::Zero(3, 3)), RetargetError);
}

TEST(DeformationTransfer, BadLandmarksAreRejected) {
    const core::BlendshapeRig source = test::grid_rig(6);
    EXPECT_THROW(face_correspondence(source.neutral, {}, source.neutral, {{0, 0}, {1, 1}}),
                 RetargetError);
    EXPECT_THROW(
        face_correspondence(source.neutral, {}, source.neutral, {{0, 0}, {1, 1}, {2, 2}, {3, 999}}),
        RetargetError);
    EXPECT_EQ(override_pairs({{0, 0}, {1, 1}}, {{1, 5}, {2, 2}, {0, -1}}),
              (std::vector<LandmarkPair>{{1, 5}, {2, 2}}));
}

}  // namespace
}  // namespace likeness::retarget

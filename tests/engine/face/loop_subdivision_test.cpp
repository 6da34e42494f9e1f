// Loop subdivision: counts, index preservation, affine invariance, interpolation.
#include "engine/face/loop_subdivision.hpp"

#include <gtest/gtest.h>

namespace likeness::face {
namespace {

// An open square pyramid without its base: 5 vertices, 4 triangles, a boundary of 4 edges.
core::Mesh pyramid() {
    core::Mesh m;
    m.V.resize(5, 3);
    m.V << 0, 0, 1, -1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0;
    m.F.resize(4, 3);
    m.F << 0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 1;
    m.UV.resize(5, 2);
    m.UV << 0.5, 0.5, 0, 0, 1, 0, 1, 1, 0, 1;
    return m;
}

TEST(TemplateLoopSubdivision, CountsAndKeepsCoarseIndicesFirst) {
    const core::Mesh m = pyramid();
    const Subdivision s = loop_subdivide(m, 2, false);
    // Level 1: 5 + 8 edges = 13 vertices, 16 triangles; level 2: 13 + 28 edges = 41.
    EXPECT_EQ(s.mesh.vertex_count(), 41);
    EXPECT_EQ(s.mesh.face_count(), 64);
    EXPECT_EQ(s.parent_face.size(), 64u);
    EXPECT_EQ(s.S.rows(), 41);
    EXPECT_EQ(s.S.cols(), 5);
    // Rows are affine combinations: constant fields stay constant (S 1 = 1).
    const Eigen::VectorXf ones = s.S * Eigen::VectorXf::Ones(5);
    EXPECT_LT((ones.array() - 1.f).abs().maxCoeff(), 1e-5f);
    // UVs of coarse vertices are unchanged, new ones are interpolated inside [0,1].
    EXPECT_TRUE(s.mesh.UV.topRows(5).isApprox(m.UV));
    EXPECT_GE(s.mesh.UV.minCoeff(), 0.f);
    EXPECT_LE(s.mesh.UV.maxCoeff(), 1.f);
}

TEST(TemplateLoopSubdivision, InterpolatingVariantPassesThroughCoarseVertices) {
    const core::Mesh m = pyramid();
    const Subdivision approx = loop_subdivide(m, 2, false);
    const Subdivision exact = loop_subdivide(m, 2, true);
    EXPECT_GT((approx.mesh.V.row(0) - m.V.row(0)).norm(), 0.05f) << "Loop smooths the apex";
    EXPECT_LT((exact.mesh.V.topRows(5) - m.V).cwiseAbs().maxCoeff(), 1e-5f);
}

TEST(TemplateLoopSubdivision, CommutesWithAffineMaps) {
    core::Mesh m = pyramid();
    const Subdivision a = loop_subdivide(m, 1, true);
    Eigen::Matrix3f A;
    A << 2, 0.3f, 0, 0, 1e3f, 0, 0.1f, 0, 1e-3f;
    const Eigen::RowVector3f t(5, -7, 11);
    m.V = (m.V * A.transpose()).rowwise() + t;
    const Subdivision b = loop_subdivide(m, 1, true);
    const core::MatrixX3fR expected = (a.mesh.V * A.transpose()).rowwise() + t;
    EXPECT_LT((b.mesh.V - expected).cwiseAbs().maxCoeff(), 1e-2f);
}

TEST(TemplateLoopSubdivision, ZeroLevelsIsTheIdentity) {
    const core::Mesh m = pyramid();
    const Subdivision s = loop_subdivide(m, 0, true);
    EXPECT_TRUE(s.mesh.V.isApprox(m.V));
    EXPECT_EQ(s.mesh.F, m.F);
}

}  // namespace
}  // namespace likeness::face

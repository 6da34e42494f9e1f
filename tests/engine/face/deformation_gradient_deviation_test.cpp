// Properties of the eq. 7 deviation map: zero for no correction and for a pure translation,
// positive where a correction bends the surface, growing with it; face-to-vertex spreading keeps
// constants.
#include "engine/face/deformation_gradient_deviation.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "engine/core/primitive_meshes.hpp"

namespace likeness::face {
namespace {

core::Mesh sheet() {
    return core::grid_mesh(8, 10.f);  // 81 vertices, 128 triangles, z = 0
}

TEST(DeformationGradientDeviation, IsZeroWithoutACorrection) {
    const core::Mesh m = sheet();
    core::MatrixX3fR dS = core::MatrixX3fR::Zero(m.vertex_count(), 3);
    dS.col(2) = m.V.col(0) * 0.1f;  // a template shape that tilts the sheet
    const Eigen::VectorXf d = deformation_gradient_deviation(m.V, m.F, dS, dS);
    ASSERT_EQ(d.size(), m.face_count());
    EXPECT_EQ(d.maxCoeff(), 0.f);
}

TEST(DeformationGradientDeviation, IgnoresATranslationOfTheCorrection) {
    const core::Mesh m = sheet();
    const core::MatrixX3fR dS = core::MatrixX3fR::Zero(m.vertex_count(), 3);
    core::MatrixX3fR corrected = dS;
    corrected.rowwise() += Eigen::RowVector3f(0.3f, -0.2f, 0.5f);
    const Eigen::VectorXf d = deformation_gradient_deviation(m.V, m.F, dS, corrected);
    EXPECT_LT(d.maxCoeff(), 1e-5f);
}

TEST(DeformationGradientDeviation, IsPositiveOnlyWhereTheCorrectionBends) {
    const core::Mesh m = sheet();
    const core::MatrixX3fR dS = core::MatrixX3fR::Zero(m.vertex_count(), 3);
    core::MatrixX3fR corrected = dS;
    int bumped = -1;
    for (int v = 0; v < m.vertex_count(); ++v)
        if (m.V.row(v).norm() < 1e-4f) bumped = v;  // the centre vertex
    ASSERT_GE(bumped, 0);
    corrected(bumped, 2) = 0.5f;
    const Eigen::VectorXf d = deformation_gradient_deviation(m.V, m.F, dS, corrected);
    for (Eigen::Index t = 0; t < m.F.rows(); ++t) {
        const bool touches = (m.F.row(t).array() == bumped).any();
        if (touches)
            EXPECT_GT(d[t], 0.01f) << t;
        else
            EXPECT_EQ(d[t], 0.f) << t;
    }
}

TEST(DeformationGradientDeviation, GrowsWithTheCorrection) {
    const core::Mesh m = sheet();
    const core::MatrixX3fR dS = core::MatrixX3fR::Zero(m.vertex_count(), 3);
    core::MatrixX3fR small = dS;
    small.col(0) = m.V.col(0) * 0.05f;  // stretch in x
    const core::MatrixX3fR large = small * 4.f;
    const float a = deformation_gradient_deviation(m.V, m.F, dS, small).sum();
    const float b = deformation_gradient_deviation(m.V, m.F, dS, large).sum();
    EXPECT_GT(a, 0.f);
    EXPECT_GT(b, 3.f * a);
}

TEST(FaceToVertexMean, KeepsAConstantAndZeroesIsolatedVertices) {
    core::Mesh m = sheet();
    const int isolated = m.vertex_count();
    m.V.conservativeResize(isolated + 1, 3);
    m.V.row(isolated) << 100.f, 100.f, 0.f;
    const Eigen::VectorXf v =
        face_to_vertex_mean(m.F, Eigen::VectorXf::Constant(m.face_count(), 2.5f), isolated + 1);
    ASSERT_EQ(v.size(), isolated + 1);
    EXPECT_FLOAT_EQ(v.head(isolated).minCoeff(), 2.5f);
    EXPECT_FLOAT_EQ(v.head(isolated).maxCoeff(), 2.5f);
    EXPECT_EQ(v[isolated], 0.f);
}

}  // namespace
}  // namespace likeness::face

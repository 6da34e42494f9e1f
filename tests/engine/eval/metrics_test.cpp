// The scoreboard's metrics on cases with known answers and their invariances.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>

#include "engine/core/primitive_meshes.hpp"
#include "engine/eval/expression_energy.hpp"
#include "engine/eval/landmark_nme.hpp"
#include "engine/eval/photometric_error.hpp"
#include "engine/eval/surface_error.hpp"

namespace likeness::eval {
namespace {

/// A curved test surface (cm): a unit icosphere scaled to a 9 cm head, with its own vertices as
/// points and a spread of landmark vertices.
struct Surface {
    core::Mesh mesh;
    std::vector<int> points, landmarks;
};

Surface head() {
    Surface s;
    s.mesh = core::icosphere(3);
    s.mesh.V *= 9.f;
    for (int v = 0; v < s.mesh.vertex_count(); ++v)
        s.points.push_back(v);
    for (size_t k = 0; k < s.points.size(); k += s.points.size() / 68)
        if (s.landmarks.size() < 68) s.landmarks.push_back(s.points[k]);
    return s;
}

core::MatrixX3fR moved(const core::MatrixX3fR& V, const Eigen::Matrix3f& R,
                       const Eigen::Vector3f& t) {
    core::MatrixX3fR out(V.rows(), 3);
    for (Eigen::Index v = 0; v < V.rows(); ++v)
        out.row(v) = (R * V.row(v).transpose() + t).transpose();
    return out;
}

TEST(EvalSurfaceError, IdenticalAndRigidlyMovedSurfacesScoreZero) {
    const Surface s = head();
    const SurfaceError same =
        surface_error(s.mesh.V, s.points, s.landmarks, s.mesh.V, s.mesh.F, s.landmarks);
    EXPECT_LT(same.mean_mm, 1e-3);
    const Eigen::Matrix3f R =
        Eigen::AngleAxisf(0.4f, Eigen::Vector3f(1, 2, 3).normalized()).toRotationMatrix();
    const core::MatrixX3fR V2 = moved(s.mesh.V, R, Eigen::Vector3f(5, -3, 40));
    const SurfaceError e =
        surface_error(s.mesh.V, s.points, s.landmarks, V2, s.mesh.F, s.landmarks);
    EXPECT_LT(e.mean_mm, 1e-2);
    EXPECT_LT((e.alignment.transform.R - R).norm(), 1e-3f);
}

TEST(EvalSurfaceError, AnOffsetSurfaceScoresItsOffset) {
    const Surface s = head();
    // The reconstruction is 1 mm larger in radius: every point of the closed sphere is 1 mm
    // from it, and no rigid motion brings them closer on average.
    const core::MatrixX3fR bigger = s.mesh.V * (9.1f / 9.f);
    const SurfaceError e =
        surface_error(s.mesh.V, s.points, s.landmarks, bigger, s.mesh.F, s.landmarks);
    EXPECT_NEAR(e.mean_mm, 1.0, 0.15) << "rigid: the size difference is an error";
    EXPECT_NEAR(e.median_mm, 1.0, 0.15);
    EXPECT_GE(e.rmse_mm, e.mean_mm);
    EXPECT_GE(e.p95_mm, e.median_mm);
    AlignmentOptions scaled;
    scaled.with_scale = true;
    const SurfaceError s2 =
        surface_error(s.mesh.V, s.points, s.landmarks, bigger, s.mesh.F, s.landmarks, scaled);
    EXPECT_LT(s2.mean_mm, 0.1) << "with scale the size difference is forgiven";
}

TEST(EvalLandmarkNme, ZeroForTruthInvariantToScaleAndKnownForAShift) {
    core::MatrixX2fR truth(4, 2);
    truth << 0, 0, 100, 0, 100, 100, 0, 100;
    EXPECT_EQ(landmark_nme(truth, truth), 0.0);
    EXPECT_NEAR(landmark_box_size(truth), 100.0, 1e-9);
    core::MatrixX2fR shifted = truth;
    shifted.col(0).array() += 3.f;
    EXPECT_NEAR(landmark_nme(shifted, truth), 3.0, 1e-6);
    EXPECT_NEAR(landmark_nme(shifted * 7.f, truth * 7.f), 3.0, 1e-5);
    EXPECT_THROW(landmark_nme(truth.topRows(2), truth), std::invalid_argument);
}

TEST(EvalPhotometricError, MeanRgbDistanceInsideTheMask) {
    cv::Mat image(4, 4, CV_8UC3, cv::Scalar(100, 100, 100));
    cv::Mat rendered(4, 4, CV_8UC3, cv::Scalar(103, 104, 100));
    cv::Mat mask(4, 4, CV_8U, cv::Scalar(255));
    EXPECT_NEAR(photometric_error(image, rendered, mask), 5.0, 1e-9);
    cv::Mat as_float;
    rendered.convertTo(as_float, CV_32FC3, 1.0 / 255.0);
    EXPECT_NEAR(photometric_error(image, as_float, mask), 5.0, 1e-3);
    mask.setTo(0);
    EXPECT_EQ(photometric_error(image, rendered, mask), 0.0);
}

TEST(EvalExpressionEnergy, LengthOfTheExpressionDeformation) {
    core::BlendshapeRig rig;
    rig.neutral = core::icosphere(1);
    rig.shape_names = {"a", "b"};
    rig.deltas = {core::MatrixX3fR::Zero(rig.neutral.vertex_count(), 3),
                  core::MatrixX3fR::Zero(rig.neutral.vertex_count(), 3)};
    rig.deltas[0].col(1).setConstant(1.f);  // 1 cm up
    const float none[2] = {0.f, 0.f}, half[2] = {0.5f, 0.f};
    EXPECT_EQ(expression_energy_mm(rig, none), 0.0);
    EXPECT_NEAR(expression_energy_mm(rig, half), 5.0, 1e-6);
}

}  // namespace
}  // namespace likeness::eval

// Forward mode (J v), the Gauss–Newton normal equations and reverse mode (J^T a) must be one and
// the same Jacobian; J v itself is checked against the double-precision reference.
#include "engine/render/colour_differential.hpp"

#include <gtest/gtest.h>

#include <random>

#include "engine/render/photometric_normal_equations.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/scene_gradient.hpp"
#include "tests/engine/render/reference_renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

core::MatrixX3fR random_field(Eigen::Index rows, unsigned seed, float scale) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-scale, scale);
    core::MatrixX3fR m(rows, 3);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = u(rng);
    return m;
}

SceneVector random_scene_direction(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    SceneVector v;
    for (int i = 0; i < SceneParameter::kCount; ++i)
        v[i] = u(rng);
    v.segment<3>(SceneParameter::kRotation) *= 0.05;
    v[SceneParameter::kFocal] *= 20.0;
    return v;
}

class RenderDerivativeForms : public ::testing::TestWithParam<bool> {
  protected:
    void SetUp() override {
        face_ = test::bumpy_face(20, 14.f);
        albedo_ = test::smooth_texture(32, 4);
        scene_ = test::face_scene(&face_, &albedo_, 80, 80);
        options_.lit = GetParam();
        render(scene_, options_, &rendering_);
    }
    core::Mesh face_;
    cv::Mat albedo_;
    Scene scene_;
    RenderOptions options_;
    Rendering rendering_;
};

TEST_P(RenderDerivativeForms, ForwardModeIsTheAdjointOfReverseMode) {
    // <J v, a> = <v, J^T a> for random v (vertices, scene, texels) and a.
    const core::MatrixX3fR dX = random_field(face_.V.rows(), 1, 0.1f);
    cv::Mat d_tex(albedo_.size(), CV_32FC3), a(80, 80, CV_32FC3);
    cv::randu(d_tex, -1.f, 1.f);
    cv::randu(a, -1.f, 1.f);
    SceneDirection dir;
    dir.vertices = &dX;
    dir.scene = random_scene_direction(2);
    dir.albedo = &d_tex;
    cv::Mat dc;
    colour_differential(scene_, rendering_, dir, &dc);
    SceneGradient g;
    GradientRequest request;
    request.albedo = true;
    scene_gradient(scene_, rendering_, a, request, &g);
    const double lhs = dc.dot(a);
    const double rhs = (g.vertices.cast<double>().array() * dX.cast<double>().array()).sum() +
                       g.scene.dot(dir.scene) + g.albedo.dot(d_tex);
    EXPECT_NEAR(lhs, rhs, 1e-5 * std::abs(lhs)) << lhs << " vs " << rhs;
}

TEST_P(RenderDerivativeForms, ForwardModeMatchesReferenceDifferences) {
    const core::MatrixX3fR dX = random_field(face_.V.rows(), 3, 0.1f);
    cv::Mat d_tex(albedo_.size(), CV_32FC3);
    cv::randu(d_tex, -1.f, 1.f);
    SceneDirection dir;
    dir.vertices = &dX;
    dir.scene = random_scene_direction(4);
    dir.albedo = &d_tex;
    cv::Mat dc;
    colour_differential(scene_, rendering_, dir, &dc);

    const std::vector<test::FixedPixel> pixels = test::interior_pixels(rendering_, 1);
    const test::ReferenceParams p0 = test::reference_params(scene_, GetParam());
    auto moved = [&](double h) {
        test::ReferenceParams p = p0;
        p.X += h * dX.cast<double>();
        p.omega += h * dir.scene.segment<3>(SceneParameter::kRotation);
        p.t += h * dir.scene.segment<3>(SceneParameter::kTranslation);
        p.focal += h * dir.scene[SceneParameter::kFocal];
        for (int i = 0; i < 27; ++i)
            p.gamma[i] += h * dir.scene[SceneParameter::kLighting + i];
        for (size_t i = 0; i < p.texels.size(); ++i)
            p.texels[i] += h * d_tex.ptr<float>()[i];
        return test::reference_colours(p, face_, pixels);
    };
    const double h = 1e-6;
    const auto plus = moved(h), minus = moved(-h);
    double worst = 0.0, scale = 0.0;
    for (size_t q = 0; q < pixels.size(); ++q) {
        const Eigen::Vector3d fd = (plus[q] - minus[q]) / (2 * h);
        const cv::Vec3f an = dc.at<cv::Vec3f>(pixels[q].y, pixels[q].x);
        for (int c = 0; c < 3; ++c) {
            worst = std::max(worst, std::abs(fd[c] - an[c]));
            scale = std::max(scale, std::abs(fd[c]));
        }
    }
    std::printf("[ FD       ] %-28s max rel. error %.2e\n",
                GetParam() ? "J v per pixel (lit)" : "J v per pixel (unlit)", worst / scale);
    EXPECT_LT(worst / scale, 1e-3);
}

TEST_P(RenderDerivativeForms, NormalEquationsEqualTheDenseJacobianProducts) {
    // Columns of J by forward mode: 34 scene parameters, then K = 3 vertex directions.
    std::vector<core::MatrixX3fR> basis = {random_field(face_.V.rows(), 7, 0.2f),
                                           random_field(face_.V.rows(), 8, 0.2f),
                                           random_field(face_.V.rows(), 9, 0.2f)};
    const int cols = SceneParameter::kCount + 3;
    const int covered = static_cast<int>(rendering_.covered.size());
    Eigen::MatrixXd J(3 * covered, cols);
    for (int col = 0; col < cols; ++col) {
        SceneDirection dir;
        if (col < SceneParameter::kCount)
            dir.scene[col] = 1.0;
        else
            dir.vertices = &basis[static_cast<size_t>(col - SceneParameter::kCount)];
        cv::Mat dc;
        colour_differential(scene_, rendering_, dir, &dc);
        for (int j = 0; j < covered; ++j)
            for (int c = 0; c < 3; ++c)
                J(3 * j + c, col) =
                    dc.ptr<float>()[3 * rendering_.covered[static_cast<size_t>(j)] + c];
    }
    cv::Mat residual(80, 80, CV_32FC3), weight(80, 80, CV_32F);
    cv::randu(residual, -0.5f, 0.5f);
    cv::randu(weight, 0.f, 2.f);
    Eigen::VectorXd Wd(3 * covered), r(3 * covered);
    for (int j = 0; j < covered; ++j) {
        const int i = rendering_.covered[static_cast<size_t>(j)];
        for (int c = 0; c < 3; ++c) {
            Wd[3 * j + c] = weight.ptr<float>()[i];
            r[3 * j + c] = residual.ptr<float>()[3 * i + c];
        }
    }
    const Eigen::MatrixXd JtWJ = J.transpose() * Wd.asDiagonal() * J;
    const Eigen::VectorXd JtWr = J.transpose() * Wd.asDiagonal() * r;
    NormalEquations ne;
    photometric_normal_equations(scene_, rendering_, residual, weight, basis, &ne);
    EXPECT_EQ(ne.pixels, covered);
    EXPECT_NEAR(ne.cost, 0.5 * r.dot(Wd.asDiagonal() * r), 1e-6 * ne.cost);
    // Entry-wise against each entry's own scale (rows and columns differ by orders).
    const Eigen::VectorXd d = JtWJ.diagonal().cwiseSqrt().cwiseMax(1e-12);
    const Eigen::MatrixXd scaled_err = (ne.JtWJ - JtWJ).array() / (d * d.transpose()).array();
    EXPECT_LT(scaled_err.cwiseAbs().maxCoeff(), 1e-5);
    const Eigen::VectorXd g_err = (ne.JtWr - JtWr).cwiseQuotient(d);
    EXPECT_LT(g_err.cwiseAbs().maxCoeff(), 1e-5 * std::sqrt(r.dot(Wd.asDiagonal() * r)));
    EXPECT_TRUE(ne.JtWJ.isApprox(ne.JtWJ.transpose()));
    if (!GetParam()) {  // unlit: lighting columns are empty
        EXPECT_EQ(
            ne.JtWJ.block(SceneParameter::kLighting, SceneParameter::kLighting, 27, 27).norm(),
            0.0);
    }
}

TEST_P(RenderDerivativeForms, NormalEquationsRightHandSideIsTheGradient) {
    // J^T W r equals scene_gradient with adjoint w r, and the default weight is the mask.
    cv::Mat residual(80, 80, CV_32FC3);
    cv::randu(residual, -0.5f, 0.5f);
    NormalEquations ne;
    photometric_normal_equations(scene_, rendering_, residual, cv::Mat(), {}, &ne);
    cv::Mat adjoint = cv::Mat::zeros(80, 80, CV_32FC3);
    residual.copyTo(adjoint, rendering_.mask);
    SceneGradient g;
    scene_gradient(scene_, rendering_, adjoint, {}, &g);
    for (int i = 0; i < SceneParameter::kCount; ++i)
        EXPECT_NEAR(ne.JtWr[i], g.scene[i], 1e-4 * (1.0 + std::abs(g.scene[i]))) << i;
}

INSTANTIATE_TEST_SUITE_P(LitAndUnlit, RenderDerivativeForms, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Lit" : "Unlit"; });

}  // namespace
}  // namespace likeness::render

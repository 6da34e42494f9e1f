// Adjoints of the per-pixel loss terms (eq. 4 photometric and image-gradient, eq. 5 parsing)
// against central differences on the rendered image, the IRLS weights' gradient identity, and
// the landmark weights' cost identity.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/fit/image_gradient_term.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/fit/photometric_term.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::fit {
namespace {

class PixelLosses : public ::testing::Test {
  protected:
    void SetUp() override {
        face_ = render::test::bumpy_face(20, 14.f);
        albedo_ = render::test::smooth_texture(32, 3);
        scene_ = render::test::face_scene(&face_, &albedo_, 48, 48);
        render::render(scene_, {}, &rendering_);
        ASSERT_GT(rendering_.covered.size(), 400u);
        std::mt19937 rng(4);
        std::uniform_real_distribution<float> u(0.f, 1.f);
        target_.create(48, 48, CV_32FC3);
        for (int i = 0; i < 48 * 48 * 3; ++i)
            target_.ptr<float>()[i] = u(rng);
    }

    /// max |adjoint − FD| over covered pixels for a loss of the rendering's colour.
    template <typename Loss>
    double adjoint_error(Loss loss) {
        cv::Mat adjoint, weight;
        loss(rendering_, 2.f, PixelLossOutputs{&adjoint, &weight});
        double worst = 0.0, scale = 0.0;
        int checked = 0;
        for (size_t j = 0; j < rendering_.covered.size(); j += 7) {
            const int q = rendering_.covered[j];
            for (int c = 0; c < 3; ++c) {
                float& v = rendering_.colour.ptr<float>()[3 * q + c];
                const float keep = v;
                const float h = 1e-3f;
                v = keep + h;
                const double up = 2.0 * loss(rendering_, 1.f, PixelLossOutputs{});
                v = keep - h;
                const double down = 2.0 * loss(rendering_, 1.f, PixelLossOutputs{});
                v = keep;
                const double fd = (up - down) / (2.0 * h);
                const double a = adjoint.ptr<float>()[3 * q + c];
                worst = std::max(worst, std::abs(fd - a));
                scale = std::max(scale, std::abs(fd));
                ++checked;
            }
        }
        EXPECT_GT(checked, 100);
        return worst / scale;
    }

    core::Mesh face_;
    cv::Mat albedo_, target_;
    render::Scene scene_;
    render::Rendering rendering_;
};

TEST_F(PixelLosses, PhotometricAdjointMatchesFiniteDifferences) {
    const double e =
        adjoint_error([&](const render::Rendering& r, float s, const PixelLossOutputs& o) {
            return photometric_loss(r, target_, s, o);
        });
    EXPECT_LT(e, 2e-3);
}

TEST_F(PixelLosses, ImageGradientAdjointMatchesFiniteDifferences) {
    const double e =
        adjoint_error([&](const render::Rendering& r, float s, const PixelLossOutputs& o) {
            return image_gradient_loss(r, target_, s, o);
        });
    EXPECT_LT(e, 2e-3);
}

TEST_F(PixelLosses, ParsingAdjointMatchesFiniteDifferences) {
    const double e =
        adjoint_error([&](const render::Rendering& r, float s, const PixelLossOutputs& o) {
            return parsing_loss(r, target_, s, o);
        });
    EXPECT_LT(e, 2e-3);
}

TEST_F(PixelLosses, IrlsWeightsReproduceTheGradient) {
    // For residuals above the floor, weight · r equals the adjoint (eq. 4's l2,1 as IRLS).
    cv::Mat adjoint, weight;
    photometric_loss(rendering_, target_, 3.f, {&adjoint, &weight});
    int checked = 0;
    for (int q : rendering_.covered) {
        const float* a = adjoint.ptr<float>() + 3 * q;
        const float* R = rendering_.colour.ptr<float>() + 3 * q;
        const float* I = target_.ptr<float>() + 3 * q;
        const float n = std::sqrt((R[0] - I[0]) * (R[0] - I[0]) + (R[1] - I[1]) * (R[1] - I[1]) +
                                  (R[2] - I[2]) * (R[2] - I[2]));
        if (n < 2 * kResidualFloor) continue;
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(weight.at<float>(q) * (R[c] - I[c]), a[c], 1e-6f);
        ++checked;
    }
    EXPECT_GT(checked, 100);
}

TEST(LandmarkTerm, GaussNewtonWeightsGiveTheLoss) {
    const core::Mesh face = render::test::bumpy_face(30, 14.f);
    core::MatrixX3fR X = face.V.topRows(kLandmarkCount);
    core::Camera camera = core::Camera::centered(160, 160, 300.f);
    core::Pose pose;
    pose.translation_cm = {0.f, 0.f, -40.f};
    render::ProjectedLandmarks pl;
    render::project_landmarks(X, landmark_vertices(), camera, pose, true, &pl);
    core::MatrixX2fR targets = pl.points_px;
    std::mt19937 rng(1);
    std::normal_distribution<float> n(0.f, 2.f);
    for (int l = 0; l < kLandmarkCount; ++l)
        targets.row(l) += Eigen::RowVector2f(n(rng), n(rng));
    const double loss = landmark_loss(pl, targets, 160);
    const Eigen::VectorXf w = landmark_gn_weights(160, 0.7f);
    double half = 0.0;
    for (int l = 0; l < kLandmarkCount; ++l)
        half += 0.5 * w[l] * (pl.points_px.row(l) - targets.row(l)).squaredNorm();
    EXPECT_NEAR(half, 0.7 * loss, 1e-4 * loss);
    // Distances count in px of a 224 crop: the same px error in a smaller crop weighs more.
    const double ratio = (160.0 / 112.0) * (160.0 / 112.0);
    EXPECT_NEAR(landmark_loss(pl, targets, 112), ratio * loss, 1e-5 * loss);
}

TEST(ParsingTarget, CodesLipsEyesAndBrowsInTheirChannels) {
    // A 468-point layout from the bumpy face's first vertices is meaningless; use a real
    // layout: the canonical landmarks are the template's, tested with the template in
    // frame_tracker_test. Here: an empty crop stays empty.
    core::MatrixX2fR far = core::MatrixX2fR::Constant(kLandmarkCount, 2, -1000.f);
    const cv::Mat t = parsing_target(far, 64);
    EXPECT_EQ(cv::countNonZero(t.reshape(1) > 1e-3f), 0);
}

}  // namespace
}  // namespace likeness::fit

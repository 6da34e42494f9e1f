// Every derivative of the rendered colour against central finite differences of the
// double-precision reference (reference_renderer.hpp) at fixed visibility, away from
// silhouettes: vertex positions (through barycentrics and normals), pose, focal length, SH
// coefficients and albedo texels; lit and unlit.
#include "engine/render/scene_gradient.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "engine/render/renderer.hpp"
#include "tests/engine/render/reference_renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

/// max |analytic − fd| / max |fd| over a group, and the worst entry-wise relative error among
/// entries above 1 % of the group's largest.
struct GroupError {
    double normwise = 0.0, entrywise = 0.0;
};

GroupError compare(const std::vector<double>& analytic, const std::vector<double>& fd) {
    double scale = 0.0;
    for (double v : fd)
        scale = std::max(scale, std::abs(v));
    GroupError e;
    for (size_t i = 0; i < fd.size(); ++i) {
        const double diff = std::abs(analytic[i] - fd[i]);
        e.normwise = std::max(e.normwise, diff / scale);
        if (std::abs(fd[i]) > 1e-2 * scale)
            e.entrywise = std::max(e.entrywise, diff / std::abs(fd[i]));
    }
    return e;
}

void report(const char* what, const GroupError& e) {
    std::printf("[ FD       ] %-28s max rel. error %.2e (entrywise %.2e)\n", what, e.normwise,
                e.entrywise);
    EXPECT_LT(e.normwise, 1e-3) << what;
    EXPECT_LT(e.entrywise, 1e-3) << what;
}

class RenderSceneGradient : public ::testing::TestWithParam<bool> {
  protected:
    void SetUp() override {
        face_ = test::bumpy_face(24, 14.f);
        albedo_ = test::smooth_texture(32, 11);
        scene_ = test::face_scene(&face_, &albedo_, 96, 96);
        options_.lit = GetParam();
        render(scene_, options_, &rendering_);
        pixels_ = test::interior_pixels(rendering_, 1);
        ASSERT_GT(pixels_.size(), 2000u);
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> u(-1.f, 1.f);
        adjoint_image_ = cv::Mat::zeros(96, 96, CV_32FC3);
        for (const auto& q : pixels_) {
            cv::Vec3f& a = adjoint_image_.at<cv::Vec3f>(q.y, q.x);
            a = {u(rng), u(rng), u(rng)};
            adjoint_.emplace_back(a[0], a[1], a[2]);
        }
        GradientRequest request;
        request.albedo = true;
        scene_gradient(scene_, rendering_, adjoint_image_, request, &gradient_);
        params_ = test::reference_params(scene_, options_.lit);
    }

    double functional(const test::ReferenceParams& p) const {
        return test::reference_functional(p, face_, pixels_, adjoint_);
    }
    template <typename Perturb>
    double central(Perturb perturb, double h) const {
        test::ReferenceParams plus = params_, minus = params_;
        perturb(plus, h);
        perturb(minus, -h);
        return (functional(plus) - functional(minus)) / (2 * h);
    }

    core::Mesh face_;
    cv::Mat albedo_, adjoint_image_;
    Scene scene_;
    RenderOptions options_;
    Rendering rendering_;
    std::vector<test::FixedPixel> pixels_;
    std::vector<Eigen::Vector3d> adjoint_;
    SceneGradient gradient_;
    test::ReferenceParams params_;
};

TEST_P(RenderSceneGradient, VertexPositions) {
    // Vertices of visible faces and their one-rings (moved through the normals only).
    std::vector<int> candidates;
    for (int v = 0; v < face_.vertex_count(); ++v)
        if (gradient_.vertices.row(v).norm() > 0.f) candidates.push_back(v);
    ASSERT_GT(candidates.size(), 100u);
    std::mt19937 rng(9);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    candidates.resize(60);
    std::vector<double> analytic, fd;
    for (int v : candidates)
        for (int a = 0; a < 3; ++a) {
            analytic.push_back(gradient_.vertices(v, a));
            fd.push_back(
                central([&](test::ReferenceParams& p, double h) { p.X(v, a) += h; }, 1e-6));
        }
    report(GetParam() ? "vertices (lit)" : "vertices (unlit)", compare(analytic, fd));
}

TEST_P(RenderSceneGradient, PoseAndFocal) {
    std::vector<double> analytic, fd;
    for (int a = 0; a < 3; ++a) {
        analytic.push_back(gradient_.scene[SceneParameter::kRotation + a]);
        fd.push_back(central([&](test::ReferenceParams& p, double h) { p.omega[a] += h; }, 1e-7));
    }
    report(GetParam() ? "rotation (lit)" : "rotation (unlit)", compare(analytic, fd));
    analytic.clear();
    fd.clear();
    for (int a = 0; a < 3; ++a) {
        analytic.push_back(gradient_.scene[SceneParameter::kTranslation + a]);
        fd.push_back(central([&](test::ReferenceParams& p, double h) { p.t[a] += h; }, 1e-6));
    }
    report(GetParam() ? "translation (lit)" : "translation (unlit)", compare(analytic, fd));
    const double fd_focal =
        central([&](test::ReferenceParams& p, double h) { p.focal += h; }, 1e-4);
    report(GetParam() ? "focal (lit)" : "focal (unlit)",
           compare({gradient_.scene[SceneParameter::kFocal]}, {fd_focal}));
}

TEST_P(RenderSceneGradient, Lighting) {
    std::vector<double> analytic, fd;
    for (int i = 0; i < 27; ++i) {
        analytic.push_back(gradient_.scene[SceneParameter::kLighting + i]);
        fd.push_back(central([&](test::ReferenceParams& p, double h) { p.gamma[i] += h; }, 1e-5));
    }
    if (!GetParam()) {  // unlit: no lighting derivative
        for (double g : analytic)
            EXPECT_EQ(g, 0.0);
        return;
    }
    report("SH coefficients", compare(analytic, fd));
}

TEST_P(RenderSceneGradient, AlbedoTexels) {
    ASSERT_EQ(gradient_.albedo.size(), albedo_.size());
    std::vector<int> touched;
    const float* g = gradient_.albedo.ptr<float>();
    for (int i = 0; i < 3 * static_cast<int>(albedo_.total()); ++i)
        if (g[i] != 0.f) touched.push_back(i);
    ASSERT_GT(touched.size(), 100u);
    std::mt19937 rng(13);
    std::shuffle(touched.begin(), touched.end(), rng);
    touched.resize(60);
    std::vector<double> analytic, fd;
    for (int i : touched) {
        analytic.push_back(g[i]);
        fd.push_back(central(
            [&](test::ReferenceParams& p, double h) { p.texels[static_cast<size_t>(i)] += h; },
            1e-5));
    }
    report(GetParam() ? "albedo texels (lit)" : "albedo texels (unlit)", compare(analytic, fd));
}

INSTANTIATE_TEST_SUITE_P(LitAndUnlit, RenderSceneGradient, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Lit" : "Unlit"; });

TEST(RenderSceneGradientEndToEnd, LossGradientMatchesRenderedFiniteDifferences) {
    // The real float renderer, visibility free to change: L = ½ Σ_q M'(q) |Î(q) − I(q)|² with
    // M' the interior of the face (silhouette pixels excluded) and I another rendering.
    const core::Mesh face = test::bumpy_face(24, 14.f);
    const cv::Mat albedo = test::smooth_texture(32, 11);
    Scene scene = test::face_scene(&face, &albedo, 96, 96);
    Scene target_scene = scene;
    target_scene.pose.rotation += Eigen::Vector3f(0.02f, -0.03f, 0.01f);
    target_scene.lighting = test::varied_lighting(8);
    Rendering target, r;
    render(target_scene, {}, &target);
    render(scene, {}, &r);
    cv::Mat weight = cv::Mat::zeros(96, 96, CV_32F);
    for (const auto& q : test::interior_pixels(r, 3))
        weight.at<float>(q.y, q.x) = 1.f;
    auto loss = [&](const Scene& s) {
        Rendering rr;
        render(s, {}, &rr);
        double L = 0.0;
        for (int y = 0; y < 96; ++y)
            for (int x = 0; x < 96; ++x) {
                const cv::Vec3f d =
                    rr.colour.at<cv::Vec3f>(y, x) - target.colour.at<cv::Vec3f>(y, x);
                L += 0.5 * weight.at<float>(y, x) * d.dot(d);
            }
        return L;
    };
    cv::Mat adjoint(96, 96, CV_32FC3);
    for (int y = 0; y < 96; ++y)
        for (int x = 0; x < 96; ++x)
            adjoint.at<cv::Vec3f>(y, x) =
                weight.at<float>(y, x) *
                (r.colour.at<cv::Vec3f>(y, x) - target.colour.at<cv::Vec3f>(y, x));
    SceneGradient g;
    scene_gradient(scene, r, adjoint, {}, &g);
    const SceneVector p0 = scene_parameters(scene);
    std::vector<double> analytic, fd;
    for (int i = 0; i < SceneParameter::kCount; ++i) {
        const double h =
            i < SceneParameter::kFocal ? 1e-3 : (i == SceneParameter::kFocal ? 0.5 : 1e-2);
        Scene plus = scene, minus = scene;
        set_scene_parameters(p0 + h * SceneVector::Unit(i), &plus);
        set_scene_parameters(p0 - h * SceneVector::Unit(i), &minus);
        analytic.push_back(g.scene[i]);
        fd.push_back((loss(plus) - loss(minus)) / (2 * h));
    }
    const GroupError e = compare(analytic, fd);
    std::printf("[ FD       ] %-28s max rel. error %.2e (entrywise %.2e)\n",
                "end-to-end scene params", e.normwise, e.entrywise);
    // Float rendering and faces swapping along interior edges as vertices move: looser than the
    // fixed-visibility checks above, which hold the 1e-3 bound.
    EXPECT_LT(e.normwise, 2e-3);
}

TEST(RenderSceneGradientThreads, OpenMpGivesTheSameGradient) {
    const core::Mesh face = test::bumpy_face(24, 14.f);
    const cv::Mat albedo = test::smooth_texture(32, 11);
    const Scene scene = test::face_scene(&face, &albedo, 96, 96);
    RenderOptions serial, parallel;
    parallel.min_pixels_for_threads = 0;
    Rendering rs, rp;
    const int threads = omp_get_max_threads();
    omp_set_num_threads(std::max(2, threads));
    render(scene, serial, &rs);
    render(scene, parallel, &rp);
    EXPECT_FALSE(rs.threaded);
    EXPECT_TRUE(rp.threaded);
    cv::Mat a(96, 96, CV_32FC3);
    cv::randu(a, -1.f, 1.f);
    GradientRequest request;
    request.albedo = true;
    SceneGradient gs, gp;
    scene_gradient(scene, rs, a, request, &gs);
    scene_gradient(scene, rp, a, request, &gp);
    omp_set_num_threads(threads);
    EXPECT_LT((gs.scene - gp.scene).cwiseAbs().maxCoeff(), 1e-5 * gs.scene.cwiseAbs().maxCoeff());
    EXPECT_LT((gs.vertices - gp.vertices).cwiseAbs().maxCoeff(),
              1e-5f * gs.vertices.cwiseAbs().maxCoeff());
    EXPECT_LT(cv::norm(gs.albedo, gp.albedo, cv::NORM_INF),
              1e-5 * cv::norm(gs.albedo, cv::NORM_INF));
}

}  // namespace
}  // namespace likeness::render

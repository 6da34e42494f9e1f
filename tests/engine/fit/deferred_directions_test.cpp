// Deferred direction columns (deferred_directions.hpp): filled columns equal pixel_rows' without
// deferral, and the gradient through the per-vertex adjoints equals the dense Jᵀ W r of the
// complete rows, for the lit colour rows (with given normal directions) and the unlit ones.
#include "engine/fit/deferred_directions.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "engine/face/personal_model.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/scene_parameters.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/fit/fit_test_scenes.hpp"

namespace likeness::fit {
namespace {

using fit_test::shared_model;

struct Case {
    core::MatrixX3fR X;
    std::vector<core::MatrixX3fR> basis, normals;
    VertexBasis grouped;
    render::Scene scene;
    render::Rendering lit, unlit;
};

void make_case(const face::PersonalModel& model, Case* s) {
    const core::Camera camera = fit_test::frame_camera(96);
    const FrameParameters p = fit_test::truth_parameters(model, camera, 0.5f);
    s->X = model.shape(p.w);
    s->basis = {model.shape_deltas[17], model.shape_deltas[25], model.shape_deltas[40],
                model.shape_deltas[3], model.shape_deltas[9]};
    std::mt19937 rng(4);
    std::normal_distribution<float> n(0.f, 1.f);
    s->normals.assign(s->basis.size(), core::MatrixX3fR(s->X.rows(), 3));
    for (auto& d : s->normals)
        for (Eigen::Index i = 0; i < d.size(); ++i)
            d.data()[i] = n(rng);
    s->grouped = vertex_basis(s->basis, &s->normals);
    s->scene.mesh = &model.neutral;
    s->scene.vertices = &s->X;
    s->scene.albedo_uv = &model.base_albedo;
    s->scene.camera = camera;
    s->scene.pose = p.pose;
    s->scene.lighting = p.lighting;
    render::render(s->scene, render::RenderOptions{}, &s->lit);
    render::RenderOptions uo;
    uo.lit = false;
    render::render(s->scene, uo, &s->unlit);
}

TEST(DeferredDirections, FilledColumnsEqualTheUndeferredRows) {
    std::string why;
    const face::PersonalModel* model = shared_model(&why);
    if (!model) GTEST_SKIP() << why;
    Case s;
    make_case(*model, &s);
    NormalDirections nd;
    nd.given = &s.normals;
    for (const render::Rendering* r : {&s.lit, &s.unlit}) {
        ASSERT_TRUE(can_defer_directions(*r, nd, &s.grouped));
        PixelRows plain, deferred;
        pixel_rows(s.scene, *r, s.basis, cv::Mat(), nd, &plain, &s.grouped);
        pixel_rows(s.scene, *r, s.basis, cv::Mat(), nd, &deferred, &s.grouped, true);
        ASSERT_TRUE(deferred.deferred);
        ASSERT_EQ(plain.pixels, deferred.pixels);
        const Eigen::Index rows = 3 * static_cast<Eigen::Index>(plain.pixels.size());
        const int K = static_cast<int>(s.basis.size()), C0 = render::SceneParameter::kCount;
        const float scale = plain.J.topRows(rows).cwiseAbs().maxCoeff();
        // Before filling: the scene columns as they were, the direction columns zero.
        EXPECT_EQ(plain.J.topRows(rows).leftCols(C0), deferred.J.topRows(rows).leftCols(C0));
        EXPECT_EQ(deferred.J.topRows(rows).rightCols(K).cwiseAbs().maxCoeff(), 0.f);
        // Some columns, then (again, which must not add twice) all of them.
        fill_direction_columns(s.grouped, {3, 1}, &deferred);
        EXPECT_EQ(deferred.J.topRows(rows).col(C0).cwiseAbs().maxCoeff(), 0.f);
        EXPECT_LE((plain.J.topRows(rows).col(C0 + 3) - deferred.J.topRows(rows).col(C0 + 3))
                      .cwiseAbs()
                      .maxCoeff(),
                  1e-5f * scale);
        fill_direction_columns(s.grouped, {0, 1, 2, 3, 4}, &deferred);
        EXPECT_LE((plain.J.topRows(rows) - deferred.J.topRows(rows)).cwiseAbs().maxCoeff(),
                  1e-5f * scale)
            << (r == &s.lit ? "lit" : "unlit");
    }
}

TEST(DeferredDirections, AdjointGradientEqualsTheDenseSum) {
    std::string why;
    const face::PersonalModel* model = shared_model(&why);
    if (!model) GTEST_SKIP() << why;
    Case s;
    make_case(*model, &s);
    NormalDirections nd;
    nd.given = &s.normals;
    const int width = s.lit.raster.width, height = s.lit.raster.height;
    std::mt19937 rng(6);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    cv::Mat residual(height, width, CV_32FC3), wp(height, width, CV_32F), wd(height, width, CV_32F);
    for (int i = 0; i < width * height; ++i) {
        wp.ptr<float>()[i] = u(rng) < 0.2f ? 0.f : u(rng);
        wd.ptr<float>()[i] = u(rng) < 0.2f ? 0.f : u(rng);
        for (int c = 0; c < 3; ++c)
            residual.ptr<float>()[3 * i + c] = u(rng) - 0.5f;
    }
    for (const render::Rendering* r : {&s.lit, &s.unlit})
        for (bool defer : {false, true}) {
            PixelRows rows, full;
            pixel_rows(s.scene, *r, s.basis, cv::Mat(), nd, &full, &s.grouped);
            pixel_rows(s.scene, *r, s.basis, cv::Mat(), nd, &rows, &s.grouped, defer);
            // The reference: the complete rows' sums (accumulate_*_terms, themselves checked
            // against dense sums in frame_tracker_test).
            Eigen::VectorXd expected, gd;
            accumulate_pixel_terms(full, residual, wp, nullptr, &expected);
            accumulate_difference_terms(full, residual, wd, width, nullptr, &gd);
            expected += gd;
            std::vector<float> adjoint(3 * rows.pixels.size(), 0.f), scratch;
            add_pixel_term_adjoint(rows, residual, wp, &adjoint);
            add_difference_term_adjoint(rows, residual, wd, width, &adjoint);
            Eigen::VectorXd g;
            add_adjoint_gradient(rows, adjoint, &s.grouped, &g, &scratch);
            ASSERT_EQ(g.size(), expected.size());
            EXPECT_LE((g - expected).cwiseAbs().maxCoeff(), 1e-4 * expected.cwiseAbs().maxCoeff())
                << (r == &s.lit ? "lit" : "unlit") << (defer ? ", deferred" : "");
        }
}

}  // namespace
}  // namespace likeness::fit

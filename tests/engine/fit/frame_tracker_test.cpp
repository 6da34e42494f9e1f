// The per-frame solver on the template face: its Jacobian rows against the renderer's forward
// mode, the regularisers' gradients against finite differences, the Gauss–Newton gradient of
// the smooth terms against finite differences of the cost, and recovery of known parameters
// from a synthetic frame.
#include "engine/fit/frame_tracker.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/face/personal_model.hpp"
#include "engine/fit/neutral_term.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/fit/pixel_rows.hpp"
#include "engine/fit/tracking_regularizer.hpp"
#include "engine/render/colour_differential.hpp"
#include "engine/render/renderer.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/fit/fit_test_scenes.hpp"

namespace likeness::fit {
namespace {

using fit_test::shared_model;

#define NEED_MODEL(m)                                      \
    std::string m##_why;                                   \
    const face::PersonalModel* m = shared_model(&m##_why); \
    if (!m) GTEST_SKIP() << m##_why

TEST(PixelRows, MatchTheRenderersForwardMode) {
    NEED_MODEL(model);
    const core::Camera camera = fit_test::frame_camera(96);
    const FrameParameters p = fit_test::truth_parameters(*model, camera, 0.5f);
    const core::MatrixX3fR X = model->shape(p.w);
    const std::vector<core::MatrixX3fR> basis = {model->shape_deltas[17], model->shape_deltas[25],
                                                 model->shape_deltas[40]};
    for (bool lit : {true, false}) {
        render::Scene scene;
        scene.mesh = &model->neutral;
        scene.vertices = &X;
        scene.albedo_uv = &model->base_albedo;
        scene.camera = camera;
        scene.pose = p.pose;
        scene.lighting = p.lighting;
        render::RenderOptions ro;
        ro.lit = lit;
        render::Rendering r;
        render::render(scene, ro, &r);
        PixelRows rows;
        pixel_rows(scene, r, basis, cv::Mat(), {}, &rows);
        ASSERT_GT(rows.pixels.size(), 1000u);
        std::mt19937 rng(2);
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        render::SceneDirection dir;
        Eigen::VectorXd v(rows.columns);
        for (int j = 0; j < rows.columns; ++j)
            v[j] = u(rng);
        v[render::SceneParameter::kFocal] *= 10.0;
        for (int j = 0; j < render::SceneParameter::kCount; ++j)
            dir.scene[j] = v[j];
        core::MatrixX3fR dX = core::MatrixX3fR::Zero(X.rows(), 3);
        for (size_t i = 0; i < basis.size(); ++i)
            dX += static_cast<float>(v[render::SceneParameter::kCount + static_cast<int>(i)]) *
                  basis[i];
        dir.vertices = &dX;
        cv::Mat change;
        render::colour_differential(scene, r, dir, &change);
        double worst = 0.0, scale = 0.0;
        for (size_t i = 0; i < rows.pixels.size(); ++i)
            for (int c = 0; c < 3; ++c) {
                const double jv =
                    rows.J.row(3 * static_cast<Eigen::Index>(i) + c).cast<double>().dot(v);
                const double ref = change.ptr<float>()[3 * rows.pixels[i] + c];
                worst = std::max(worst, std::abs(jv - ref));
                scale = std::max(scale, std::abs(ref));
            }
        EXPECT_LT(worst / scale, 1e-3) << (lit ? "lit" : "unlit");
    }
}

/// A lit rendering of the template at a known frame, and three blend-shape directions.
struct RowsScene {
    core::MatrixX3fR X;
    std::vector<core::MatrixX3fR> basis;
    render::Scene scene;
    render::Rendering r;
};

void make_rows_scene(const face::PersonalModel& model, RowsScene* s) {
    const core::Camera camera = fit_test::frame_camera(96);
    const FrameParameters p = fit_test::truth_parameters(model, camera, 0.5f);
    s->X = model.shape(p.w);
    s->basis = {model.shape_deltas[17], model.shape_deltas[25], model.shape_deltas[40]};
    s->scene.mesh = &model.neutral;
    s->scene.vertices = &s->X;
    s->scene.albedo_uv = &model.base_albedo;
    s->scene.camera = camera;
    s->scene.pose = p.pose;
    s->scene.lighting = p.lighting;
    render::render(s->scene, render::RenderOptions{}, &s->r);
}

TEST(PixelRows, GroupedBasisGivesTheSameRows) {
    NEED_MODEL(model);
    RowsScene s;
    make_rows_scene(*model, &s);
    std::mt19937 rng(4);
    std::normal_distribution<float> n(0.f, 1.f);
    std::vector<core::MatrixX3fR> normals(s.basis.size(), core::MatrixX3fR(s.X.rows(), 3));
    for (auto& d : normals)
        for (Eigen::Index i = 0; i < d.size(); ++i)
            d.data()[i] = n(rng);
    const VertexBasis grouped = vertex_basis(s.basis, &normals);
    // Unlit too (the parsing map's rows): the compact tables apply the grouped positions alone.
    render::Rendering unlit;
    render::RenderOptions uo;
    uo.lit = false;
    render::render(s.scene, uo, &unlit);
    for (bool lit : {true, false})
        for (bool given : {false, true}) {
            const render::Rendering& r = lit ? s.r : unlit;
            NormalDirections nd;
            if (given) nd.given = &normals;
            PixelRows plain, fast;
            pixel_rows(s.scene, r, s.basis, cv::Mat(), nd, &plain);
            pixel_rows(s.scene, r, s.basis, cv::Mat(), nd, &fast, &grouped);
            ASSERT_EQ(plain.pixels, fast.pixels);
            const Eigen::Index rows = 3 * static_cast<Eigen::Index>(plain.pixels.size());
            const float scale = plain.J.topRows(rows).cwiseAbs().maxCoeff();
            EXPECT_LE((plain.J.topRows(rows) - fast.J.topRows(rows)).cwiseAbs().maxCoeff(),
                      1e-5f * scale)
                << (given ? "given normals" : "exact normals") << (lit ? ", lit" : ", unlit");
        }
}

TEST(PixelRows, AccumulatedNormalEquationsMatchDenseSums) {
    // The accumulators work per colour channel over that channel's columns; the result must be
    // the plain sums over all rows: H = Σ w JᵀJ, g = Σ w Jᵀr (and the same for differences).
    NEED_MODEL(model);
    RowsScene s;
    make_rows_scene(*model, &s);
    PixelRows rows;
    pixel_rows(s.scene, s.r, s.basis, cv::Mat(), {}, &rows);
    const int width = s.r.raster.width, height = s.r.raster.height, C = rows.columns;
    std::mt19937 rng(6);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    cv::Mat residual(height, width, CV_32FC3), weight(height, width, CV_32F);
    for (int i = 0; i < width * height; ++i) {
        weight.ptr<float>()[i] = u(rng) < 0.2f ? 0.f : u(rng);
        for (int c = 0; c < 3; ++c)
            residual.ptr<float>()[3 * i + c] = u(rng) - 0.5f;
    }
    const float* r = residual.ptr<float>();
    const float* w = weight.ptr<float>();
    Eigen::MatrixXd H_dense = Eigen::MatrixXd::Zero(C, C), Hd_dense = H_dense;
    Eigen::VectorXd g_dense = Eigen::VectorXd::Zero(C), gd_dense = g_dense;
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const int q = rows.pixels[i];
        for (int c = 0; c < 3; ++c) {
            const Eigen::VectorXd J =
                rows.J.row(3 * static_cast<Eigen::Index>(i) + c).transpose().cast<double>();
            H_dense += w[q] * J * J.transpose();
            g_dense += w[q] * r[3 * q + c] * J;
            for (int step : {1, width}) {
                const int nb = q + step;
                if (nb >= width * height || (step == 1 && (q % width) + 1 >= width)) continue;
                const int j = rows.row_of[static_cast<size_t>(nb)];
                if (j < 0) continue;
                const Eigen::VectorXd D =
                    rows.J.row(3 * static_cast<Eigen::Index>(j) + c).transpose().cast<double>() - J;
                Hd_dense += w[q] * D * D.transpose();
                gd_dense += w[q] * (r[3 * nb + c] - r[3 * q + c]) * D;
            }
        }
    }
    Eigen::MatrixXd H, Hd;
    Eigen::VectorXd g, gd;
    accumulate_pixel_terms(rows, residual, weight, &H, &g);
    accumulate_difference_terms(rows, residual, weight, width, &Hd, &gd);
    const auto lower = [](const Eigen::MatrixXd& M) {
        return Eigen::MatrixXd(M.triangularView<Eigen::Lower>());
    };
    EXPECT_LE((lower(H) - lower(H_dense)).cwiseAbs().maxCoeff(),
              1e-4 * H_dense.cwiseAbs().maxCoeff());
    EXPECT_LE((g - g_dense).cwiseAbs().maxCoeff(), 1e-4 * g_dense.cwiseAbs().maxCoeff());
    EXPECT_LE((lower(Hd) - lower(Hd_dense)).cwiseAbs().maxCoeff(),
              1e-4 * Hd_dense.cwiseAbs().maxCoeff());
    EXPECT_LE((gd - gd_dense).cwiseAbs().maxCoeff(), 1e-4 * gd_dense.cwiseAbs().maxCoeff());
    // g alone (no H wanted) is summed row by row, without the per-channel accumulators.
    Eigen::VectorXd g_only, gd_only;
    accumulate_pixel_terms(rows, residual, weight, nullptr, &g_only);
    accumulate_difference_terms(rows, residual, weight, width, nullptr, &gd_only);
    EXPECT_LE((g_only - g_dense).cwiseAbs().maxCoeff(), 1e-4 * g_dense.cwiseAbs().maxCoeff());
    EXPECT_LE((gd_only - gd_dense).cwiseAbs().maxCoeff(), 1e-4 * gd_dense.cwiseAbs().maxCoeff());

    // H on some columns only: the same entries between flagged columns, zeros elsewhere.
    std::vector<unsigned char> flagged(static_cast<size_t>(C));
    for (auto& f : flagged)
        f = u(rng) < 0.6f;
    Eigen::MatrixXd Hm, Hdm;
    accumulate_pixel_terms(rows, residual, weight, &Hm, nullptr, &flagged);
    accumulate_difference_terms(rows, residual, weight, width, &Hdm, nullptr, &flagged);
    for (int a = 0; a < C; ++a)
        for (int b = 0; b <= a; ++b) {
            const bool both = flagged[static_cast<size_t>(a)] && flagged[static_cast<size_t>(b)];
            EXPECT_NEAR(Hm(a, b), both ? H(a, b) : 0.0, 1e-6 * H_dense.cwiseAbs().maxCoeff());
            EXPECT_NEAR(Hdm(a, b), both ? Hd(a, b) : 0.0, 1e-6 * Hd_dense.cwiseAbs().maxCoeff());
        }

    // Both terms in one pass (rows gathered once): the sum of the two, on all or some columns.
    cv::Mat weight2(height, width, CV_32F);
    for (int i = 0; i < width * height; ++i)
        weight2.ptr<float>()[i] = u(rng) < 0.2f ? 0.f : u(rng);
    std::vector<float> scratch;
    const std::vector<unsigned char>* all = nullptr;
    const std::vector<unsigned char>* some = &flagged;
    for (const std::vector<unsigned char>* cols : {all, some}) {
        Eigen::MatrixXd Hb;
        Eigen::VectorXd gb;
        accumulate_pixel_and_difference_terms(rows, residual, weight, weight2, width, &Hb, &gb,
                                              cols, &scratch);
        Eigen::MatrixXd Hd2m;
        accumulate_difference_terms(rows, residual, weight2, width, &Hd2m, nullptr, cols);
        Eigen::MatrixXd Hpm;
        accumulate_pixel_terms(rows, residual, weight, &Hpm, nullptr, cols);
        const Eigen::MatrixXd expected = lower(Hpm) + lower(Hd2m);
        EXPECT_LE((lower(Hb) - expected).cwiseAbs().maxCoeff(),
                  1e-6 * expected.cwiseAbs().maxCoeff());
        Eigen::VectorXd gd2;
        accumulate_difference_terms(rows, residual, weight2, width, nullptr, &gd2);
        EXPECT_LE((gb - g_dense - gd2).cwiseAbs().maxCoeff(), 1e-4 * g_dense.cwiseAbs().maxCoeff());
    }
}

TEST(TrackingRegularizer, LightingGradientMatchesFiniteDifferences) {
    core::ShLighting l = core::ShLighting::ambient(0.8f);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(-0.3f, 0.3f);
    for (float& g : l.gamma)
        g += u(rng);
    LightingQuadratic q;
    lighting_regularizer(l, 0.02, &q);
    for (int i = 0; i < 27; ++i) {
        core::ShLighting a = l, b = l;
        const float h = 1e-3f;
        a.gamma[static_cast<size_t>(i)] += h;
        b.gamma[static_cast<size_t>(i)] -= h;
        const double fd = (lighting_regularizer(a, 0.02) - lighting_regularizer(b, 0.02)) / (2 * h);
        EXPECT_NEAR(q.g[i], fd, 2e-3) << i;
    }
    Eigen::VectorXf grad;
    Eigen::VectorXf w = Eigen::VectorXf::Constant(5, 0.3f);
    EXPECT_NEAR(weight_l1(w, &grad), 1.5, 1e-6);
    EXPECT_EQ(grad, Eigen::VectorXf::Ones(5));
}

TEST(NeutralTerm, GradientsMatchFiniteDifferences) {
    std::mt19937 rng(5);
    std::normal_distribution<float> n(0.f, 0.3f);
    std::vector<core::MatrixX3fR> B(4, core::MatrixX3fR(30, 3));
    for (auto& b : B)
        for (int i = 0; i < b.size(); ++i)
            b.data()[i] = n(rng);
    Eigen::VectorXf w(4);
    w << 0.2f, 0.0f, 0.7f, 0.4f;
    NeutralQuadratic q;
    std::vector<core::MatrixX3fR> dB;
    neutral_loss(B, w, &q, &dB);
    const float h = 1e-3f;
    for (int i = 0; i < 4; ++i) {
        Eigen::VectorXf a = w, b = w;
        a[i] += h;
        b[i] -= h;
        const double fd = (neutral_loss(B, a) - neutral_loss(B, b)) / (2 * h);
        EXPECT_NEAR(q.g[i], fd, 1e-2 * std::max(1.0, std::abs(fd)));
    }
    for (int k = 0; k < 10; ++k) {
        std::vector<core::MatrixX3fR> a = B, b = B;
        a[2](k, 1) += h;
        b[2](k, 1) -= h;
        const double fd = (neutral_loss(a, w) - neutral_loss(b, w)) / (2 * h);
        EXPECT_NEAR(dB[2](k, 1), fd, 1e-2 * std::max(1.0, std::abs(fd)));
    }
}

TEST(ParsingTarget, AgreesWithTheRenderedParsingMap) {
    NEED_MODEL(model);
    const core::Camera camera = fit_test::frame_camera(224);
    const FrameParameters p = fit_test::truth_parameters(*model, camera, 0.3f);
    const fit_test::SyntheticFrame frame = fit_test::render_frame(*model, p, camera);
    ObservationOptions oo;
    const FrameObservation obs = make_observation(frame.rgb8, frame.landmarks_px, 0, oo);
    const cv::Mat code = parsing_code_texture(model->parsing, 256);
    render::Scene scene;
    scene.mesh = &model->neutral;
    scene.vertices = &frame.vertices;
    scene.albedo_uv = &code;
    scene.camera = obs.window.crop_camera(camera);
    scene.pose = p.pose;
    render::RenderOptions ro;
    ro.lit = false;
    render::Rendering r;
    render::render(scene, ro, &r);
    // Per channel (lips, eyes, brows): the landmark polygons and the rendered T overlap.
    std::vector<cv::Mat> a, b;
    cv::split(r.colour, a);
    cv::split(obs.parsing, b);
    for (int c = 0; c < 3; ++c) {
        const double inter = cv::sum(a[c].mul(b[c]))[0];
        const double uni = cv::sum(a[c])[0] + cv::sum(b[c])[0] - inter;
        EXPECT_GT(inter / uni, 0.5) << "channel " << c;
    }
}

TEST(ParsingRows, SkippedPixelsHaveZeroRows) {
    // The tracker computes parsing rows only where parsing_row_pixels says they can be non-zero;
    // every other covered pixel's row must be exactly zero.
    NEED_MODEL(model);
    const core::Camera camera = fit_test::frame_camera(160);
    const FrameParameters p = fit_test::truth_parameters(*model, camera, 0.3f);
    const core::MatrixX3fR X = model->shape(p.w);
    const cv::Mat code = parsing_code_texture(model->parsing, 256);
    render::Scene scene;
    scene.mesh = &model->neutral;
    scene.vertices = &X;
    scene.albedo_uv = &code;
    scene.camera = camera;
    scene.pose = p.pose;
    render::RenderOptions ro;
    ro.lit = false;
    render::Rendering r;
    render::render(scene, ro, &r);
    const std::vector<core::MatrixX3fR> basis = {model->shape_deltas[17], model->shape_deltas[25]};
    PixelRows rows;
    pixel_rows(scene, r, basis, cv::Mat(), {}, &rows);
    cv::Mat select;
    parsing_row_pixels(r, code, &select);
    int kept = 0, zero = 0;
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const int q = rows.pixels[i];
        if (select.ptr<unsigned char>()[q]) {
            ++kept;
            continue;
        }
        ++zero;
        EXPECT_EQ(rows.J.middleRows(3 * static_cast<Eigen::Index>(i), 3).cwiseAbs().maxCoeff(),
                  0.f)
            << "pixel " << q;
    }
    EXPECT_GT(kept, 0);
    EXPECT_GT(zero, kept);  // most of the face is skin
}

class Tracker : public ::testing::Test {
  protected:
    void SetUp() override {
        model_ = shared_model(&why_);
        if (!model_) GTEST_SKIP() << why_;
        context_ = make_fit_context(*model_);
        camera_ = fit_test::frame_camera(256);
        truth_ = fit_test::truth_parameters(*model_, camera_, 1.f);
        frame_ = fit_test::render_frame(*model_, truth_, camera_);
        ObservationOptions oo;
        oo.crop_size = 128;
        obs_ = make_observation(frame_.rgb8, frame_.landmarks_px, 0, oo);
    }
    std::string why_;
    const face::PersonalModel* model_ = nullptr;
    FitContext context_;
    core::Camera camera_;
    FrameParameters truth_;
    fit_test::SyntheticFrame frame_;
    FrameObservation obs_;
};

TEST_F(Tracker, SmoothTermsGradientMatchesFiniteDifferences) {
    TrackerOptions o;
    o.weights.photometric = o.weights.image_gradient = o.weights.parsing = 0.0;
    o.weights.regularization = 0.5;
    o.weights.neutral = 0.3;
    obs_.neutral = true;
    FrameTracker tracker(context_, o);
    FrameParameters p = truth_;
    p.pose.rotation += Eigen::Vector3f(0.02f, -0.03f, 0.01f);
    p.pose.translation_cm += Eigen::Vector3f(0.3f, -0.2f, 1.f);
    p.w[17] = 0.3f;
    Eigen::MatrixXd H;
    Eigen::VectorXd g;
    tracker.normal_equations(obs_, camera_, p, &H, &g);
    auto cost = [&](const FrameParameters& q) { return tracker.evaluate(obs_, camera_, q).total; };
    const double h = 1e-3;
    for (int j = 0; j < 6; ++j) {
        FrameParameters a = p, b = p;
        if (j < 3) {
            a.pose.rotation[j] += static_cast<float>(h);
            b.pose.rotation[j] -= static_cast<float>(h);
        } else {
            a.pose.translation_cm[j - 3] += static_cast<float>(h);
            b.pose.translation_cm[j - 3] -= static_cast<float>(h);
        }
        const double fd = (cost(a) - cost(b)) / (2 * h);
        EXPECT_NEAR(g[j], fd, 2e-2 * std::max(1.0, std::abs(fd))) << "pose " << j;
    }
    for (int i : {0, 17, 25, 30}) {
        FrameParameters a = p, b = p;
        a.w[i] += static_cast<float>(h);
        b.w[i] = std::max(0.f, b.w[i] - static_cast<float>(h));
        const double fd = (cost(a) - cost(b)) / (a.w[i] - b.w[i]);
        EXPECT_NEAR(g[render::SceneParameter::kCount + i], fd, 2e-2 * std::max(1.0, std::abs(fd)))
            << "w " << i;
    }
    for (int k : {0, 4, 9, 26}) {  // γ: eq. 8's lighting regulariser, through the tracker
        FrameParameters a = p, b = p;
        a.lighting.gamma[static_cast<size_t>(k)] += static_cast<float>(h);
        b.lighting.gamma[static_cast<size_t>(k)] -= static_cast<float>(h);
        const double fd = (cost(a) - cost(b)) / (2 * h);
        EXPECT_NEAR(g[render::SceneParameter::kLighting + k], fd,
                    2e-2 * std::max(1.0, std::abs(fd)))
            << "gamma " << k;
    }
}

TEST_F(Tracker, ResultDoesNotDependOnTheFramesSolvedBefore) {
    // A tracker reuses its buffers between frames (and stage 1 hands frames to whichever thread
    // is free): what it solved before must not change the next solve.
    TrackerOptions o;
    o.exact_normal_directions = false;  // as stage 1 and the final pass
    o.max_iterations = 4;
    const FrameParameters other_truth = fit_test::truth_parameters(*model_, camera_, 0.2f, 7);
    const fit_test::SyntheticFrame other = fit_test::render_frame(*model_, other_truth, camera_);
    ObservationOptions oo;
    oo.crop_size = 128;
    const FrameObservation other_obs = make_observation(other.rgb8, other.landmarks_px, 1, oo);
    FrameTracker used(context_, o), fresh(context_, o);
    FrameParameters q = initial_parameters(*model_, other_obs, camera_);
    used.track(other_obs, camera_, &q);
    FrameParameters a = initial_parameters(*model_, obs_, camera_), b = a;
    const TrackerSummary sa = used.track(obs_, camera_, &a);
    const TrackerSummary sb = fresh.track(obs_, camera_, &b);
    EXPECT_EQ(sa.final_cost, sb.final_cost);
    EXPECT_EQ(a.w, b.w);
    EXPECT_EQ(a.pose.rotation, b.pose.rotation);
    EXPECT_EQ(a.pose.translation_cm, b.pose.translation_cm);
}

TEST_F(Tracker, CheckerboardHessianFitsAsWell) {
    // H from every other pixel changes the steps, not the cost or its gradient: the solve ends
    // as low as with the complete H. (Not at the same weights: the cost is not convex, and
    // here the complete H stopped higher, with a weight 0.75 that is 0 in the truth.)
    TrackerOptions o;
    o.exact_normal_directions = false;  // as the final pass
    o.weights.regularization = 1e-3;
    o.max_iterations = 25;
    o.landmark_warmup_iterations = 8;
    TrackerOptions half = o;
    half.checkerboard_hessian = true;
    FrameTracker full_tracker(context_, o), half_tracker(context_, half);
    FrameParameters a = initial_parameters(*model_, obs_, camera_), b = a;
    const TrackerSummary sa = full_tracker.track(obs_, camera_, &a);
    const TrackerSummary sb = half_tracker.track(obs_, camera_, &b);
    ASSERT_TRUE(sa.usable() && sb.usable()) << sa.message << " / " << sb.message;
    EXPECT_LT(sb.final_cost, sb.initial_cost);
    EXPECT_LT(sb.final_cost, 1.01 * sa.final_cost);
    // Bounds as RecoversAKnownFrame's, the rotation's looser: normals are the neutral face's.
    EXPECT_LT((b.pose.rotation - truth_.pose.rotation).norm(), 0.03f);
    EXPECT_LT(10 * fit_test::rms_cm(model_->shape(b.w), frame_.vertices, kLandmarkCount), 1.0f);
}

TEST_F(Tracker, RecoversAKnownFrame) {
    for (WeightStep step : {WeightStep::Projected, WeightStep::Sigmoid}) {
        TrackerOptions o;
        o.weight_step = step;
        // The solver's recovery of a noise-free frame: eq. 8's prior (LossWeights'
        // default λreg = 0.5, tuned for noisy video) biases the minimum away from the truth's
        // weights by design, so it is kept small here.
        o.weights.regularization = 1e-3;
        o.max_iterations = 25;
        o.landmark_warmup_iterations = 8;
        FrameTracker tracker(context_, o);
        FrameParameters p = initial_parameters(*model_, obs_, camera_);
        const TrackerSummary s = tracker.track(obs_, camera_, &p);
        EXPECT_TRUE(s.usable()) << s.message;
        EXPECT_LT(s.final_cost, s.initial_cost);
        const core::MatrixX3fR X = model_->shape(p.w);
        const float rms = fit_test::rms_cm(X, frame_.vertices, kLandmarkCount);
        const float pose_err = (p.pose.rotation - truth_.pose.rotation).norm();
        std::printf(
            "[ tracker  ] %s: %d iterations, %s, cost %.4g -> %.4g, shape rms %.3f mm,"
            " rotation error %.4f rad, %.1f ms\n",
            step == WeightStep::Projected ? "projected" : "sigmoid", s.iterations,
            s.message.c_str(), s.initial_cost, s.final_cost, 10 * rms, pose_err, 1e3 * s.seconds);
        EXPECT_LT(pose_err, 0.02f);
        if (step == WeightStep::Projected) {
            EXPECT_LT(10 * rms, 1.0f);  // mm, in model space (pose removed)
            EXPECT_NEAR(p.w[17], truth_.w[17], 0.15f);
        }
    }
}

}  // namespace
}  // namespace likeness::fit

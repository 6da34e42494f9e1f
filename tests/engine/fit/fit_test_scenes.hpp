#pragma once
// Synthetic frames for the fitting tests: the template as a personal model, rendered with known
// parameters into a small frame with a grey background, and its exact landmarks (vertices
// 0..467 projected). Real faces and the benchmark's subjects live elsewhere (engine/eval).
#include <Eigen/LU>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/core.hpp>
#include <random>
#include <string>

#include "engine/face/personal_model.hpp"
#include "engine/fit/frame_parameters.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::fit_test {
using namespace likeness::fit;

struct SyntheticFrame {
    cv::Mat rgb8;                   ///< CV_8UC3 RGB frame
    core::MatrixX2fR landmarks_px;  ///< 468 by 2 exact projections, frame px
    core::MatrixX3fR vertices;      ///< the truth S(w), model space
};

/// A frame camera: `size` square, focal 1.3 · size (a ~42° field of view).
inline core::Camera frame_camera(int size) {
    return core::Camera::centered(size, size, 1.3f * static_cast<float>(size));
}

/// Parameters of a face filling about half of `camera`'s frame: small rotation, warm light,
/// a few shapes active (jaw open, smile, brow up) at `expression` strength.
inline FrameParameters truth_parameters(const face::PersonalModel& model,
                                        const core::Camera& camera, float expression,
                                        unsigned seed = 1) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    FrameParameters p = neutral_parameters(model.shape_count());
    const auto set = [&](const char* name, float value) {
        for (int i = 0; i < model.shape_count(); ++i)
            if (model.shape_names[static_cast<size_t>(i)] == name) p.w[i] = value;
    };
    set("jawOpen", 0.5f * expression);
    set("mouthSmileLeft", 0.6f * expression);
    set("mouthSmileRight", 0.5f * expression);
    set("browInnerUp", 0.4f * expression);
    p.pose.rotation = Eigen::Vector3f(0.08f * u(rng), 0.2f * u(rng), 0.05f * u(rng));
    // ~16 cm of face over half the frame.
    const float depth = camera.focal_px * 16.f / (0.55f * static_cast<float>(camera.width));
    p.pose.translation_cm = Eigen::Vector3f(0.5f * u(rng), 0.5f * u(rng) + 1.f, -depth);
    p.lighting = core::ShLighting::ambient(0.9f);
    p.lighting.gamma[0] *= 1.05f;  // a warm cast
    p.lighting.gamma[18] *= 0.92f;
    for (int c = 0; c < 3; ++c) {
        p.lighting.gamma[static_cast<size_t>(9 * c + 2)] = 0.5f;  // from the camera side
        p.lighting.gamma[static_cast<size_t>(9 * c + 3)] = 0.25f * (1.f + 0.2f * u(rng));
    }
    return p;
}

/// Renders `p` of `model` into `camera`'s frame over a grey background.
inline SyntheticFrame render_frame(const face::PersonalModel& model, const FrameParameters& p,
                                   const core::Camera& camera) {
    SyntheticFrame f;
    f.vertices = model.shape(p.w);
    const cv::Mat albedo = model.albedo(p.w);
    render::Scene scene;
    scene.mesh = &model.neutral;
    scene.vertices = &f.vertices;
    scene.albedo_uv = &albedo;
    scene.labels_uv = &model.parsing;
    scene.camera = camera;
    scene.pose = p.pose;
    scene.lighting = p.lighting;
    render::RenderOptions options;
    options.background = cv::Vec3f(0.35f, 0.37f, 0.4f);
    render::Rendering r;
    render::render(scene, options, &r);
    r.colour.convertTo(f.rgb8, CV_8UC3, 255.0);
    render::ProjectedLandmarks pl;
    render::project_landmarks(f.vertices, landmark_vertices(), camera, p.pose, false, &pl);
    f.landmarks_px = pl.points_px;
    return f;
}

/// RMS distance (cm) over the first `count` rows after the rigid (Kabsch) alignment of `a` onto
/// `b` — the 3D error protocol without scale.
inline float rms_rigid_cm(const core::MatrixX3fR& a, const core::MatrixX3fR& b, int count) {
    const Eigen::MatrixX3f A = a.topRows(count), B = b.topRows(count);
    const Eigen::RowVector3f ca = A.colwise().mean(), cb = B.colwise().mean();
    const Eigen::Matrix3f H = (A.rowwise() - ca).transpose() * (B.rowwise() - cb);
    Eigen::JacobiSVD<Eigen::Matrix3f> svd(H, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3f R = svd.matrixV() * svd.matrixU().transpose();
    if (R.determinant() < 0.f) {
        Eigen::Matrix3f V = svd.matrixV();
        V.col(2) *= -1.f;
        R = V * svd.matrixU().transpose();
    }
    const Eigen::MatrixX3f aligned = ((A.rowwise() - ca) * R.transpose()).rowwise() + cb;
    return std::sqrt((aligned - B).squaredNorm() / count);
}

/// Root-mean-square distance (cm) between two #V by 3 vertex sets over the first `count` rows.
inline float rms_cm(const core::MatrixX3fR& a, const core::MatrixX3fR& b, int count) {
    return std::sqrt((a.topRows(count) - b.topRows(count)).squaredNorm() / count);
}

}  // namespace likeness::fit_test

namespace likeness::fit_test {

/// The template's personal model (128² maps, no corrections), built once per test binary;
/// null with `why` when the template cannot be loaded.
inline const face::PersonalModel* shared_model(std::string* why) {
    static std::unique_ptr<face::PersonalModel> model;
    const face::TemplateRig* rig = likeness::test::shared_template(why);
    if (!rig) return nullptr;
    if (!model)
        model =
            std::make_unique<face::PersonalModel>(face::personal_model_from_template(*rig, 128));
    return model.get();
}

/// A person the model can represent exactly: the template plus smooth corrections set in UV —
/// a fuller nose and wider lower face (Δ0^S, up to ~4 mm), a wider jaw opening (Δ_jawOpen^S),
/// a warmer, blotchy skin (Δ0^R).
inline face::PersonalModel test_person(const face::PersonalModel& base, float scale = 1.f) {
    face::PersonalModel m = base;
    const int n = m.uv_size();
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const float u = (x + 0.5f) / n, v = 1.f - (y + 0.5f) / n;
            // The canonical UV chart: nose tip near (0.5, 0.5), chin near v ≈ 0.1.
            const float nose =
                std::exp(-((u - 0.5f) * (u - 0.5f) + (v - 0.5f) * (v - 0.5f)) / 0.004f);
            const float lower = std::max(0.f, 0.45f - v);
            cv::Vec3f& d = m.identity_shape.at<cv::Vec3f>(y, x);
            d = scale * cv::Vec3f(0.35f * (u - 0.5f) * lower * 4.f, -0.2f * lower, 0.35f * nose);
            cv::Vec3f& j = m.shape_corrections[17].at<cv::Vec3f>(y, x);  // jawOpen
            j = cv::Vec3f(0.f, -0.25f * lower * 2.f, 0.f);
        }
    const int a = m.albedo_size();
    for (int y = 0; y < a; ++y)
        for (int x = 0; x < a; ++x) {
            const float u = (x + 0.5f) / a, v = (y + 0.5f) / a;
            m.static_albedo.at<cv::Vec3f>(y, x) =
                cv::Vec3f(0.06f, -0.02f, -0.04f) +
                0.05f * std::sin(40.f * u) * std::cos(33.f * v) * cv::Vec3f(1.f, 0.8f, 0.7f);
        }
    m.refresh();
    return m;
}

}  // namespace likeness::fit_test

#include "engine/fit/session_overlay.hpp"

#include <algorithm>
#include <cassert>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "engine/fit/landmark_term.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::fit {
namespace {

// FaceMesh landmark indices (the 468-point order of landmark_vertices()) along the outer and
// inner lip lines and the face oval, as MediaPipe's face-mesh connection lists draw them.
const std::vector<int> kLipsOuter = {61,  146, 91,  181, 84,  17, 314, 405, 321, 375,
                                     291, 409, 270, 269, 267, 0,  37,  39,  40,  185};
const std::vector<int> kLipsInner = {78,  95,  88,  178, 87,  14, 317, 402, 318, 324,
                                     308, 415, 310, 311, 312, 13, 82,  81,  80,  191};
const std::vector<int> kFaceOval = {10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
                                    397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
                                    172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};

}  // namespace

cv::Mat session_overlay(const Session& session, int64_t frame, const cv::Mat& rgb8,
                        const OverlayOptions& options) {
    assert(rgb8.type() == CV_8UC3 && "an RGB frame");
    cv::Mat out = rgb8.clone();
    if (frame < 0 || frame >= session.take.frame_count() || !session.has_model()) return out;
    const core::TakeFrame& tf = session.take.frames[static_cast<size_t>(frame)];
    const bool solved = static_cast<size_t>(frame) < session.frames.size() &&
                        session.frames[static_cast<size_t>(frame)].has_face;
    if (!tf.has_face || !solved) return out;

    const face::PersonalModel& model = session.model;
    Eigen::VectorXf w = Eigen::VectorXf::Zero(model.shape_count());
    for (int i = 0; i < std::min<int>(model.shape_count(), core::kTakeWeightCount); ++i)
        w[i] = tf.weights[static_cast<size_t>(i)];
    const core::MatrixX3fR X = model.shape(w);
    const cv::Mat albedo = model.albedo(w);
    core::Camera camera = session.camera;
    // The session's camera belongs to its frame size; a frame of another size is rescaled.
    const float sx = static_cast<float>(rgb8.cols) / static_cast<float>(std::max(1, camera.width));
    camera = core::Camera::centered(rgb8.cols, rgb8.rows, camera.focal_px * sx);
    render::Scene scene;
    scene.mesh = &model.neutral;
    scene.vertices = &X;
    scene.albedo_uv = &albedo;
    scene.camera = camera;
    scene.pose.rotation = tf.head_rotation;
    scene.pose.translation_cm = tf.head_translation_cm;
    scene.lighting = session.frames[static_cast<size_t>(frame)].lighting;
    render::Rendering r;
    render::render(scene, render::RenderOptions{}, &r);

    const float a = std::clamp(options.opacity, 0.f, 1.f);
    for (int q : r.covered) {
        const cv::Vec3f c = r.colour.at<cv::Vec3f>(q / rgb8.cols, q % rgb8.cols);
        cv::Vec3b& p = out.at<cv::Vec3b>(q / rgb8.cols, q % rgb8.cols);
        for (int k = 0; k < 3; ++k)
            p[k] =
                cv::saturate_cast<uchar>((1.f - a) * p[k] + a * 255.f * std::clamp(c[k], 0.f, 1.f));
    }
    if (options.lines) {
        render::ProjectedLandmarks pl;
        render::project_landmarks(X, landmark_vertices(), camera, scene.pose, false, &pl);
        const int thickness = std::max(1, rgb8.cols / 400);
        auto draw = [&](const std::vector<int>& ids, const cv::Scalar& colour) {
            std::vector<cv::Point> pts;
            for (int l : ids)
                pts.emplace_back(cvRound(pl.points_px(l, 0)), cvRound(pl.points_px(l, 1)));
            cv::polylines(out, pts, true, colour, thickness, cv::LINE_AA);
        };
        draw(kFaceOval, cv::Scalar(255, 220, 0));
        draw(kLipsOuter, cv::Scalar(0, 255, 0));
        draw(kLipsInner, cv::Scalar(0, 255, 255));
    }
    return out;
}

}  // namespace likeness::fit

#include "ui/reconstruction_worker.hpp"

#include <algorithm>
#include <cmath>

#include "engine/render/renderer.hpp"
#include "ui/face_model.hpp"

namespace likeness::ui {

ReconstructionWorker::ReconstructionWorker(QObject* parent)
    : QObject(parent), rendering_(std::make_unique<render::Rendering>()) {}

ReconstructionWorker::~ReconstructionWorker() = default;

void ReconstructionWorker::render(const ReconstructionRequest& request) {
    if (!request.model || request.width <= 0 || request.height <= 0) return;
    const FaceModel& model = *request.model;
    const core::MatrixX3fR S = model.shape(request.state.w);
    const cv::Mat albedo = model.albedo_at(request.state.w);
    render::Scene scene;
    scene.mesh = &model.neutral;
    scene.vertices = &S;
    scene.albedo_uv = &albedo;
    scene.camera = frame_camera(request.camera, request.width, request.height);
    scene.pose = request.state.pose;
    scene.lighting = request.state.lighting;
    render::render(scene, render::RenderOptions{}, rendering_.get());

    QImage image(request.width, request.height, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const cv::Mat& colour = rendering_->colour;
    const cv::Mat& triangle = rendering_->triangle;
    const auto byte = [](float v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
    };
    for (int y = 0; y < request.height; ++y) {
        auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
        const auto* c = colour.ptr<cv::Vec3f>(y);
        const int* t = triangle.ptr<int>(y);
        for (int x = 0; x < request.width; ++x)
            if (t[x] >= 0) out[x] = qRgba(byte(c[x][0]), byte(c[x][1]), byte(c[x][2]), 255);
    }
    emit ready(request.state.index, image);
}

}  // namespace likeness::ui

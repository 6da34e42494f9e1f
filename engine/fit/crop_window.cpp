#include "engine/fit/crop_window.hpp"

#include <algorithm>
#include <cassert>

namespace likeness::fit {

Eigen::Vector2f CropWindow::to_crop(const Eigen::Vector2f& p) const {
    const float s = frame_px_per_crop_px();
    return {(p.x() - x0 + 0.5f) / s - 0.5f, (p.y() - y0 + 0.5f) / s - 0.5f};
}

Eigen::Vector2f CropWindow::to_frame(const Eigen::Vector2f& u) const {
    const float s = frame_px_per_crop_px();
    return {(u.x() + 0.5f) * s + x0 - 0.5f, (u.y() + 0.5f) * s + y0 - 0.5f};
}

core::Camera CropWindow::crop_camera(const core::Camera& frame_camera) const {
    return frame_camera.window(x0, y0, side, size);
}

CropWindow crop_window_around(const core::MatrixX2fR& landmarks_px, int size, float margin) {
    assert(landmarks_px.rows() > 0 && size > 0 && margin > 0.f);
    const Eigen::Vector2f lo = landmarks_px.colwise().minCoeff().transpose();
    const Eigen::Vector2f hi = landmarks_px.colwise().maxCoeff().transpose();
    const Eigen::Vector2f centre = 0.5f * (lo + hi);
    CropWindow w;
    w.size = size;
    w.side = std::max(margin * std::max(hi.x() - lo.x(), hi.y() - lo.y()), 1.f);
    // Edges at centre ± side/2 in continuous coordinates (pixel c spans [c − 0.5, c + 0.5]).
    w.x0 = centre.x() + 0.5f - 0.5f * w.side;
    w.y0 = centre.y() + 0.5f - 0.5f * w.side;
    return w;
}

}  // namespace likeness::fit

#include "engine/core/camera.hpp"

namespace likeness::core {

Camera Camera::window(float x0, float y0, float side, int size) const {
    Camera c;
    const float s = side / static_cast<float>(size);
    c.focal_px = focal_px / s;
    c.cx_px = (cx_px - x0 + 0.5f) / s - 0.5f;
    c.cy_px = (cy_px - y0 + 0.5f) / s - 0.5f;
    c.width = size;
    c.height = size;
    return c;
}

Camera Camera::centered(int width, int height, float focal_px) {
    Camera c;
    c.focal_px = focal_px;
    c.width = width;
    c.height = height;
    c.cx_px = 0.5f * static_cast<float>(width - 1);
    c.cy_px = 0.5f * static_cast<float>(height - 1);
    return c;
}

Eigen::Matrix<float, 2, 3> Camera::projection_jacobian(const Eigen::Vector3f& p_cam) const {
    // x = cx + f X / (−Z), y = cy − f Y / (−Z)
    const float inv_depth = -1.f / p_cam.z();
    const float f_d = focal_px * inv_depth;
    Eigen::Matrix<float, 2, 3> J;
    J << f_d, 0.f, f_d * p_cam.x() * inv_depth, 0.f, -f_d, -f_d * p_cam.y() * inv_depth;
    return J;
}

}  // namespace likeness::core

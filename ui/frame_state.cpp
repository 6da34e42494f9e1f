#include "ui/frame_state.hpp"

#include <cmath>

namespace likeness::ui {

core::Camera frame_camera(const TrackedCamera& tracked, int width, int height) {
    float focal = 0.5f * static_cast<float>(width) / std::tan(25.f * 3.14159265f / 180.f);
    if (tracked.focal_px > 0.f)
        focal = tracked.width > 0 ? tracked.focal_px * static_cast<float>(width) / tracked.width
                                  : tracked.focal_px;
    return core::Camera::centered(width, height, focal);
}

core::ShLighting default_lighting() {
    // Real SH basis Y_lm (not convolved) at the light's direction.
    const Eigen::Vector3f d = Eigen::Vector3f(-0.45f, 0.55f, 0.7f).normalized();
    const float x = d.x(), y = d.y(), z = d.z();
    const float Y[9] = {0.282095f,
                        0.488603f * y,
                        0.488603f * z,
                        0.488603f * x,
                        1.092548f * x * y,
                        1.092548f * y * z,
                        0.315392f * (3.f * z * z - 1.f),
                        1.092548f * x * z,
                        0.546274f * (x * x - y * y)};
    const float ambient = 0.45f, key = 2.4f;
    const Eigen::Vector3f tint(1.0f, 0.97f, 0.93f);  // a slightly warm key light
    core::ShLighting lighting;
    for (int c = 0; c < 3; ++c)
        for (int b = 0; b < 9; ++b)
            lighting.gamma[static_cast<size_t>(9 * c + b)] =
                tint[c] * key * Y[b] + (b == 0 ? ambient * core::sh_constant::sqrt_4pi : 0.f);
    return lighting;
}

}  // namespace likeness::ui

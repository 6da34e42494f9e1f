#include "engine/eval/truth_landmarks.hpp"

#include <algorithm>

namespace likeness::eval {

nn::FrameLandmarks truth_landmarks(const GroundTruthFrame& frame, const core::Camera& camera,
                                   float noise_px, Rng& rng) {
    nn::FrameLandmarks lm;
    const Eigen::Index n = frame.landmarks468.rows();
    lm.mesh.resize(n, 3);
    const float mean_depth = n ? frame.depth468.mean() : 1.f;
    for (Eigen::Index i = 0; i < n; ++i) {
        lm.mesh(i, 0) = frame.landmarks468(i, 0) + static_cast<float>(noise_px * rng.normal());
        lm.mesh(i, 1) = frame.landmarks468(i, 1) + static_cast<float>(noise_px * rng.normal());
        lm.mesh(i, 2) = (frame.depth468[i] - mean_depth) * camera.focal_px / mean_depth;
    }
    lm.face_flag = 1.f;
    if (n > 0) {
        const nn::Box b = lm.mesh_bounds();
        const double half = 0.7 * std::max(b.width(), b.height());
        lm.box = {b.center_x() - half, b.center_y() - half, b.center_x() + half,
                  b.center_y() + half};
    }
    return lm;
}

}  // namespace likeness::eval

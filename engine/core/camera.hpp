#pragma once
// The pinhole camera every module projects with (paper §3.3: the perspective projection Φ).
//
// Camera frame: x right, y up, z towards the viewer; the camera looks down −z, so a point in
// front of it has z < 0 and depth_cm = −z. With this frame a frontal face (model +z out of the
// face) needs no rotation: Pose{rotation = 0, translation_cm = (0, 0, −60)} shows it upright.
// Image coordinates follow OpenCV: x to the right, y down, pixel (col, row) is the sample at
// continuous coordinates (col, row); the image covers [−0.5, width − 0.5] × [−0.5, height − 0.5].
#include <Eigen/Core>

namespace likeness::core {

struct Camera {
    float focal_px = 1000.f;  ///< focal length in pixels (square pixels, no skew)
    float cx_px = 0.f;        ///< principal point, image coordinates (px)
    float cy_px = 0.f;
    int width = 0;  ///< image size in pixels
    int height = 0;

    /// A camera whose principal point is the image centre ((width − 1) / 2, (height − 1) / 2).
    static Camera centered(int width, int height, float focal_px);
    /// This camera seen through a square window of its image, resampled to `size` px: the
    /// window's top-left edge is (x0, y0) and it spans `side` px, so image point p lands on
    /// window pixel (p − (x0, y0) + 0.5) / s − 0.5 with s = side / size.
    Camera window(float x0, float y0, float side, int size) const;

    /// Image coordinates (px) of a camera-space point (cm) with depth −p.z() > 0.
    Eigen::Vector2f project(const Eigen::Vector3f& p_cam) const {
        const float inv_depth = -1.f / p_cam.z();
        return {cx_px + focal_px * p_cam.x() * inv_depth, cy_px - focal_px * p_cam.y() * inv_depth};
    }
    /// Direction (camera space, z = −1) of the ray through image point `px`: the point at depth
    /// d on that ray is d * ray(px).
    Eigen::Vector3f ray(const Eigen::Vector2f& px) const {
        return {(px.x() - cx_px) / focal_px, -(px.y() - cy_px) / focal_px, -1.f};
    }
    /// The camera-space point (cm) seen at image point `px` at depth `depth_cm` (> 0).
    Eigen::Vector3f unproject(const Eigen::Vector2f& px, float depth_cm) const {
        return depth_cm * ray(px);
    }
    /// 2 by 3 derivative of project() at p_cam, d(px) / d(p_cam) in px per cm.
    Eigen::Matrix<float, 2, 3> projection_jacobian(const Eigen::Vector3f& p_cam) const;
};

}  // namespace likeness::core

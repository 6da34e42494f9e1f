#pragma once
// The square window of a video frame that fitting looks at (the paper crops faces to 224×224,
// §4 and supplement). Fitting renders into the crop with a camera derived from the frame's
// camera, so the focal length stays a property of the video (one per video, principal point at
// the frame centre) while each frame's pixels are resampled to a fixed size.
//
// Image coordinates follow camera.hpp (pixel (c, r) is the sample at (c, r)). A crop of `size`
// pixels spanning `side` frame pixels from the edge (x0, y0) maps frame point p to crop point
// u = (p − (x0, y0) + 0.5) / s − 0.5 with s = side / size.
#include <Eigen/Core>

#include "engine/core/camera.hpp"
#include "engine/core/mesh.hpp"

namespace likeness::fit {

struct CropWindow {
    float x0 = 0.f, y0 = 0.f;  ///< top-left edge of the window, frame px
    float side = 1.f;          ///< frame pixels the window spans
    int size = 224;            ///< crop side, px

    float frame_px_per_crop_px() const { return side / static_cast<float>(size); }
    Eigen::Vector2f to_crop(const Eigen::Vector2f& p) const;
    Eigen::Vector2f to_frame(const Eigen::Vector2f& u) const;
    /// The camera that renders this crop: focal / s, principal point mapped by to_crop.
    core::Camera crop_camera(const core::Camera& frame_camera) const;
};

/// A square window centred on the landmarks' bounding box, `margin` times its longer side.
/// `landmarks_px`: #L by 2 frame px.
CropWindow crop_window_around(const core::MatrixX2fR& landmarks_px, int size, float margin);

}  // namespace likeness::fit

#pragma once
// Finding the template's landmarks on a character automatically: the character is rendered
// from the front (our CPU renderer, shaded, with its texture or a skin tone), the face front end
// (BlazeFace + FaceMesh) finds its 468 points in that image exactly as it does on video, and
// each point is lifted back to the character surface through the z-buffer. Template vertex
// i < 468 is FaceMesh point i, so every detected point pairs a template vertex with a
// character vertex. The jaw contour is left out by default: on a rendering it follows the
// silhouette, which is not the same surface point on the two meshes.
//
// Characters are expected to face +z with +y up (glTF's and ARKit's convention, and ours);
// `view_rotation` turns others towards the camera. Full-body characters are handled by looking
// again at the top of the bounding box when no face is found in the whole view.
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/retarget/landmark_pairs.hpp"

namespace likeness::retarget {

struct AutoLandmarkOptions {
    int image_size = 640;  ///< side of the square rendering (px)
    /// Rotation applied to the character before rendering (model -> view); identity for a
    /// character facing +z with +y up.
    Eigen::Matrix3f view_rotation = Eigen::Matrix3f::Identity();
    /// Template vertices (< 468) to pair; empty: the 51 iBUG points of brows, nose, eyes and
    /// lips (face::ibug68_landmarks() without the jaw contour).
    std::vector<int> template_vertices;
    float min_face_flag = 0.5f;  ///< FaceMesh's face-presence probability to accept a view

    bool is_valid(std::string* error) const;
};

struct AutoLandmarks {
    std::vector<LandmarkPair> pairs;  ///< template vertex -> character vertex
    cv::Mat image;                    ///< CV_8UC3 RGB: the rendering the face was found in
    /// #pairs by 2: where each point was found in `image` (px), for the landmark editor.
    Eigen::Matrix<float, Eigen::Dynamic, 2, Eigen::RowMajor> image_points;
    float face_flag = 0.f;
    std::string view;  ///< which view found the face ("whole", "top 35%", ...)
};

/// Throws RetargetError when no face is found in any view (with what to do: turn the character
/// or give landmark pairs); core::Cancelled when progress asks to stop.
AutoLandmarks find_landmarks(const core::BlendshapeRig& character, nn::FaceLandmarker& landmarker,
                             const AutoLandmarkOptions& options = {},
                             const core::Progress& progress = {});

}  // namespace likeness::retarget

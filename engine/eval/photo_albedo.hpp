#pragma once
// Albedo from real photographs: the face of a photo unwrapped into our template's UV layout.
// The front end's 468 FaceMesh points are the canonical mesh's vertices (vertex i = landmark i),
// so each canonical triangle maps a triangle of the UV square to a triangle of the photo; the
// unwrap is that piecewise-affine warp, sampled bilinearly (eyes, brows, lips and skin all come
// from the photo). Light baked into the photo can be flattened by dividing by its
// low-frequency luminance. The template's subdivided UVs stay within a texel or so of the
// canonical triangles', so the texture lines up with the template mesh.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/nn/face_landmarker.hpp"

namespace likeness::eval {

struct PhotoAlbedoOptions {
    int size = 512;  ///< side of the albedo map (the template's texture_size)
    /// 0 keeps the photo's shading; 1 divides it by its low-frequency luminance entirely
    /// (flat-lit albedo with the photo's mean brightness). Partial flattening keeps some
    /// plausible variation without doubling the lighting of a render.
    float flatten_lighting = 0.6f;
    float flatten_sigma = 0.06f;  ///< blur (fraction of the map side) of the luminance estimate
    /// Texels whose triangle appears in the photo with less than this share of the median
    /// triangle's area per UV area (foreshortened or turned away) take the colour of their
    /// mirror texel (u -> 1 - u; the UV layout is symmetric) when that one is seen well.
    float min_visibility = 0.4f;
};

/// An unwrapped face.
struct PhotoAlbedo {
    std::string source;  ///< the photo's path (or a caller's name)
    cv::Mat albedo;      ///< CV_32FC3 RGB in [0,1], size square, texel convention of uv_raster
    cv::Mat coverage;    ///< CV_8U, 255 where a canonical triangle covers the texel
    float yaw_asymmetry = 0.f;  ///< |log| of the nose-to-cheek distance ratio: 0 = frontal
};

/// Unwraps `rgb` (CV_8UC3 RGB) with its 468 landmarks (image px, FrameLandmarks::mesh) through
/// `canonical` (the 468-vertex canonical mesh with UVs, all triangles: the mouth triangles give
/// the lips' inner rim a colour). Texels outside the face repeat the nearest face colour so
/// bilinear sampling at the rim stays skin. Throws std::invalid_argument on bad sizes.
PhotoAlbedo unwrap_photo_albedo(const cv::Mat& rgb,
                                const Eigen::Matrix<float, -1, 3, Eigen::RowMajor>& mesh_points,
                                const core::Mesh& canonical,
                                const PhotoAlbedoOptions& options = {});

/// Every face the front end finds in the .jpg/.png photos of `folder` (detector score >= 0.6,
/// crop >= 150 px, face flag >= 0.9) that is within `max_yaw_asymmetry` of frontal (an unwrap
/// of a turned face smears its far side), in natural file order, then detection order; source
/// is "path#k". Throws std::runtime_error when none is usable.
std::vector<PhotoAlbedo> photo_albedos(const std::string& folder, nn::FaceLandmarker& landmarker,
                                       const core::Mesh& canonical,
                                       const PhotoAlbedoOptions& options = {},
                                       float max_yaw_asymmetry = 0.45f);

/// Fills texels where `coverage` is 0 from their covered neighbours (repeated dilation), in
/// place. CV_32FC3 map, CV_8U coverage of the same size.
void extend_beyond_coverage(cv::Mat& map, const cv::Mat& coverage);

}  // namespace likeness::eval

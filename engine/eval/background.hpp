#pragma once
// Backgrounds for synthetic frames: what surrounds the rendered face, so the detector sees a
// face in a scene rather than on flat black. Two kinds:
//   - a collage of real photo regions: square patches cut from photographs at random places,
//     scales and flips, tiled over the frame and softened at the seams. Patches are small against
//     a face, so the photos' own faces are cut apart and never compete with the rendered one;
//   - smooth coloured noise (several octaves), when no photo is at hand.
#include <opencv2/core.hpp>
#include <vector>

#include "engine/eval/rng.hpp"

namespace likeness::eval {

enum class BackgroundKind { Photo, Noise };

/// "photo" / "noise".
const char* background_kind_name(BackgroundKind kind);

/// CV_8UC3 RGB collage of `photos` (CV_8UC3 RGB, any sizes; at least one) of `size`.
/// `avoid` (empty, or one list per photo) holds regions, e.g. faces, that no patch may overlap.
/// `patch_fraction` is the side of a patch relative to the frame height.
cv::Mat photo_collage(const std::vector<cv::Mat>& photos, cv::Size size, Rng& rng,
                      const std::vector<std::vector<cv::Rect>>& avoid = {},
                      double patch_fraction = 0.18);

/// CV_8UC3 RGB smooth coloured noise of `size`.
cv::Mat noise_background(cv::Size size, Rng& rng);

}  // namespace likeness::eval

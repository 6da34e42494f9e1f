#pragma once
// The template's mean albedo R0 (paper §3.2): a plausible default skin reflectance in UV that
// personalisation corrects (eq. 2). Not a person: flat per-part colours, softly blended.
#include <opencv2/core.hpp>

namespace likeness::face {

/// size-by-size CV_32FC3 RGB in [0,1] (the colour space of input frames) from a parsing map
/// (CV_8U ParsingLabel, any size; resized with nearest neighbour): skin, redder lips, darker
/// brows, white-ish eyes and a dark mouth, blended over ~1.5 % of the map so parts meet softly.
/// Texels outside the face get the skin colour so bilinear sampling at the rim stays skin.
cv::Mat mean_albedo(const cv::Mat& parsing_labels, int size);

}  // namespace likeness::face

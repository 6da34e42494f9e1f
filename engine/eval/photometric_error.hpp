#pragma once
// Photometric error, the paper's Table 1 "Photo error" column: how far the re-rendered
// reconstruction is from the input frame, inside the face. Per pixel q of the mask M, the
// Euclidean distance of the RGB colours on the 0–255 scale (the l2 of eq. 4 before the l1 sum),
// averaged over the mask:
//     E = Σ_q M(q) |I(q) − Î(q)|₂ / Σ_q M(q)
#include <opencv2/core.hpp>

namespace likeness::eval {

/// `image` (CV_8UC3) and `rendered` (CV_8UC3 on 0–255 or CV_32FC3 on 0–1), same size;
/// `mask` CV_8U (non-zero = scored). Returns 0 for an empty mask. Throws std::invalid_argument
/// for mismatched sizes or types.
double photometric_error(const cv::Mat& image, const cv::Mat& rendered, const cv::Mat& mask);

}  // namespace likeness::eval

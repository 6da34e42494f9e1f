#pragma once
#include <cstdint>
#include <opencv2/core/mat.hpp>

namespace likeness::io {

/// One decoded frame of a VideoSource.
struct Frame {
    cv::Mat rgb;          ///< H by W, CV_8UC3, RGB order (never BGR), continuous
    int64_t index = -1;   ///< 0-based frame number in the source
    double time_s = 0.0;  ///< presentation time, index / fps when the container has none
};

}  // namespace likeness::io

#include "engine/fit/frame_observation.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "engine/fit/parsing_term.hpp"

namespace likeness::fit {

bool ObservationOptions::is_valid(std::string* error) const {
    if (crop_size < 32 || crop_size > 1024) {
        if (error) *error = "crop_size must be in [32, 1024], got " + std::to_string(crop_size);
        return false;
    }
    if (!(margin >= 1.f && margin <= 4.f)) {
        if (error) *error = "margin must be in [1, 4]";
        return false;
    }
    return true;
}

cv::Mat crop_image(const cv::Mat& rgb8, const CropWindow& window) {
    const float s = window.frame_px_per_crop_px();
    // Source region the crop reads (with a few pixels for the filter), clamped to the frame.
    const int pad = static_cast<int>(std::ceil(2.f * s)) + 2;
    const int x_lo = std::max(0, static_cast<int>(std::floor(window.x0)) - pad);
    const int y_lo = std::max(0, static_cast<int>(std::floor(window.y0)) - pad);
    const int x_hi =
        std::min(rgb8.cols, static_cast<int>(std::ceil(window.x0 + window.side)) + pad);
    const int y_hi =
        std::min(rgb8.rows, static_cast<int>(std::ceil(window.y0 + window.side)) + pad);
    cv::Mat out;
    if (x_hi <= x_lo || y_hi <= y_lo) return cv::Mat::zeros(window.size, window.size, CV_32FC3);
    cv::Mat roi;
    rgb8(cv::Rect(x_lo, y_lo, x_hi - x_lo, y_hi - y_lo)).convertTo(roi, CV_32FC3, 1.0 / 255.0);
    if (s > 1.2f) {
        // Anti-aliasing: a Gaussian of the width that turns the frame's pixel grid into the
        // crop's (σ² = (s² − 1) / 4 in frame px, the usual half-band choice).
        const double sigma = 0.5 * std::sqrt(static_cast<double>(s) * s - 1.0);
        cv::GaussianBlur(roi, roi, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
    }
    // Crop pixel u reads frame x = (u + 0.5) s + x0 − 0.5 (crop_window.hpp), in roi coordinates.
    const cv::Matx23d M(s, 0.0, 0.5 * s + window.x0 - 0.5 - x_lo,  //
                        0.0, s, 0.5 * s + window.y0 - 0.5 - y_lo);
    cv::warpAffine(roi, out, M, cv::Size(window.size, window.size),
                   cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    return out;
}

FrameObservation make_observation(const cv::Mat& rgb8, const core::MatrixX2fR& landmarks_px,
                                  int64_t index, const ObservationOptions& options) {
    FrameObservation o;
    o.frame_index = index;
    o.window = crop_window_around(landmarks_px, options.crop_size, options.margin);
    o.image = crop_image(rgb8, o.window);
    o.landmarks_px.resize(landmarks_px.rows(), 2);
    for (Eigen::Index i = 0; i < landmarks_px.rows(); ++i)
        o.landmarks_px.row(i) = o.window.to_crop(landmarks_px.row(i).transpose()).transpose();
    if (options.parsing) o.parsing = parsing_target(o.landmarks_px, options.crop_size);
    return o;
}

}  // namespace likeness::fit

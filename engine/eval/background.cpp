#include "engine/eval/background.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace likeness::eval {

const char* background_kind_name(BackgroundKind kind) {
    return kind == BackgroundKind::Photo ? "photo" : "noise";
}

cv::Mat photo_collage(const std::vector<cv::Mat>& photos, cv::Size size, Rng& rng,
                      const std::vector<std::vector<cv::Rect>>& avoid, double patch_fraction) {
    if (photos.empty()) throw std::invalid_argument("photo_collage: no photos");
    const int patch = std::max(8, static_cast<int>(std::lround(patch_fraction * size.height)));
    cv::Mat out(size, CV_8UC3, cv::Scalar::all(0));
    for (int y = 0; y < size.height; y += patch) {
        for (int x = 0; x < size.width; x += patch) {
            // A source square of 0.7–1.6 patch sides, resampled to one patch; a few tries to
            // find one clear of the regions to avoid (the last try is taken regardless).
            cv::Rect source;
            size_t which = 0;
            for (int attempt = 0; attempt < 25; ++attempt) {
                which = static_cast<size_t>(rng.below(static_cast<int>(photos.size())));
                const cv::Mat& photo = photos[which];
                const int side = std::min(
                    {photo.cols, photo.rows, static_cast<int>(patch * rng.uniform(0.7, 1.6)) + 1});
                source = cv::Rect(rng.below(std::max(1, photo.cols - side + 1)),
                                  rng.below(std::max(1, photo.rows - side + 1)), side, side);
                bool clear = true;
                if (which < avoid.size())
                    for (const cv::Rect& r : avoid[which])
                        clear = clear && (r & source).area() == 0;
                if (clear) break;
            }
            cv::Mat piece;
            cv::resize(photos[which](source), piece, cv::Size(patch, patch), 0, 0, cv::INTER_AREA);
            const int flip = rng.below(4) - 1;  // -1 both, 0 vertical, 1 horizontal, 2 none
            if (flip < 2) cv::flip(piece, piece, flip);
            const cv::Rect target =
                cv::Rect(x, y, patch, patch) & cv::Rect(0, 0, size.width, size.height);
            piece(cv::Rect(0, 0, target.width, target.height)).copyTo(out(target));
        }
    }
    cv::GaussianBlur(out, out, cv::Size(), std::max(0.8, 0.004 * size.height));
    return out;
}

cv::Mat noise_background(cv::Size size, Rng& rng) {
    cv::Mat acc(size, CV_32FC3, cv::Scalar::all(0));
    float amplitude = 0.5f, total = 0.f;
    for (int cells = 3; cells <= 48; cells *= 2) {
        cv::Mat grid(cells, cells * size.width / std::max(1, size.height) + 1, CV_32FC3);
        for (int y = 0; y < grid.rows; ++y)
            for (int x = 0; x < grid.cols; ++x)
                grid.at<cv::Vec3f>(y, x) =
                    cv::Vec3f(static_cast<float>(rng.uniform()), static_cast<float>(rng.uniform()),
                              static_cast<float>(rng.uniform()));
        cv::resize(grid, grid, size, 0, 0, cv::INTER_CUBIC);
        acc += amplitude * grid;
        total += amplitude;
        amplitude *= 0.6f;
    }
    cv::Mat out;
    acc.convertTo(out, CV_8UC3, 255.0 / total);
    return out;
}

}  // namespace likeness::eval

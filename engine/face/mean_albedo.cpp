#include "engine/face/mean_albedo.hpp"

#include <opencv2/imgproc.hpp>

#include "engine/face/parsing_map.hpp"

namespace likeness::face {

cv::Mat mean_albedo(const cv::Mat& parsing_labels, int size) {
    // Mid-tone reflectances (RGB): a skin tone in the middle of common ranges, lips a deeper
    // red, brows a brown, sclera/iris averaged to a light grey, the mouth cavity dark red.
    static const cv::Vec3f kAlbedo[kParsingLabelCount] = {
        {0.72f, 0.53f, 0.44f},  // outside: skin, for sampling at the rim
        {0.72f, 0.53f, 0.44f},  // skin
        {0.30f, 0.21f, 0.16f},  // brow left
        {0.30f, 0.21f, 0.16f},  // brow right
        {0.62f, 0.58f, 0.56f},  // eye left
        {0.62f, 0.58f, 0.56f},  // eye right
        {0.74f, 0.54f, 0.45f},  // nose
        {0.66f, 0.36f, 0.35f},  // upper lip
        {0.68f, 0.38f, 0.37f},  // lower lip
        {0.25f, 0.08f, 0.08f},  // mouth interior
    };
    cv::Mat labels;
    cv::resize(parsing_labels, labels, cv::Size(size, size), 0, 0, cv::INTER_NEAREST);
    cv::Mat albedo(size, size, CV_32FC3);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const int l = labels.at<uint8_t>(y, x);
            albedo.at<cv::Vec3f>(y, x) = kAlbedo[l < kParsingLabelCount ? l : 1];
        }
    cv::GaussianBlur(albedo, albedo, cv::Size(0, 0), 0.015 * size);
    return albedo;
}

}  // namespace likeness::face

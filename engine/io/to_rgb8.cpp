#include "engine/io/to_rgb8.hpp"

#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace likeness::io {

cv::Mat to_rgb8(const cv::Mat& decoded) {
    cv::Mat eight_bit;
    switch (decoded.depth()) {
        case CV_8U:
            eight_bit = decoded;
            break;
        case CV_8S:
            decoded.convertTo(eight_bit, CV_8U, 1.0, 128.0);
            break;
        case CV_16U:
            decoded.convertTo(eight_bit, CV_8U, 1.0 / 257.0);
            break;
        case CV_16S:
            decoded.convertTo(eight_bit, CV_8U, 1.0 / 257.0, 128.0);
            break;
        case CV_32F:
        case CV_64F:
            decoded.convertTo(eight_bit, CV_8U, 255.0);
            break;
        default:
            decoded.convertTo(eight_bit, CV_8U);
            break;
    }
    cv::Mat rgb;
    switch (eight_bit.channels()) {
        case 1:
            cv::cvtColor(eight_bit, rgb, cv::COLOR_GRAY2RGB);
            break;
        case 3:
            cv::cvtColor(eight_bit, rgb, cv::COLOR_BGR2RGB);
            break;
        case 4:
            cv::cvtColor(eight_bit, rgb, cv::COLOR_BGRA2RGB);
            break;
        default:
            throw std::invalid_argument("images with " + std::to_string(eight_bit.channels()) +
                                        " channels are not supported (need 1, 3 or 4)");
    }
    return rgb;
}

}  // namespace likeness::io

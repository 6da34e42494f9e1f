#include "engine/eval/photometric_error.hpp"

#include <cmath>
#include <stdexcept>

namespace likeness::eval {

double photometric_error(const cv::Mat& image, const cv::Mat& rendered, const cv::Mat& mask) {
    if (image.type() != CV_8UC3 || image.size() != rendered.size() || image.size() != mask.size() ||
        mask.type() != CV_8U || (rendered.type() != CV_8UC3 && rendered.type() != CV_32FC3))
        throw std::invalid_argument(
            "photometric_error: an 8-bit RGB image, a rendering and an 8-bit mask of one size are "
            "needed");
    cv::Mat r;
    if (rendered.type() == CV_8UC3)
        rendered.convertTo(r, CV_32FC3);
    else
        rendered.convertTo(r, CV_32FC3, 255.0);
    double sum = 0.0;
    long count = 0;
    for (int y = 0; y < image.rows; ++y) {
        const cv::Vec3b* a = image.ptr<cv::Vec3b>(y);
        const cv::Vec3f* b = r.ptr<cv::Vec3f>(y);
        const uint8_t* m = mask.ptr<uint8_t>(y);
        for (int x = 0; x < image.cols; ++x) {
            if (!m[x]) continue;
            const double d0 = a[x][0] - b[x][0], d1 = a[x][1] - b[x][1], d2 = a[x][2] - b[x][2];
            sum += std::sqrt(d0 * d0 + d1 * d1 + d2 * d2);
            ++count;
        }
    }
    return count ? sum / static_cast<double>(count) : 0.0;
}

}  // namespace likeness::eval

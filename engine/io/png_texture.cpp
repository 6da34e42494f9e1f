#include "engine/io/png_texture.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "engine/io/export_error.hpp"

namespace likeness::io {

std::string encode_png_rgb(const cv::Mat& rgb) {
    if (rgb.empty()) throw ExportError("the texture is empty");
    cv::Mat rgb8;
    if (rgb.type() == CV_32FC3)
        rgb.convertTo(rgb8, CV_8UC3, 255.0);  // saturate_cast rounds and clamps
    else if (rgb.type() == CV_8UC3)
        rgb8 = rgb;
    else
        throw ExportError("a texture must be an RGB image (float in [0,1] or 8-bit)");
    cv::Mat bgr8;
    cv::cvtColor(rgb8, bgr8, cv::COLOR_RGB2BGR);
    std::vector<unsigned char> bytes;
    try {
        if (!cv::imencode(".png", bgr8, bytes)) throw ExportError("PNG encoding failed");
    } catch (const cv::Exception& e) {
        throw ExportError(std::string("PNG encoding failed: ") + e.what());
    }
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace likeness::io

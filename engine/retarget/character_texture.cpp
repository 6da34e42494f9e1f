#include "engine/retarget/character_texture.hpp"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace likeness::retarget {

namespace fs = std::filesystem;

std::string find_texture_file(const std::string& model_path, const std::string& texture_name) {
    if (texture_name.empty()) return {};
    std::string name = texture_name;
    std::replace(name.begin(), name.end(), '\\', '/');
    const fs::path folder = fs::path(model_path).parent_path();
    const fs::path written(name);
    const std::string file = written.filename().string();
    std::error_code ec;
    for (const fs::path& candidate :
         {written.is_absolute() ? written : folder / written, folder / file,
          folder / "textures" / file, folder / "Textures" / file})
        if (!file.empty() && fs::is_regular_file(candidate, ec)) return candidate.string();
    return {};
}

cv::Mat albedo_from_pixels(const cv::Mat& decoded, int max_size) {
    if (decoded.empty()) return {};
    cv::Mat bgr;
    if (decoded.channels() == 1)
        cv::cvtColor(decoded, bgr, cv::COLOR_GRAY2BGR);
    else if (decoded.channels() == 4)
        cv::cvtColor(decoded, bgr, cv::COLOR_BGRA2BGR);
    else if (decoded.channels() == 3)
        bgr = decoded;
    else
        return {};
    double scale = 1.0;
    if (bgr.depth() == CV_8U) scale = 1.0 / 255.0;
    if (bgr.depth() == CV_16U) scale = 1.0 / 65535.0;
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    cv::Mat out;
    rgb.convertTo(out, CV_32FC3, scale);
    cv::max(out, 0.0, out);
    cv::min(out, 1.0, out);
    const int side = std::min(std::max(out.rows, out.cols), std::max(1, max_size));
    if (out.rows != side || out.cols != side)
        cv::resize(out, out, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    return out;
}

cv::Mat read_albedo(const std::string& path, int max_size) {
    return albedo_from_pixels(cv::imread(path, cv::IMREAD_UNCHANGED | cv::IMREAD_ANYDEPTH),
                              max_size);
}

}  // namespace likeness::retarget

#include "tests/support/face_images.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/io/model_paths.hpp"

namespace likeness::test {

std::optional<cv::Mat> demo_face(std::string* why) {
    std::string path;
    try {
        path = io::find_models().demo_images() + "/sample6.jpg";
    } catch (const io::ModelsNotFound& e) {
        if (why) *why = std::string("models not installed: ") + e.what();
        return std::nullopt;
    }
    const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty() || bgr.cols < 1900 || bgr.rows < 720) {
        if (why) *why = "cannot read " + path;
        return std::nullopt;
    }
    cv::Mat rgb;
    cv::cvtColor(bgr(cv::Rect(1380, 80, 520, 640)), rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

cv::Mat frame_with_face(const cv::Mat& face, int width, int height, int x, int y, double scale) {
    cv::Mat frame(height, width, CV_8UC3, cv::Scalar(128, 128, 128));
    cv::Mat scaled;
    cv::resize(face, scaled, cv::Size(), scale, scale, cv::INTER_AREA);
    const cv::Rect target =
        cv::Rect(x, y, scaled.cols, scaled.rows) & cv::Rect(0, 0, width, height);
    if (target.area() > 0)
        scaled(cv::Rect(target.x - x, target.y - y, target.width, target.height))
            .copyTo(frame(target));
    return frame;
}

}  // namespace likeness::test

#pragma once
// Real face pictures for tests, cut from the demo photos the model packages install
// (@vladmandic/face-api demo/sample6.jpg, MIT). Tests skip when the models are not installed.
#include <opencv2/core/mat.hpp>
#include <optional>
#include <string>

namespace likeness::test {

/// A frontal face (520 × 640 px, RGB) from sample6.jpg, or nullopt with `why` set.
std::optional<cv::Mat> demo_face(std::string* why);

/// A width × height RGB frame of flat grey with `face` scaled by `scale` and pasted with its
/// top-left corner at (x, y) (clipped at the frame's borders).
cv::Mat frame_with_face(const cv::Mat& face, int width, int height, int x, int y,
                        double scale = 1.0);

}  // namespace likeness::test

#pragma once
// The one place where engine images (cv::Mat) become Qt images.
#include <QImage>
#include <opencv2/core/mat.hpp>

namespace likeness::ui {

/// Deep copy of an H by W CV_8UC3 RGB matrix as a QImage::Format_RGB888 image.
QImage to_qimage(const cv::Mat& rgb8);

/// Deep copy of a QImage (any format) as an H by W CV_8UC3 RGB matrix.
cv::Mat to_mat(const QImage& image);

}  // namespace likeness::ui

#include "ui/image_conversion.hpp"

namespace likeness::ui {

QImage to_qimage(const cv::Mat& rgb8) {
    Q_ASSERT(rgb8.type() == CV_8UC3 && "frames from VideoSource are 8-bit RGB");
    const QImage view(rgb8.data, rgb8.cols, rgb8.rows, static_cast<int>(rgb8.step),
                      QImage::Format_RGB888);
    return view.copy();  // detach from the cv::Mat's buffer before it crosses threads
}

cv::Mat to_mat(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                       static_cast<size_t>(rgb.bytesPerLine()));
    return view.clone();
}

}  // namespace likeness::ui

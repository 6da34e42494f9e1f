#include "engine/track/draw_landmarks.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace likeness::track {

void draw_landmarks(cv::Mat& rgb, const nn::FrameLandmarks& lm) {
    const double size = std::max(1.0, lm.box.width());
    const int thickness = std::max(1, static_cast<int>(size / 300.0));
    const int dot = std::max(1, static_cast<int>(size / 250.0));
    cv::rectangle(rgb, cv::Point2d(lm.box.x0, lm.box.y0), cv::Point2d(lm.box.x1, lm.box.y1),
                  cv::Scalar(255, 200, 0), thickness, cv::LINE_AA);
    for (Eigen::Index i = 0; i < lm.mesh.rows(); ++i)
        cv::circle(rgb, cv::Point2f(lm.mesh(i, 0), lm.mesh(i, 1)), dot, cv::Scalar(60, 230, 90),
                   cv::FILLED, cv::LINE_AA);
    const nn::MeshPoints ibug = lm.ibug68();
    for (Eigen::Index i = 0; i < ibug.rows(); ++i)
        cv::circle(rgb, cv::Point2f(ibug(i, 0), ibug(i, 1)), dot + 1, cv::Scalar(255, 70, 70),
                   cv::FILLED, cv::LINE_AA);
    if (lm.has_iris) {
        for (const nn::MeshPoints* iris : {&lm.iris_left, &lm.iris_right}) {
            if (iris->rows() < 5) continue;
            const cv::Point2f centre((*iris)(0, 0), (*iris)(0, 1));
            float radius = 0.f;
            for (int k = 1; k < 5; ++k)
                radius += std::hypot((*iris)(k, 0) - centre.x, (*iris)(k, 1) - centre.y) / 4.f;
            cv::circle(rgb, centre, std::max(1, static_cast<int>(radius + 0.5f)),
                       cv::Scalar(80, 160, 255), thickness, cv::LINE_AA);
        }
    }
}

void draw_no_face(cv::Mat& rgb) {
    const double scale = std::max(0.6, rgb.cols / 800.0);
    cv::putText(rgb, "no face",
                cv::Point(static_cast<int>(12 * scale), static_cast<int>(40 * scale)),
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(255, 60, 60),
                std::max(1, static_cast<int>(2 * scale)), cv::LINE_AA);
}

}  // namespace likeness::track

#include "engine/nn/iris.hpp"

#include <algorithm>
#include <cmath>

#include "engine/nn/face_detector.hpp"
#include "engine/nn/image_sampling.hpp"
#include "engine/nn/mesh_landmark_indices.hpp"

namespace likeness::nn {

Iris::Iris(const std::string& iris_json) : Iris(iris_json, Options{}) {}

Iris::Iris(const std::string& iris_json, const Options& options)
    : model_(GraphModel::load(iris_json)), options_(options) {
    const auto& in = model_.input_shape();
    if (in.size() != 4 || in[1] != in[2] || in[3] != 3)
        throw ModelError(iris_json, "", "not an Iris model: input must be square RGB");
    size_ = in[1];
    if (model_.output_names().size() != 1 ||
        model_.plan().outputs[0].size != 3 * (kContourPoints + kIrisPoints))
        throw ModelError(iris_json, "", "not an Iris model: expected one output of 228 values");
    input_.resize(model_.input_size());
}

Box Iris::eye_box(const MeshPoints& crop_points, int a, int b) const {
    // Bounding box of the two corners, enlarged about its centre, squared with rounded corners.
    const double ax = crop_points(a, 0), ay = crop_points(a, 1);
    const double bx = crop_points(b, 0), by = crop_points(b, 1);
    const Box corners{std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
    const double w = std::abs(corners.width()) * options_.eye_box_scale;
    const double h = std::abs(corners.height()) * options_.eye_box_scale;
    const double cx = corners.center_x(), cy = corners.center_y();
    const Box enlarged{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    const double half = std::max(std::abs(enlarged.width()), std::abs(enlarged.height())) / 2;
    const double ecx = enlarged.center_x(), ecy = enlarged.center_y();
    return {js_round(ecx - half), js_round(ecy - half), js_round(ecx + half), js_round(ecy + half)};
}

EyeLandmarks Iris::run_eye(const float* face_crop, int crop_size, const Box& box, bool mirror) {
    const float s = static_cast<float>(crop_size);
    const NormalizedBox normalized{static_cast<float>(box.y0) / s, static_cast<float>(box.x0) / s,
                                   static_cast<float>(box.y1) / s, static_cast<float>(box.x1) / s};
    crop_and_resize(face_crop, crop_size, crop_size, normalized, size_, size_, input_.data());
    if (mirror)
        for (int y = 0; y < size_; ++y)
            for (int x = 0; x < size_ / 2; ++x)
                for (int c = 0; c < 3; ++c)
                    std::swap(
                        input_[static_cast<std::size_t>((y * size_ + x) * 3 + c)],
                        input_[static_cast<std::size_t>((y * size_ + size_ - 1 - x) * 3 + c)]);
    const Tensor& out = model_.run(input_.data(), input_.size())[0];
    // Back to FaceMesh crop px: x/64 of the box width from its left edge (mirrored: from the
    // right edge), y likewise; z stays in model units as human leaves it.
    const double bw = std::abs(box.width()), bh = std::abs(box.height());
    EyeLandmarks eye;
    eye.crop = box;
    eye.contour.resize(kContourPoints, 3);
    eye.iris.resize(kIrisPoints, 3);
    for (int k = 0; k < kContourPoints + kIrisPoints; ++k) {
        const double x = out.data[static_cast<std::size_t>(3 * k)] / size_;
        const double y = out.data[static_cast<std::size_t>(3 * k + 1)] / size_;
        const float z = out.data[static_cast<std::size_t>(3 * k + 2)];
        MeshPoints& target = k < kContourPoints ? eye.contour : eye.iris;
        const int row = k < kContourPoints ? k : k - kContourPoints;
        target(row, 0) = static_cast<float>((mirror ? 1.0 - x : x) * bw + box.x0);
        target(row, 1) = static_cast<float>(y * bh + box.y0);
        target(row, 2) = z;
    }
    return eye;
}

std::pair<EyeLandmarks, EyeLandmarks> Iris::run(const float* face_crop, int crop_size,
                                                const MeshPoints& crop_points) {
    const Box left = eye_box(crop_points, kLeftEyeCorners[0], kLeftEyeCorners[1]);
    const Box right = eye_box(crop_points, kRightEyeCorners[0], kRightEyeCorners[1]);
    EyeLandmarks left_eye = run_eye(face_crop, crop_size, left, true);
    EyeLandmarks right_eye = run_eye(face_crop, crop_size, right, false);
    return {std::move(left_eye), std::move(right_eye)};
}

}  // namespace likeness::nn

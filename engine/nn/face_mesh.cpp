#include "engine/nn/face_mesh.hpp"

#include <cmath>
#include <stdexcept>

#include "engine/nn/image_sampling.hpp"

namespace likeness::nn {

FaceMesh::FaceMesh(const std::string& facemesh_json) : model_(GraphModel::load(facemesh_json)) {
    const auto& in = model_.input_shape();
    if (in.size() != 4 || in[1] != in[2] || in[3] != 3)
        throw ModelError(facemesh_json, "", "not a FaceMesh model: input must be square RGB");
    size_ = in[1];
    bool mesh = false, flag = false;
    for (std::size_t k = 0; k < model_.output_names().size(); ++k) {
        const std::size_t n = model_.plan().outputs[k].size;
        if (n == 3 * kPoints) {
            mesh_output_ = k;
            mesh = true;
        } else if (n == 1) {
            flag_output_ = k;
            flag = true;
        }
    }
    if (!mesh || !flag)
        throw ModelError(
            facemesh_json, "",
            "not a FaceMesh model: expected a 1404-value mesh and a 1-value face flag");
    input_.resize(model_.input_size());
}

MeshOutput FaceMesh::run(const cv::Mat& rgb, const Box& box) {
    check_frame(rgb);
    if (!std::isfinite(box.x0) || !std::isfinite(box.y0) || !std::isfinite(box.x1) ||
        !std::isfinite(box.y1) || !(box.width() > 0) || !(box.height() > 0))
        throw std::invalid_argument("FaceMesh: the crop box must be finite and non-empty");
    // human passes [y1/H, x1/W, y2/H, x2/W] as a float32 tensor.
    const double h = rgb.rows, w = rgb.cols;
    const NormalizedBox normalized{static_cast<float>(box.y0 / h), static_cast<float>(box.x0 / w),
                                   static_cast<float>(box.y1 / h), static_cast<float>(box.x1 / w)};
    crop_and_resize(rgb, normalized, size_, size_, 255.0f, input_.data());
    model_.run(input_.data(), input_.size());
    return collect();
}

MeshOutput FaceMesh::run_input(const float* input) {
    std::copy(input, input + input_.size(), input_.begin());
    model_.run(input_.data(), input_.size());
    return collect();
}

MeshOutput FaceMesh::collect() const {
    MeshOutput out;
    const Tensor& mesh = model_.outputs()[mesh_output_];
    out.crop_points = Eigen::Map<const MeshPoints>(mesh.data.data(), kPoints, 3);
    out.face_flag = model_.outputs()[flag_output_].data[0];
    return out;
}

MeshPoints mesh_to_image(const MeshPoints& crop_points, const Box& box, int size) {
    const double sx = std::abs(box.width()) / size, sy = std::abs(box.height()) / size;
    const double cx = box.center_x(), cy = box.center_y(), half = size / 2.0;
    MeshPoints image(crop_points.rows(), 3);
    for (Eigen::Index k = 0; k < crop_points.rows(); ++k) {
        image(k, 0) = static_cast<float>(sx * (crop_points(k, 0) - half) + cx);
        image(k, 1) = static_cast<float>(sy * (crop_points(k, 1) - half) + cy);
        image(k, 2) = static_cast<float>(sx * crop_points(k, 2));
    }
    return image;
}

}  // namespace likeness::nn

#include "engine/fit/landmark_term.hpp"

#include <numeric>

#include "engine/face/landmark_groups.hpp"
#include "engine/render/landmark_projection.hpp"

namespace likeness::fit {

const Eigen::VectorXf& landmark_weights() {
    static const Eigen::VectorXf kWeights = [] {
        Eigen::VectorXf w = Eigen::VectorXf::Constant(kLandmarkCount, 0.5f);
        auto set = [&](const char* group, float value) {
            for (int v : face::landmark_group(group))
                w[v] = value;
        };
        for (const char* g :
             {"nose_tip", "nose_bridge", "nose_bottom", "nose_left_ala", "nose_right_ala"})
            set(g, 1.f);
        for (const char* g :
             {"brow_left_upper", "brow_left_lower", "brow_right_upper", "brow_right_lower"})
            set(g, 1.f);
        set("silhouette", 0.5f);
        for (const char* g : {"eye_left_ring", "eye_right_ring"})
            set(g, 1.5f);
        for (const char* g :
             {"lips_upper_outer", "lips_lower_outer", "lips_upper_inner", "lips_lower_inner"})
            set(g, 2.f);
        return w;
    }();
    return kWeights;
}

const std::vector<int>& landmark_vertices() {
    static const std::vector<int> kVertices = [] {
        std::vector<int> v(kLandmarkCount);
        std::iota(v.begin(), v.end(), 0);
        return v;
    }();
    return kVertices;
}

Eigen::VectorXf landmark_gn_weights(int crop_size, float scale) {
    const Eigen::VectorXf& w = landmark_weights();
    const float unit = kReferenceCropPx / static_cast<float>(crop_size);
    return (2.f * scale * unit * unit / w.sum()) * w;
}

double landmark_loss(const render::ProjectedLandmarks& projected,
                     const core::MatrixX2fR& targets_px, int crop_size) {
    const Eigen::VectorXf& w = landmark_weights();
    const double unit = kReferenceCropPx / static_cast<double>(crop_size);
    double sum = 0.0;
    for (size_t i = 0; i < projected.vertex.size(); ++i) {
        const int l = static_cast<int>(i);
        const double d2 = (projected.points_px.row(l) - targets_px.row(l)).squaredNorm();
        sum += w[projected.vertex[i]] * d2;
    }
    return sum * unit * unit / w.sum();
}

}  // namespace likeness::fit

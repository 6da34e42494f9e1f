#include "engine/core/blendshape_rig.hpp"

#include <cassert>
#include <set>

namespace likeness::core {
namespace {

bool fail(std::string* error, const std::string& why) {
    if (error) *error = why;
    return false;
}

bool all_finite(const MatrixX3fR& m) {
    return m.allFinite();
}

bool valid_texture(const cv::Mat& m, const cv::Size& size) {
    return !m.empty() && m.type() == CV_32FC3 && m.size() == size;
}

}  // namespace

int BlendshapeRig::shape_index(const std::string& shape_name) const {
    for (size_t i = 0; i < shape_names.size(); ++i)
        if (shape_names[i] == shape_name) return static_cast<int>(i);
    return -1;
}

bool BlendshapeRig::is_valid(std::string* error) const {
    const Eigen::Index nv = neutral.V.rows();
    if (nv == 0 || neutral.F.rows() == 0) return fail(error, "the neutral mesh is empty");
    if (!all_finite(neutral.V)) return fail(error, "the neutral mesh has non-finite vertices");
    if ((neutral.F.array() < 0).any() || (neutral.F.array() >= nv).any())
        return fail(error, "a neutral-mesh face refers to a vertex out of range");
    if (neutral.UV.rows() != 0 && neutral.UV.rows() != nv)
        return fail(error, "the neutral mesh has " + std::to_string(neutral.UV.rows()) +
                               " UVs for " + std::to_string(nv) + " vertices");
    if (neutral.N.rows() != 0 && neutral.N.rows() != nv)
        return fail(error, "the neutral mesh has " + std::to_string(neutral.N.rows()) +
                               " normals for " + std::to_string(nv) + " vertices");
    if (shape_names.size() != deltas.size())
        return fail(error, std::to_string(shape_names.size()) + " shape names for " +
                               std::to_string(deltas.size()) + " shapes");
    std::set<std::string> seen;
    for (size_t i = 0; i < deltas.size(); ++i) {
        const std::string& n = shape_names[i];
        if (n.empty()) return fail(error, "shape " + std::to_string(i) + " has no name");
        if (!seen.insert(n).second) return fail(error, "shape name '" + n + "' is repeated");
        if (deltas[i].rows() != nv)
            return fail(error, "shape '" + n + "' has " + std::to_string(deltas[i].rows()) +
                                   " deltas for " + std::to_string(nv) + " vertices");
        if (!all_finite(deltas[i])) return fail(error, "shape '" + n + "' has non-finite deltas");
    }
    if (!normal_deltas.empty()) {
        if (normal_deltas.size() != deltas.size())
            return fail(error, "normal deltas are given for " +
                                   std::to_string(normal_deltas.size()) + " of " +
                                   std::to_string(deltas.size()) + " shapes");
        for (size_t i = 0; i < normal_deltas.size(); ++i)
            if (normal_deltas[i].rows() != nv || !all_finite(normal_deltas[i]))
                return fail(error, "shape '" + shape_names[i] + "' has malformed normal deltas");
    }
    if (!albedo.empty()) {
        if (albedo.type() != CV_32FC3 || albedo.rows != albedo.cols)
            return fail(error, "the albedo texture must be a square RGB float image");
        if (neutral.UV.rows() != nv) return fail(error, "the rig has a texture but no UVs");
    }
    if (!dynamic_albedo.empty()) {
        if (albedo.empty()) return fail(error, "dynamic albedo maps need a static albedo");
        if (dynamic_albedo.size() != deltas.size())
            return fail(error, "dynamic albedo maps are given for " +
                                   std::to_string(dynamic_albedo.size()) + " of " +
                                   std::to_string(deltas.size()) + " shapes");
        for (size_t i = 0; i < dynamic_albedo.size(); ++i)
            if (!valid_texture(dynamic_albedo[i], albedo.size()))
                return fail(error, "the dynamic albedo map of '" + shape_names[i] +
                                       "' is not an RGB float image of the albedo's size");
    }
    return true;
}

cv::Mat shape_albedo(const BlendshapeRig& rig, int shape) {
    assert(shape >= 0 && shape < rig.shape_count() && "shape index out of range");
    if (rig.dynamic_albedo.empty()) return rig.albedo;
    cv::Mat sum = rig.albedo + rig.dynamic_albedo[static_cast<size_t>(shape)];
    cv::min(sum, 1.0, sum);
    cv::max(sum, 0.0, sum);
    return sum;
}

MatrixX3fR neutral_normals(const BlendshapeRig& rig) {
    if (rig.neutral.N.rows() == rig.neutral.V.rows()) return rig.neutral.N;
    return vertex_normals(rig.neutral);
}

}  // namespace likeness::core

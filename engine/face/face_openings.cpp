#include "engine/face/face_openings.hpp"

#include <set>
#include <string>

#include "engine/face/landmark_groups.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

bool all_in(const core::Mesh& mesh, Eigen::Index f, const std::set<int>& ring) {
    for (int k = 0; k < 3; ++k)
        if (!ring.count(mesh.F(f, k))) return false;
    return true;
}

std::set<int> as_set(const std::vector<int>& v) {
    return {v.begin(), v.end()};
}

}  // namespace

core::Mesh open_mouth(const core::Mesh& canonical) {
    std::set<int> ring = as_set(landmark_group("lips_upper_inner"));
    for (int i : landmark_group("lips_lower_inner"))
        ring.insert(i);
    std::vector<int> keep;
    for (Eigen::Index f = 0; f < canonical.F.rows(); ++f)
        if (!all_in(canonical, f, ring)) keep.push_back(static_cast<int>(f));
    const int removed = static_cast<int>(canonical.F.rows()) - static_cast<int>(keep.size());
    if (removed != kMouthClosingTriangles)
        throw TemplateError("the canonical mesh has " + std::to_string(removed) +
                            " triangles across the mouth, expected " +
                            std::to_string(kMouthClosingTriangles) +
                            "; is @mediapipe/face_mesh the pinned version?");
    core::Mesh out = canonical;
    out.F.resize(static_cast<Eigen::Index>(keep.size()), 3);
    for (size_t i = 0; i < keep.size(); ++i)
        out.F.row(static_cast<Eigen::Index>(i)) = canonical.F.row(keep[i]);
    out.N.resize(0, 3);
    return out;
}

std::vector<TrianglePart> label_eye_openings(const core::Mesh& mesh) {
    const std::set<int> left = as_set(landmark_group("eye_left_ring"));
    const std::set<int> right = as_set(landmark_group("eye_right_ring"));
    std::vector<TrianglePart> parts(static_cast<size_t>(mesh.F.rows()), TrianglePart::Skin);
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        if (all_in(mesh, f, left)) parts[static_cast<size_t>(f)] = TrianglePart::EyeLeft;
        if (all_in(mesh, f, right)) parts[static_cast<size_t>(f)] = TrianglePart::EyeRight;
    }
    return parts;
}

}  // namespace likeness::face

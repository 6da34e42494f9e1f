#pragma once
// Registration of the template (or any mesh with known landmark vertices) onto another head
// mesh: a landmark similarity, then a non-rigid refinement that pulls every vertex onto the
// target surface while a membrane term keeps the deformation smooth. The result is a dense
// correspondence used to compare shapes (ICT yardstick) and, later, for deformation transfer.
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/closest_point.hpp"
#include "engine/face/similarity_transform.hpp"

namespace likeness::face {

struct RegistrationOptions {
    int iterations = 12;           ///< non-rigid rounds (closest points recomputed each round)
    float stiffness_start = 20.f;  ///< membrane weight of the first round (relative to data)
    float stiffness_end = 0.5f;    ///< ... of the last round (geometric decay in between)
    float landmark_weight = 5.f;   ///< weight of each landmark pair in the non-rigid rounds
    float max_distance_cm = 2.f;   ///< farther closest points are not used as data
    float min_normal_dot = 0.3f;   ///< ... nor those whose normals disagree more than this
    bool is_valid(std::string* error) const;
};

struct RegistrationResult {
    Similarity similarity;                 ///< source model space -> target model space
    core::MatrixX3fR V;                    ///< #V_source by 3: the source fitted onto the target
    float landmark_rms_rigid_cm = 0.f;     ///< landmark RMS after the similarity only
    float landmark_rms_cm = 0.f;           ///< landmark RMS after the refinement
    float mean_surface_distance_cm = 0.f;  ///< mean distance of data vertices to the target
    int data_vertices = 0;                 ///< source vertices that found a target point
};

/// Fits `source` (its vertex positions; triangles restricted to source_active when given) onto
/// `target` (triangles restricted to target_active when given). source_landmarks[k] and
/// target_landmarks[k] are vertex indices of the same anatomical point. Throws TemplateError
/// for mismatched landmark lists or invalid options.
RegistrationResult register_mesh(const core::Mesh& source, const std::vector<int>& source_landmarks,
                                 const core::Mesh& target, const std::vector<int>& target_landmarks,
                                 const RegistrationOptions& options = {},
                                 const std::vector<bool>& source_active = {},
                                 const std::vector<bool>& target_active = {},
                                 const core::Progress& progress = {});

/// For each query point (#Q by 3), the closest point on mesh V/F (restricted to active).
std::vector<SurfacePoint> closest_points(const core::MatrixX3fR& V, const core::MatrixX3iR& F,
                                         const core::MatrixX3fR& queries, float max_distance,
                                         const std::vector<bool>& active = {});

}  // namespace likeness::face

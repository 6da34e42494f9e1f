#pragma once
// BlendshapeRig: the exchange form of a face rig (a personal model, a retargeted character or the
// template) that exporters, the viewport and the project file share. It is deliberately plain
// data: a neutral mesh, N named vertex-delta shapes evaluated linearly (eq. 1 without the
// attention masks, which are already baked into the deltas), and the albedo textures of eq. 2.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::core {

struct BlendshapeRig {
    /// Shown to users and used as the base of exported node and file names.
    std::string name = "face";
    /// S0: V #V by 3 model space, cm (+x subject's left, +y up, +z out of the face); F #F by 3
    /// CCW from outside; UV #V by 2 in [0,1], v up (required by textured exports); N #V by 3
    /// unit normals or 0 rows (exporters then compute area-weighted normals).
    Mesh neutral;
    /// N shape names, unique; for ARKit rigs the 52 ARKit names in Apple's order.
    std::vector<std::string> shape_names;
    /// N displacement fields dS_i = S_i - S0, each #V by 3, model space, cm.
    std::vector<MatrixX3fR> deltas;
    /// Empty, or N normal displacement fields n(S_i) - n(S0), each #V by 3 (unitless).
    std::vector<MatrixX3fR> normal_deltas;
    /// Static albedo R0 (+ corrections): CV_32FC3, RGB in [0,1], row 0 = top of the texture
    /// (v = 1), square; empty when the rig has no texture.
    cv::Mat albedo;
    /// Empty, or N dynamic albedo offsets A_i dR_i (eq. 2): CV_32FC3 RGB, signed, the same size
    /// as `albedo`; the texture at full activation of shape i is albedo + dynamic_albedo[i].
    std::vector<cv::Mat> dynamic_albedo;

    int shape_count() const { return static_cast<int>(deltas.size()); }
    int vertex_count() const { return neutral.vertex_count(); }
    /// Index of a shape name, or -1.
    int shape_index(const std::string& shape_name) const;

    /// False, with a reason naming the field, when sizes disagree, indices are out of range,
    /// values are not finite or names are empty or repeated.
    bool is_valid(std::string* error) const;
};

/// The albedo a shape shows at full activation: clamp(albedo + dynamic_albedo[i], 0, 1), or
/// the static albedo when the rig has no dynamic maps (CV_32FC3 RGB).
cv::Mat shape_albedo(const BlendshapeRig& rig, int shape);

/// #V by 3 unit normals of the neutral mesh: rig.neutral.N when present, else area-weighted.
MatrixX3fR neutral_normals(const BlendshapeRig& rig);

}  // namespace likeness::core

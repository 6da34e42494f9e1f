#pragma once
// TemplateRig: the prior every personal model starts from (paper §3.2): neutral mesh S0, the
// 52 ARKit template blend shapes S_i, attention masks A_i, the UV parsing map T (§3.4) and the
// mean albedo R0, on a subdivided MediaPipe canonical face whose first 468 vertices are the
// FaceMesh landmarks.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/face_openings.hpp"

namespace likeness::face {

struct TemplateRigOptions {
    /// Loop subdivision rounds of the canonical mesh: 2 gives 7,152 vertices (the paper's
    /// template has 12K), enough for lids and lips to bend smoothly.
    int subdivision_levels = 2;
    /// Side of the UV maps holding attention masks and (later) the learnt corrections. The
    /// paper uses 128x128 for 12K vertices; our face covers ~62 % of the UV square, so 128 gives
    /// ~10K face texels for 7.2K vertices (1.4 texels per vertex, as in the paper).
    int uv_size = 128;
    /// Side of the parsing map T and the mean albedo R0: 512 so lip and lid outlines are sharp
    /// when rendered at video resolution.
    int texture_size = 512;
    float attention_threshold_cm = 0.01f;  ///< see AttentionMaskOptions::threshold_cm
    float attention_blur_texels = 1.0f;    ///< see AttentionMaskOptions::blur_sigma_texels
    /// The @mediapipe/face_mesh folder; empty: io::find_models().mediapipe_face_mesh().
    std::string mediapipe_folder;
    /// The blend-shape recipe file; empty: find_template_resource("arkit_shapes.json").
    std::string recipes_path;

    /// False (with a reason) when a field is out of range.
    bool is_valid(std::string* error) const;
};

struct TemplateRig {
    /// S0: V #V by 3 (model space, cm; +x subject's left, +y up, +z out of the face), F (CCW
    /// from outside, mouth open), UV #V by 2. Vertex i < 468 is FaceMesh landmark i, exactly.
    core::Mesh neutral;
    std::vector<TrianglePart> triangle_parts;  ///< #F: skin or an eye opening
    /// The 18 canonical triangles across the lips (vertex indices < 468): a mouth-interior cap
    /// a renderer may draw to show the mouth cavity (parsing label MouthInterior).
    core::MatrixX3iR mouth_cap;
    std::vector<int> ibug68;  ///< 68 vertex indices of the iBUG landmarks (iBUG order)
    std::vector<int> mirror;  ///< #V: index of each vertex's mirror image across x = 0

    std::vector<std::string> shape_names;           ///< 52 ARKit names, Apple's order
    std::vector<std::string> shape_meanings;        ///< 52 descriptions from the recipe file
    std::vector<core::MatrixX3fR> deltas;           ///< 52 of dS_i = S_i - S0, #V by 3, cm
    std::vector<Eigen::VectorXf> vertex_attention;  ///< 52 of A_i per vertex, #V in [0,1]
    std::vector<cv::Mat> attention_uv;  ///< 52 of A_i in UV: CV_32F, uv_size square, [0,1]
    cv::Mat parsing_uv;                 ///< T: CV_8U ParsingLabel, texture_size square
    cv::Mat albedo_uv;                  ///< R0: CV_32FC3 RGB in [0,1], texture_size square
    int uv_size = 0;
    int texture_size = 0;

    int landmark_count() const { return 468; }
    int shape_count() const { return static_cast<int>(deltas.size()); }
    /// Index of an ARKit name, or -1.
    int shape_index(const std::string& name) const;

    /// The template face of eq. 1 without corrections: S0 + sum_i w_i (S_i - S0), which equals
    /// w0 S0 + sum_i w_i S_i with w0 = 1 - sum_i w_i. `w` has shape_count() entries.
    core::MatrixX3fR evaluate(const Eigen::VectorXf& w) const;
};

/// Builds the template from the installed model package and the recipe file. Throws
/// TemplateError (or io::ModelsNotFound) with a message naming what is missing or malformed;
/// core::Cancelled when progress asks to stop.
TemplateRig build_template_rig(const TemplateRigOptions& options = {},
                               const core::Progress& progress = {});

}  // namespace likeness::face

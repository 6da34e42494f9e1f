#pragma once
// Deformation transfer (Sumner & Popović, "Deformation Transfer for Triangle Meshes", SIGGRAPH
// 2004; the paper's [43]): gives a character without blend shapes the 52 ARKit shapes of the
// template (or of a personal model, same topology) by copying, triangle by triangle, how each
// shape deforms the source face, then solving for the character vertices that deform most
// like that.
//
// Per triangle with corners v1, v2, v3 the fourth vertex v4 = v1 + (e1 x e2) / sqrt|e1 x e2|
// (e1 = v2 - v1, e2 = v3 - v1) makes the frame V = [e1, e2, v4 - v1] invertible (S&P eq. 1);
// the source shape's deformation gradient is Q = V~ V^-1 (eq. 3), rotated into the character's
// frame by the registration's rotation R: Q' = R Q R^T. The character's deformed vertices
// x~ (and one free fourth vertex per triangle) minimise (S&P eq. 5, area-weighted here)
//     sum_j a_j || T_j(x~) - Q'_m(j) ||_F^2,    T_j = [x~2 - x~1, x~3 - x~1, x~4 - x~1] W_j^-1,
// where m(j) is the corresponding source triangle (the mean of Q' over the triangle's samples,
// face_correspondence.hpp) and identity, at a lower weight, for unmatched triangles. The three
// coordinates decouple and share one matrix: the normal equations A^T A x = A^T b_r (r = x, y, z)
// are factored once (sparse Cholesky, LDL^T) and solved for 3 right-hand sides per shape.
//
// The energy fixes the result up to a translation per connected part: a tiny pull towards the
// rest shape (rest_weight) makes the system definite, and each matched part is then moved by
// the mean difference between the solution and the source displacement carried over through
// the correspondence (so a jaw opens downwards rather than the skull moving up).
#include <memory>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/retarget/face_correspondence.hpp"

namespace likeness::retarget {

struct DeformationTransferOptions {
    /// Weight each character triangle by its area (independent of how finely it is meshed);
    /// false gives S&P's unweighted sum.
    bool area_weighted = true;
    /// Weight (relative to a matched triangle of the same area) of the "keep your shape" rows
    /// of character triangles without a source triangle: lid margins, the inner lips, the
    /// scalp. Low values let them follow their matched neighbours instead of holding the face
    /// back; 1 is S&P's plain identity target.
    double unmatched_weight = 0.01;
    /// Pull of every unknown towards its rest position, relative to the mean diagonal of
    /// A^T A. It only fixes otherwise free translations; keep it tiny.
    double rest_weight = 1e-8;

    bool is_valid(std::string* error) const;
};

struct DeformationTransferSummary {
    int unknowns = 0;             ///< character vertices (welded) + one fourth vertex per triangle
    int equations = 0;            ///< 3 per triangle (per coordinate)
    long long nonzeros = 0;       ///< of A^T A
    int matched_triangles = 0;    ///< triangles with a source deformation (the rest keep shape)
    double factor_seconds = 0.0;  ///< building and factoring A^T A, once
    double solve_seconds = 0.0;   ///< all shapes (3 back-substitutions each)
    int shapes = 0;
    /// Per shape: RMS over matched area of || T_j - Q'_j ||_F (0: every triangle deforms
    /// exactly as its source triangle; unitless).
    std::vector<double> gradient_rms;
    bool success = false;
    std::string message;
};

/// precompute (constructor) -> solve (transfer) for one correspondence.
class DeformationTransfer {
  public:
    /// `source_neutral`: the template-topology neutral the correspondence was made with.
    /// Builds and factors the system. Throws RetargetError when the factorisation fails;
    /// core::Cancelled when progress asks to stop.
    DeformationTransfer(const core::Mesh& source_neutral, const FaceCorrespondence& correspondence,
                        const DeformationTransferOptions& options = {},
                        const core::Progress& progress = {});
    ~DeformationTransfer();
    DeformationTransfer(const DeformationTransfer&) = delete;
    DeformationTransfer& operator=(const DeformationTransfer&) = delete;

    /// The character displacement (#V_character by 3, cm, character frame) for a source shape
    /// dS (#V_source by 3, cm, source frame). `gradient_rms` receives the fit's residual.
    /// Throws RetargetError for a wrongly sized dS or a non-finite solution.
    core::MatrixX3fR transfer(const core::MatrixX3fR& source_delta,
                              double* gradient_rms = nullptr) const;

    const DeformationTransferSummary& summary() const { return summary_; }

  private:
    struct System;
    std::unique_ptr<System> system_;
    DeformationTransferSummary summary_;
};

struct TransferredRig {
    core::BlendshapeRig rig;  ///< the character's neutral and albedo with the source's shapes
    DeformationTransferSummary summary;
};

/// Transfers every shape of `source` (template topology, e.g. face::template_blendshape_rig or
/// PersonalModel::to_blendshape_rig) onto `character` (its neutral, UVs and albedo are kept;
/// its own shapes are not). Throws RetargetError; core::Cancelled when progress asks to stop.
TransferredRig transfer_shapes(const core::BlendshapeRig& source,
                               const core::BlendshapeRig& character,
                               const FaceCorrespondence& correspondence,
                               const DeformationTransferOptions& options = {},
                               const core::Progress& progress = {});

}  // namespace likeness::retarget

#pragma once
// H0 for L-BFGS on the corrections: an approximate inverse Gauss–Newton Hessian, block-diagonal
// over the correction fields of correction_layout.hpp.
//   - Shape fields (Δ0^S, Δ_i^S): the smoothness terms (eq. 6's Laplacian, eq. 7's edge part)
//     are sparse and stiff — they dominate high frequencies and leave smooth modes almost free —
//     so a diagonal preconditioner stalls. Per field we factor
//         P = Fᵀ (diag(h) + λ K) F + ε I     (texels, one scalar per texel for x, y and z)
//     with F the UV sampling (times A_i), h the frames' data curvature per vertex, K the
//     regulariser's per-coordinate Hessian, by sparse Cholesky (Eigen::SimplicialLDLT).
//   - Albedo fields: the data terms' exact per-texel diagonal (render::albedo_normal_equations)
//     plus the prior.
#include <Eigen/Core>
#include <memory>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/fit/correction_layout.hpp"

namespace likeness::face {
struct PersonalModel;
}

namespace likeness::fit {

class LaplacianTerm;
class DeformationGradientTerm;
struct LossWeights;

/// #V by 9: one 3×3 block per vertex (column-major), model space, per cm².
using VertexBlocks = Eigen::Matrix<float, Eigen::Dynamic, 9, Eigen::RowMajor>;

/// Data-term curvature gathered over the frames (ModelProblem::data_curvature): the exact
/// per-vertex 3×3 diagonal blocks of the Gauss–Newton Hessian (landmarks constrain only two
/// directions of a vertex, so a scalar per vertex would not do).
struct DataCurvature {
    VertexBlocks identity;                ///< for Δ0^S, or empty
    std::vector<VertexBlocks> shapes;     ///< 52 (Σ_n w_i² · blocks), empty: unused shape
    cv::Mat static_albedo;                ///< CV_32FC3 albedo size, or empty
    std::vector<cv::Mat> dynamic_albedo;  ///< 52 × CV_32FC3 uv size (before A_i), or empty
};

class CorrectionPreconditioner {
  public:
    CorrectionPreconditioner();
    ~CorrectionPreconditioner();
    CorrectionPreconditioner(CorrectionPreconditioner&&) noexcept;
    CorrectionPreconditioner& operator=(CorrectionPreconditioner&&) noexcept;

    /// Factors every block of `layout` for `model` (sampler, masks), the curvature and the
    /// regularisers' weights. `damping`: Levenberg λ added to each vertex's data block as
    /// λ · trace / 3.
    void build(const CorrectionLayout& layout, const face::PersonalModel& model,
               const DataCurvature& curvature, const LaplacianTerm& laplacian,
               const DeformationGradientTerm& deformation, const LossWeights& weights,
               double damping = 0.0);

    /// out = H0 · in (the layout's flat vectors).
    void apply(const Eigen::VectorXf& in, Eigen::VectorXf* out) const;

  private:
    struct Block;
    std::vector<std::unique_ptr<Block>> blocks_;
};

}  // namespace likeness::fit

#pragma once
// The dense Jacobian rows ∂Î(q)/∂θ of one rendered frame over the per-frame unknowns θ = (ω, t,
// focal, γ) (render::SceneParameter order, 34) followed by K linear vertex directions
// X = X0 + Σ_i θ_i B_i (the blend-shape deltas of eq. 1). Three rows per pixel, one per
// channel. Kept for every pixel a term looks at so that terms built from pixel differences —
// eq. 4's image-gradient variant — get their exact Gauss–Newton rows J(q + x̂) − J(q), which
// render::photometric_normal_equations (one residual per pixel) cannot express.
//
// Chain rule as renderer.hpp's image formation: the camera-space corners move by
// ∂P_k = [−[P_k − t]× J_l | I | R B_k] and the corner shadings by
// ∂s_k = S_k [−[n_k]× J_l | 0 | R ∂n_k/∂θ] (S_k = ∂s/∂n_cam), pushed through
// render::pixel_jacobian's local derivatives.
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/fit/vertex_basis.hpp"

namespace likeness::render {
struct Rendering;
struct Scene;
}  // namespace likeness::render

namespace likeness::fit {

using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct PixelRows {
    int columns = 0;          ///< 34 + K
    std::vector<int> pixels;  ///< row-major pixel indices with rows, increasing
    std::vector<int> row_of;  ///< width·height: index into `pixels`, −1 for none
    RowMatrixXf J;            ///< 3·#pixels by columns: rows 3i..3i+2 are pixel i's channels

    /// With pixel_rows' `defer_directions`: the K direction columns of J are zero until
    /// fill_direction_columns (deferred_directions.hpp) fills them, and these hold what they
    /// are made of — pixel i's row of channel c is Σ_k (m_k B_v + l_k ∂n_v/∂θ) over its corners
    /// k (v = corner[3i + k]), with the 1 by 3 factors m_k = (∂c/∂P_k R)_c and
    /// l_k = ρ_c b_k (S R)_{v,c} at direction_factors[((3i + k)·3 + c)·6 + 0..2] and + 3..5.
    bool deferred = false;
    bool lit = false;                      ///< the rendering's: l_k is zero when unlit
    std::vector<int> corner;               ///< 3 per pixel
    std::vector<float> direction_factors;  ///< 54 per pixel
    std::vector<unsigned char> filled;     ///< K: the direction column holds its values
    std::vector<int> wanted_first, wanted_entry;  ///< fill_direction_columns' workspace

    // Reused between calls (per-vertex tables of the chain rule, for the vertices of faces
    // the chosen pixels see); not part of the result.
    std::vector<float> T, U, SR;
    std::vector<unsigned char> needed;
};

/// The pixel pairs of eq. 4's image-gradient term at row pixel i (q = rows.pixels[i]): calls
/// f(j, nb) for q's right and lower neighbours nb (an image `width` wide) that have rows too,
/// j = rows.row_of[nb].
template <typename F>
inline void for_each_neighbour_row(const PixelRows& rows, size_t i, int width, F&& f) {
    const int q = rows.pixels[i];
    const int total = static_cast<int>(rows.row_of.size());
    const int x = q % width;
    for (int step : {1, width}) {
        const int nb = q + step;
        if (nb >= total || (step == 1 && x + 1 >= width)) continue;
        const int j = rows.row_of[static_cast<size_t>(nb)];
        if (j >= 0) f(j, nb);
    }
}

/// How the normals' change along the basis directions enters the shading rows.
struct NormalDirections {
    /// K of ∂n/∂θ_i (#V by 3, model space), e.g. precomputed at a reference shape; null: computed
    /// exactly here (render::normal_differential at the current geometry, the costly part).
    const std::vector<core::MatrixX3fR>* given = nullptr;
};

/// Rows for the covered pixels of `rendering` that `select` marks (CV_8U, non-zero), or for all
/// masked pixels (Rendering::mask) when `select` is empty. `basis`: K directions, #V by 3 each
/// (model space, cm per unit θ_i). `grouped`: optional, the same directions (and, with
/// normals.given, the given normal directions) regrouped per vertex — the same rows, faster.
/// `out` keeps its memory between calls.
/// `defer_directions` (needs `grouped`, and with a lit rendering normals.given): the direction
/// columns are left for fill_direction_columns (PixelRows::deferred) — a solver that holds most
/// weights at a bound needs only a few of them, and gets g from add_adjoint_gradient.
void pixel_rows(const render::Scene& scene, const render::Rendering& rendering,
                const std::vector<core::MatrixX3fR>& basis, const cv::Mat& select,
                const NormalDirections& normals, PixelRows* out,
                const VertexBasis* grouped = nullptr, bool defer_directions = false);

/// Whether pixel_rows can defer the direction columns for these arguments.
bool can_defer_directions(const render::Rendering& rendering, const NormalDirections& normals,
                          const VertexBasis* grouped);

/// H += Σ_q w_q J_qᵀ J_q and g += Σ_q w_q J_qᵀ r_q over the pixels with rows and w_q > 0, for
/// a CV_32FC3 residual r = Î − I and CV_32F weights. H is filled in its lower triangle only.
/// Either of H and g may be null (not wanted). `hessian_columns` (null: all): one flag per
/// column; H gets only the entries between flagged columns — a solver that holds some unknowns
/// fixed needs no more, and H's cost falls with the square of the flagged count. g is always
/// complete (it decides which unknowns a projected step holds).
void accumulate_pixel_terms(const PixelRows& rows, const cv::Mat& residual, const cv::Mat& weight,
                            Eigen::MatrixXd* H, Eigen::VectorXd* g,
                            const std::vector<unsigned char>* hessian_columns = nullptr);

/// The same for eq. 4's forward differences: for each pixel q with weight w_q > 0 and a right
/// (down) neighbour with rows, the residual (r(q + x̂) − r(q)) and row J(q + x̂) − J(q).
void accumulate_difference_terms(const PixelRows& rows, const cv::Mat& residual,
                                 const cv::Mat& weight, int width, Eigen::MatrixXd* H,
                                 Eigen::VectorXd* g,
                                 const std::vector<unsigned char>* hessian_columns = nullptr);

/// accumulate_pixel_terms with `pixel_weight` plus accumulate_difference_terms with
/// `difference_weight` (eq. 4's two terms on the same rows) in one pass: each pixel's row is
/// gathered into the per-channel columns once instead of once per use (up to five times).
/// `scratch` keeps the gathered rows' memory between calls.
void accumulate_pixel_and_difference_terms(const PixelRows& rows, const cv::Mat& residual,
                                           const cv::Mat& pixel_weight,
                                           const cv::Mat& difference_weight, int width,
                                           Eigen::MatrixXd* H, Eigen::VectorXd* g,
                                           const std::vector<unsigned char>* hessian_columns,
                                           std::vector<float>* scratch);

}  // namespace likeness::fit

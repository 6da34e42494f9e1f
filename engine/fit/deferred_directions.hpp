#pragma once
// What a solver needs of pixel rows whose K direction columns were deferred
// (pixel_rows(..., defer_directions), PixelRows::deferred): the columns of the unknowns it
// solves for, and the complete gradient g = Jᵀa without the others.
//
// A frame's projected weight step holds most of the 52 weights at a bound (about 40 on
// fit_bench track), so of the 86 columns only about 45 enter H; the held ones only decide, by
// the sign of their g, whether they stay held. Their gradient needs no columns: g_θ = Σ_q Σ_c
// a_{q,c} Σ_k (m_k B_v + l_k ∂n_v/∂θ) = Σ_v B_vᵀ ā_v + (∂n_v/∂θ)ᵀ n̄_v, with the per-vertex
// adjoints ā_v = Σ a m_kᵀ and n̄_v = Σ a l_kᵀ over the pixels' corners at v (reverse mode).
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/fit/pixel_rows.hpp"
#include "engine/fit/vertex_basis.hpp"

namespace likeness::fit {

/// Fills the deferred direction columns listed in `directions` (0..K−1; columns filled before
/// are skipped) of every row: afterwards those columns equal pixel_rows' without deferral.
/// `grouped`: the basis the rows were made with.
void fill_direction_columns(const VertexBasis& grouped, const std::vector<int>& directions,
                            PixelRows* rows);

/// Adds accumulate_pixel_terms' per-row coefficients of g to `adjoint` (3 per pixel with rows,
/// the channels of pixel i at 3i..3i+2): a_{i,c} += w_q r_{q,c}, so that g = Σ a_{i,c} J_{3i+c}.
/// `residual` CV_32FC3 (Î − I), `weight` CV_32F.
void add_pixel_term_adjoint(const PixelRows& rows, const cv::Mat& residual, const cv::Mat& weight,
                            std::vector<float>* adjoint);

/// The same for accumulate_difference_terms: each forward difference with weight w_q adds
/// w_q (r_nb − r_q) to its neighbour's coefficient and subtracts it from its own.
void add_difference_term_adjoint(const PixelRows& rows, const cv::Mat& residual,
                                 const cv::Mat& weight, int width, std::vector<float>* adjoint);

/// g += Jᵀ a over all 34 + K columns, deferred or not (the deferred ones through the per-vertex
/// adjoints above; `grouped` is then the basis the rows were made with, else unused).
/// `scratch` keeps the per-vertex adjoints' memory between calls.
void add_adjoint_gradient(const PixelRows& rows, const std::vector<float>& adjoint,
                          const VertexBasis* grouped, Eigen::VectorXd* g,
                          std::vector<float>* scratch);

}  // namespace likeness::fit

#pragma once
// Gauss–Newton terms for the albedo texels (paper eq. 2's static albedo, solved for in UV
// space): Î_c(q) = ρ_c(q) s̄_c(q) is linear in the texels, ρ_c = Σ_n W_n(q) T_{n,c} with the
// bilinear weights W_n. Per texel and channel this accumulates the diagonal of J^T W J and
// J^T W r for the residual r = Î − I — a Jacobi preconditioner, or the exact system when
// footprints do not overlap (one texel per pixel or coarser).
#include <opencv2/core.hpp>

namespace likeness::render {

struct Rendering;
struct Scene;

/// `residual` CV_32FC3 r = Î − I, `weight` CV_32F w_q ≥ 0 or empty for the mask M. Outputs
/// are CV_32FC3 images of the albedo texture's size: diag(J^T W J) and J^T W r.
void albedo_normal_equations(const Scene& scene, const Rendering& rendering,
                             const cv::Mat& residual, const cv::Mat& weight, cv::Mat* JtWJ_diagonal,
                             cv::Mat* JtWr);

}  // namespace likeness::render

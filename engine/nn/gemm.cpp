#include "engine/nn/gemm.hpp"

#include <Eigen/Core>

namespace likeness::nn {
namespace {

/// Eigen's blocking interface pointed at our own packing buffers: with them set, the sequential
/// product below performs no allocation.
class BorrowedBlocking : public Eigen::internal::level3_blocking<float, float> {
  public:
    BorrowedBlocking(const GemmBlocking& b, float* packed_lhs, float* packed_rhs) {
        this->m_blockA = packed_lhs;
        this->m_blockB = packed_rhs;
        this->m_kc = b.kc;
        this->m_mc = b.mc;
        this->m_nc = b.nc;
    }
};

}  // namespace

GemmBlocking gemm_blocking(long rows, long cols, long depth) {
    Eigen::Index k = depth, m = rows, n = cols;
    Eigen::internal::computeProductBlockingSizes<float, float, 1, Eigen::Index>(k, m, n, 1);
    return {static_cast<long>(k), static_cast<long>(m), static_cast<long>(n)};
}

void gemm_accumulate(const GemmBlocking& blocking, long rows, long cols, long depth, const float* A,
                     long lda, const float* B, long ldb, float* C, long ldc, float* packed_lhs,
                     float* packed_rhs) {
    if (rows <= 0 || cols <= 0 || depth <= 0) return;
    BorrowedBlocking borrowed(blocking, packed_lhs, packed_rhs);
    // Passing no GemmParallelInfo selects Eigen's sequential code path.
    Eigen::internal::general_matrix_matrix_product<Eigen::Index, float, Eigen::ColMajor, false,
                                                   float, Eigen::ColMajor, false, Eigen::ColMajor,
                                                   1>::run(rows, cols, depth, A, lda, B, ldb, C, 1,
                                                           ldc, 1.0f, borrowed, nullptr);
}

}  // namespace likeness::nn

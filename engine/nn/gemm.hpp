#pragma once
// Single-threaded packed matrix product (Eigen's GEBP kernels) on caller-owned memory. Unlike
// an Eigen expression it never allocates and never starts OpenMP threads, so a network can
// plan its packing buffers once and callers stay free to parallelise across faces or frames.
#include <cstddef>

namespace likeness::nn {

/// Cache blocking of one product shape (rows × depth) · (depth × cols).
struct GemmBlocking {
    long kc = 0, mc = 0, nc = 0;
    std::size_t packed_lhs_floats() const { return static_cast<std::size_t>(kc * mc); }
    std::size_t packed_rhs_floats() const { return static_cast<std::size_t>(kc * nc); }
};

/// Blocking for products of at most rows × cols with inner dimension depth.
GemmBlocking gemm_blocking(long rows, long cols, long depth);

/// C += A · B, all column-major: A is rows × depth (leading dimension lda), B is depth × cols
/// (ldb), C is rows × cols (ldc). rows/cols/depth must not exceed the sizes `blocking` was made
/// for. packed_lhs / packed_rhs hold blocking.packed_*_floats() floats, 64-byte aligned.
void gemm_accumulate(const GemmBlocking& blocking, long rows, long cols, long depth, const float* A,
                     long lda, const float* B, long ldb, float* C, long ldc, float* packed_lhs,
                     float* packed_rhs);

}  // namespace likeness::nn

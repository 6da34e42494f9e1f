#include "engine/core/sh_lighting.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace likeness::core {

ShLighting ShLighting::ambient(float level) {
    ShLighting l;
    for (int c = 0; c < 3; ++c)
        l.gamma[9 * c] = static_cast<float>(level * sh_constant::sqrt_4pi);
    return l;
}

Eigen::Vector3f ShLighting::shade(const Eigen::Vector3f& n) const {
    float H[kShBasisCount];
    sh_basis(n.x(), n.y(), n.z(), H);
    Eigen::Vector3f s = Eigen::Vector3f::Zero();
    for (int c = 0; c < 3; ++c)
        for (int b = 0; b < kShBasisCount; ++b)
            s[c] += gamma[9 * c + b] * H[b];
    return s;
}

ShLighting rotated(const ShLighting& lighting, const Eigen::Matrix3f& R) {
    // Rows: H(n_i) and H(R n_i) on a Fibonacci sphere; solve B γ' = A γ per channel.
    constexpr int kSamples = 32;
    Eigen::Matrix<double, kSamples, kShBasisCount, Eigen::RowMajor> A, B;
    const Eigen::Matrix3d Rd = R.cast<double>();
    const double golden = 3.14159265358979324 * (3.0 - std::sqrt(5.0));
    for (int i = 0; i < kSamples; ++i) {
        const double z = 1.0 - 2.0 * (i + 0.5) / kSamples;
        const double r = std::sqrt(1.0 - z * z);
        const Eigen::Vector3d n(r * std::cos(golden * i), r * std::sin(golden * i), z);
        const Eigen::Vector3d m = Rd * n;
        sh_basis(n.x(), n.y(), n.z(), A.row(i).data());
        sh_basis(m.x(), m.y(), m.z(), B.row(i).data());
    }
    const auto qr = B.colPivHouseholderQr();
    ShLighting out;
    for (int c = 0; c < 3; ++c) {
        Eigen::Matrix<double, kShBasisCount, 1> g;
        for (int b = 0; b < kShBasisCount; ++b)
            g[b] = lighting.gamma[9 * c + b];
        const Eigen::Matrix<double, kShBasisCount, 1> g_rot = qr.solve(A * g);
        for (int b = 0; b < kShBasisCount; ++b)
            out.gamma[9 * c + b] = static_cast<float>(g_rot[b]);
    }
    return out;
}

}  // namespace likeness::core

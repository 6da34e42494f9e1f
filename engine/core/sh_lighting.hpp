#pragma once
// Scene lighting as 9 spherical-harmonic coefficients per colour channel (paper §3.3, 27 γ,
// following Tewari et al.; basis and Lambertian convolution after Ramamoorthi & Hanrahan, "An
// Efficient Representation for Irradiance Environment Maps", SIGGRAPH 2001).
//
// γ are the SH coefficients L_lm of the incident radiance, in the camera frame (camera.hpp:
// x right, y up, z towards the viewer). A Lambertian point with albedo ρ and unit normal n
// leaves radiance ρ E(n) / π, E the irradiance of RH01 eq. 7, so the shading factor is
//     s_c(n) = Σ_b γ[9c + b] H_b(n),   H_b = (Â_l / π) Y_lm,   Â = (π, 2π/3, π/4)
// and a uniform environment of radiance 1 (γ_0 = √(4π), the rest 0) shades every normal 1.
#include <Eigen/Core>
#include <array>

namespace likeness::core {

constexpr int kShBasisCount = 9;
constexpr int kShCoefficientCount = 27;

// H_b constants: Y_lm normalisation times Â_l / π.
namespace sh_constant {
constexpr double k0 = 0.28209479177387814;              // Y00
constexpr double k1 = 0.48860251190291992 * 2.0 / 3.0;  // Y1m / x, y, z
constexpr double k2 = 1.09254843059207907 / 4.0;        // Y2-2 / xy, Y2-1 / yz, Y21 / xz
constexpr double k3 = 0.31539156525252005 / 4.0;        // Y20 / (3z² − 1)
constexpr double k4 = 0.54627421529603959 / 4.0;        // Y22 / (x² − y²)
constexpr double sqrt_4pi = 3.5449077018110318;         // γ_0 of a unit uniform environment
}  // namespace sh_constant

/// H_b(n), b = 0..8 in the order (0,0) (1,−1) (1,0) (1,1) (2,−2) (2,−1) (2,0) (2,1) (2,2),
/// i.e. 1, y, z, x, xy, yz, 3z² − 1, xz, x² − y² up to the constants. n is a unit normal.
template <typename T>
inline void sh_basis(T x, T y, T z, T* H) {
    using namespace sh_constant;
    H[0] = T(k0);
    H[1] = T(k1) * y;
    H[2] = T(k1) * z;
    H[3] = T(k1) * x;
    H[4] = T(k2) * x * y;
    H[5] = T(k2) * y * z;
    H[6] = T(k3) * (T(3) * z * z - T(1));
    H[7] = T(k2) * x * z;
    H[8] = T(k4) * (x * x - y * y);
}

/// dH_b/dn as 9 rows of (d/dx, d/dy, d/dz), row-major into J[27].
template <typename T>
inline void sh_basis_jacobian(T x, T y, T z, T* J) {
    using namespace sh_constant;
    const T c1 = T(k1), c2 = T(k2);
    const T rows[27] = {T(0),   T(0),   T(0),  //
                        T(0),   c1,     T(0),  //
                        T(0),   T(0),   c1,    //
                        c1,     T(0),   T(0),  //
                        c2 * y, c2 * x, T(0),  //
                        T(0),   c2 * z, c2 * y, T(0),          T(0),           T(6 * k3) * z,
                        c2 * z, T(0),   c2 * x, T(2 * k4) * x, T(-2 * k4) * y, T(0)};
    for (int i = 0; i < 27; ++i)
        J[i] = rows[i];
}

struct ShLighting {
    /// γ channel-major: gamma[9 c + b] is basis b (sh_basis order) of channel c (R, G, B).
    std::array<float, kShCoefficientCount> gamma{};

    /// Uniform grey light: every normal shades `level` in every channel.
    static ShLighting ambient(float level = 1.f);

    /// Shading factor s_c(n) per channel for a unit camera-space normal n.
    Eigen::Vector3f shade(const Eigen::Vector3f& n) const;
};

/// The lighting that, applied to normals rotated by R, shades them as `lighting` shades the
/// unrotated ones: shade'(R n) = shade(n) for every n. Bands 0–2 are closed under rotation, so
/// the coefficients are found exactly by least squares on sample directions.
ShLighting rotated(const ShLighting& lighting, const Eigen::Matrix3f& R);

}  // namespace likeness::core

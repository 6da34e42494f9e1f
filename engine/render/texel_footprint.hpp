#pragma once
// Where a UV point reads a texture: bilinear weights over four texels and their derivatives in
// u and v (albedo R sampled per pixel, eq. 2; its gradient w.r.t. texels and UVs), and the
// nearest texel (labels of the parsing map T, eq. 5, which must not be blended).
//
// Convention of face/uv_raster.hpp: texel (x, y) of a cols × rows map is centred at
// u = (x + 0.5) / cols, v = 1 − (y + 0.5) / rows. Reads outside the map clamp to its border.
#include <algorithm>
#include <cmath>

namespace likeness::render {

struct TexelFootprint {
    int offset[4];         ///< y·cols + x of texels (x0,y0) (x1,y0) (x0,y1) (x1,y1)
    float weight[4];       ///< bilinear weights, sum 1
    float d_weight_du[4];  ///< d weight / du (per unit of u, i.e. cols per texel step)
    float d_weight_dv[4];  ///< d weight / dv
};

inline TexelFootprint texel_footprint(float u, float v, int cols, int rows) {
    const float tx = u * static_cast<float>(cols) - 0.5f;
    const float ty = (1.f - v) * static_cast<float>(rows) - 0.5f;
    const float x0f = std::floor(tx), y0f = std::floor(ty);
    const float fx = tx - x0f, fy = ty - y0f;
    const int x0 = static_cast<int>(x0f), y0 = static_cast<int>(y0f);
    const int xa = std::clamp(x0, 0, cols - 1), xb = std::clamp(x0 + 1, 0, cols - 1);
    const int ya = std::clamp(y0, 0, rows - 1), yb = std::clamp(y0 + 1, 0, rows - 1);
    const float sx = static_cast<float>(cols), sy = static_cast<float>(rows);
    TexelFootprint fp;
    fp.offset[0] = ya * cols + xa;
    fp.offset[1] = ya * cols + xb;
    fp.offset[2] = yb * cols + xa;
    fp.offset[3] = yb * cols + xb;
    fp.weight[0] = (1.f - fx) * (1.f - fy);
    fp.weight[1] = fx * (1.f - fy);
    fp.weight[2] = (1.f - fx) * fy;
    fp.weight[3] = fx * fy;
    // ty grows as v falls: d/dv = −rows d/dty.
    fp.d_weight_du[0] = -sx * (1.f - fy);
    fp.d_weight_du[1] = sx * (1.f - fy);
    fp.d_weight_du[2] = -sx * fy;
    fp.d_weight_du[3] = sx * fy;
    fp.d_weight_dv[0] = sy * (1.f - fx);
    fp.d_weight_dv[1] = sy * fx;
    fp.d_weight_dv[2] = -sy * (1.f - fx);
    fp.d_weight_dv[3] = -sy * fx;
    return fp;
}

/// y·cols + x of the texel nearest to (u, v), clamped to the map.
inline int nearest_texel(float u, float v, int cols, int rows) {
    const int x = static_cast<int>(std::floor(u * static_cast<float>(cols)));
    const int y = static_cast<int>(std::floor((1.f - v) * static_cast<float>(rows)));
    return std::clamp(y, 0, rows - 1) * cols + std::clamp(x, 0, cols - 1);
}

/// An RGB texture sample with its derivatives in u and v.
struct RgbSample {
    float value[3];
    float d_du[3];
    float d_dv[3];
    TexelFootprint footprint;
};

/// Bilinear sample of an RGB float texture (`rgb` row-major, cols × rows texels).
inline RgbSample sample_rgb(const float* rgb, int cols, int rows, float u, float v) {
    RgbSample s;
    s.footprint = texel_footprint(u, v, cols, rows);
    const TexelFootprint& fp = s.footprint;
    for (int c = 0; c < 3; ++c) {
        s.value[c] = s.d_du[c] = s.d_dv[c] = 0.f;
        for (int n = 0; n < 4; ++n) {
            const float texel = rgb[3 * static_cast<size_t>(fp.offset[n]) + c];
            s.value[c] += fp.weight[n] * texel;
            s.d_du[c] += fp.d_weight_du[n] * texel;
            s.d_dv[c] += fp.d_weight_dv[n] * texel;
        }
    }
    return s;
}

}  // namespace likeness::render

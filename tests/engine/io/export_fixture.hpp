#pragma once
// Small rigs and takes for the exporter tests: a curved grid face with UVs and the 52 ARKit
// shapes (each a different smooth displacement), so tests run without the model packages.
#include <cmath>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/take.hpp"
#include "engine/face/arkit_names.hpp"

namespace likeness::test {

/// An n by n vertex grid over [-5,5]^2 cm bulging towards +z, 2 (n-1)^2 CCW triangles (seen
/// from +z), UVs spanning [0,1]^2, and 52 shapes: shape k moves vertex (i, j) by
/// 0.1 (1 + k % 5) * (sin(i + k), cos(j - k), 0.5) cm where (i + j + k) % 3 != 0, else not at all.
inline core::BlendshapeRig grid_rig(int n = 8, bool with_dynamic_albedo = false) {
    core::BlendshapeRig rig;
    rig.name = "grid";
    core::Mesh& m = rig.neutral;
    m.V.resize(n * n, 3);
    m.UV.resize(n * n, 2);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const float u = i / float(n - 1), v = j / float(n - 1);
            const float x = -5.f + 10.f * u, y = -5.f + 10.f * v;
            m.V.row(j * n + i) << x, y, 2.f - 0.05f * (x * x + y * y);
            m.UV.row(j * n + i) << u, v;
        }
    m.F.resize(2 * (n - 1) * (n - 1), 3);
    int f = 0;
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            const int a = j * n + i, b = a + 1, c = a + n, d = c + 1;
            m.F.row(f++) << a, b, d;
            m.F.row(f++) << a, d, c;
        }
    m.N = core::vertex_normals(m);
    for (int k = 0; k < face::kArkitShapeCount; ++k) {
        rig.shape_names.push_back(face::arkit_names()[static_cast<size_t>(k)]);
        core::MatrixX3fR d = core::MatrixX3fR::Zero(n * n, 3);
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i)
                if ((i + j + k) % 3 != 0)
                    d.row(j * n + i) << 0.1f * (1 + k % 5) * std::sin(float(i + k)),
                        0.1f * (1 + k % 5) * std::cos(float(j - k)), 0.05f * (1 + k % 5);
        rig.deltas.push_back(d);
    }
    rig.albedo = cv::Mat(16, 16, CV_32FC3);
    for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 16; ++c)
            rig.albedo.at<cv::Vec3f>(r, c) = cv::Vec3f(r / 15.f, c / 15.f, 0.5f);
    if (with_dynamic_albedo)
        for (int k = 0; k < face::kArkitShapeCount; ++k)
            rig.dynamic_albedo.push_back(
                cv::Mat(16, 16, CV_32FC3, cv::Scalar(0.01 * k, -0.2, 0.3)));
    return rig;
}

/// A short take: weight k of frame i = ((i + k) % 11) / 10, head turning about y.
inline core::Take ramp_take(int frames = 30, double fps = 30.0) {
    core::Take take;
    take.name = "ramp";
    take.fps = fps;
    for (int i = 0; i < frames; ++i) {
        core::TakeFrame f;
        for (int k = 0; k < core::kTakeWeightCount; ++k)
            f.weights[static_cast<size_t>(k)] = static_cast<float>((i + k) % 11) / 10.f;
        f.head_rotation = Eigen::Vector3f(0.f, 0.02f * i, 0.f);
        f.head_translation_cm = Eigen::Vector3f(0.1f * i, 0.f, -60.f);
        take.frames.push_back(f);
    }
    return take;
}

}  // namespace likeness::test

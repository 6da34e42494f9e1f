#pragma once
// Geometry, textures and lighting shared by the renderer tests: a bumpy "face" height field
// seen from the front, smooth textures (bilinear kinks stay small), lighting with every band.
#include <cmath>
#include <opencv2/core.hpp>
#include <random>

#include "engine/core/primitive_meshes.hpp"
#include "engine/render/scene.hpp"

namespace likeness::render::test {

/// A grid_mesh of `cells`² quads over size_cm² with a nose-like bump and ripples (z up to
/// ~0.25 size), front side towards +z.
inline core::Mesh bumpy_face(int cells, float size_cm) {
    core::Mesh mesh = core::grid_mesh(cells, size_cm);
    for (Eigen::Index v = 0; v < mesh.V.rows(); ++v) {
        const float x = mesh.V(v, 0) / size_cm, y = mesh.V(v, 1) / size_cm;
        mesh.V(v, 2) = size_cm * (0.2f * std::exp(-(x * x + y * y) * 12.f) +
                                  0.02f * std::sin(9.f * x) * std::cos(7.f * y));
    }
    return mesh;
}

/// size × size RGB albedo in [0.15, 0.95] made of a few low-frequency waves.
inline cv::Mat smooth_texture(int size, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> phase(0.f, 6.283f), freq(1.f, 4.f);
    cv::Mat tex(size, size, CV_32FC3);
    float p[3][2], f[3][2];
    for (auto& c : p)
        for (float& x : c)
            x = phase(rng);
    for (auto& c : f)
        for (float& x : c)
            x = freq(rng);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
            cv::Vec3f& t = tex.at<cv::Vec3f>(y, x);
            for (int c = 0; c < 3; ++c)
                t[c] = 0.55f + 0.2f * std::sin(6.283f * f[c][0] * u + p[c][0]) +
                       0.2f * std::cos(6.283f * f[c][1] * v + p[c][1]);
        }
    return tex;
}

/// Mostly ambient light with every band present: shading stays positive on a face.
inline core::ShLighting varied_lighting(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> small(-0.35f, 0.35f);
    core::ShLighting light = core::ShLighting::ambient(0.8f);
    for (int c = 0; c < 3; ++c)
        for (int b = 1; b < 9; ++b)
            light.gamma[static_cast<size_t>(9 * c + b)] = small(rng);
    light.gamma[2] += 0.6f;  // some light from the camera side, in red
    return light;
}

/// The bumpy face 40 cm in front of a width × height camera, turned a little.
inline Scene face_scene(const core::Mesh* mesh, const cv::Mat* albedo, int width, int height) {
    Scene scene;
    scene.mesh = mesh;
    scene.albedo_uv = albedo;
    scene.camera = core::Camera::centered(width, height, 2.4f * static_cast<float>(width));
    scene.pose.rotation = Eigen::Vector3f(0.15f, -0.25f, 0.08f);
    scene.pose.translation_cm = Eigen::Vector3f(0.4f, -0.3f, -40.f);
    scene.lighting = varied_lighting(3);
    return scene;
}

}  // namespace likeness::render::test

#pragma once
// What the renderer draws: a mesh in model space, its UV textures, and the camera, head pose and
// lighting of one frame (paper §3.3: Î = R(S̃, n, R, γ), Î^pa = R(S̃, n, T)).
//
// The scene only points at its big inputs (nothing is copied per frame): the caller keeps the
// mesh and textures alive while the scene is used. Vertices may come from a separate matrix so
// that a solver can render a deformed mesh (eq. 1: S0 + Σ w_i (S_i + A_i Δ_i^S)) with the
// template's faces and UVs.
#include <opencv2/core.hpp>

#include "engine/core/camera.hpp"
#include "engine/core/mesh.hpp"
#include "engine/core/pose.hpp"
#include "engine/core/sh_lighting.hpp"

namespace likeness::render {

struct Scene {
    /// Faces F (#F by 3, CCW seen from outside) and UV (#V by 2, v up) are used; mesh->V is the
    /// geometry unless `vertices` is set. Normals are always recomputed from the geometry
    /// (area-weighted, as core::vertex_normals), because their derivatives are part of the model.
    const core::Mesh* mesh = nullptr;
    /// Optional #V by 3 model-space positions (cm) replacing mesh->V.
    const core::MatrixX3fR* vertices = nullptr;
    /// Albedo R in UV space: CV_32FC3 RGB, linear, any size. Texel (x, y) is centred at
    /// u = (x + 0.5) / cols, v = 1 − (y + 0.5) / rows (row 0 = top = v 1), as face/uv_raster.hpp.
    /// Sampled bilinearly, clamped at the border. Empty: albedo 1 everywhere.
    const cv::Mat* albedo_uv = nullptr;
    /// Optional parsing map T: CV_8U labels in the same UV convention, sampled at the nearest
    /// texel. Drives Rendering::labels and the photometric mask.
    const cv::Mat* labels_uv = nullptr;

    core::Camera camera;
    core::Pose pose;
    core::ShLighting lighting = core::ShLighting::ambient(1.f);

    const core::MatrixX3fR& geometry() const { return vertices ? *vertices : mesh->V; }
};

}  // namespace likeness::render

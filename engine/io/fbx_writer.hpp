#pragma once
// Binary FBX 7.4 export of a blend-shape rig and its take, for Blender, Maya, Unreal and Unity
// (ASCII FBX is not an option: Blender rejects it).
//
// What a reader gets (FBX units and axes as declared in GlobalSettings: cm, +y up, +z front,
// right-handed, so the engine's model space goes through unchanged):
// - a Model (named after the rig) with a Mesh geometry: triangles, per-vertex normals, one UV set
//   and a Phong material whose DiffuseColor is the albedo texture (NAME.png beside the .fbx, and
//   also embedded in the file so it travels with it);
// - a BlendShape deformer with one BlendShapeChannel per shape, each with its Shape geometry
//   (sparse: the vertices the shape moves); channel and shape are named after the shape;
// - with a take: an AnimationStack (named after the take) whose layer has, per channel, a
//   DeformPercent curve (0-100) and, by HeadMotion, Lcl Rotation (Euler XYZ, degrees) and
//   Lcl Translation (cm) curves on the model; one key per frame at t = i / fps (FBX time
//   units: 46186158000 per second); TimeMode / CustomFrameRate carry the take's fps.
// Curves stream to the file, so memory stays at the size of the rig whatever the take length.
#include <Eigen/Core>
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

struct FbxOptions {
    /// Write the albedo as NAME.png beside the .fbx (and embed it) when the rig has one.
    bool texture = true;
    /// Embed the PNG in the .fbx as well (Video Content), so the file is self-contained.
    bool embed_texture = true;
    HeadMotion head_motion = HeadMotion::kCameraSpace;
    /// Shape vertices moving less than this (cm) are left out of the sparse Shape geometry.
    float sparse_threshold_cm = 1e-5f;
};

/// Writes `rig` (and `take`, when not null) to `path` (.fbx). Throws ExportError for a path that
/// cannot be written, an invalid rig/take or a file over FBX 7.4's 4 GiB; core::Cancelled when
/// progress asks to stop (no file is then left behind).
ExportedFiles write_fbx(const core::BlendshapeRig& rig, const core::Take* take,
                        const std::string& path, const FbxOptions& options = {},
                        const core::Progress& progress = {});

/// FBX time of frame i at `fps`: round(i * 46186158000 / fps).
long long fbx_time(long long frame, double fps);

/// Euler angles (degrees) of an axis-angle rotation in FBX's default order eEulerXYZ:
/// R = Rz(z) * Ry(y) * Rx(x). `previous` (the last frame's angles) picks, among the equivalent
/// angle sets, the one nearest to it so curves do not jump by 360 degrees.
Eigen::Vector3d fbx_euler_xyz_deg(const Eigen::Vector3f& axis_angle,
                                  const Eigen::Vector3d& previous = Eigen::Vector3d::Zero());

}  // namespace likeness::io

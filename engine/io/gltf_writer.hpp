#pragma once
// glTF 2.0 export of a blend-shape rig and its take: .gltf (+ .bin + .png beside it) or one .glb.
//
// What a reader gets (glTF units and axes: metres, +y up, the face looks along +z):
// - one node named after the rig holding one mesh: POSITION, NORMAL, TEXCOORD_0 (v flipped to
//   glTF's top-left origin), indices; a material whose base colour is the albedo PNG;
// - one morph target per shape (POSITION deltas, plus NORMAL deltas when the rig has them),
//   named in mesh.extras.targetNames (where Blender, three.js and Babylon look);
// - with a take: one animation (named after the take) whose LINEAR samplers have one key per
//   frame at t = i / fps: a `weights` channel (one weight per target, frames without a face
//   hold the last face frame) and, by HeadMotion, `rotation` / `translation` of the node.
// The binary data is streamed: memory stays at the size of the rig, whatever the take length.
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

struct GltfOptions {
    /// One self-contained .glb; false: NAME.gltf + NAME.bin + NAME.png in the same folder.
    bool binary = false;
    /// Export the rig's normal deltas as NORMAL morph targets (when it has them).
    bool normal_targets = true;
    /// Export the albedo as the material's base colour texture (when the rig has one).
    bool texture = true;
    HeadMotion head_motion = HeadMotion::kCameraSpace;
};

/// Writes `rig` (and `take`, when not null) to `path`. Throws ExportError for a path that
/// cannot be written or an invalid rig/take; core::Cancelled when progress asks to stop (no
/// file is then left behind).
ExportedFiles write_gltf(const core::BlendshapeRig& rig, const core::Take* take,
                         const std::string& path, const GltfOptions& options = {},
                         const core::Progress& progress = {});

}  // namespace likeness::io

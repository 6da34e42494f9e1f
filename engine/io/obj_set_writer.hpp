#pragma once
// OBJ-set export: the lowest common denominator every 3D tool opens. A folder with
//   NAME.obj + NAME.mtl          the neutral mesh (v, vt, vn, f v/vt/vn), material -> NAME.png
//   NAME.png                     the static albedo
//   shapes/<shape>.obj           S0 + dS_i, same vertex order, UVs and faces (a tool rebuilds
//                                the blend shapes from them: Blender "Join as Shapes", Maya
//                                "Create Blend Shape")
//   shapes/<shape>.mtl/.png      with dynamic albedo maps: each shape's own texture
//                                (albedo + A_i dR_i, clamped); without, shapes use ../NAME.mtl
// Positions in cm (OBJ has no unit; the header comment says so), +y up.
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

struct ObjSetOptions {
    bool texture = true;         ///< write NAME.png + the material (when the rig has an albedo)
    bool dynamic_albedo = true;  ///< per-shape textures (when the rig has dynamic maps)
    bool normals = true;         ///< vn lines (neutral normals; shapes get their own)
};

/// Writes the set into `folder` (created if needed); file names start with the rig's name.
/// Throws ExportError; core::Cancelled between files when progress asks to stop (files already
/// written stay, each complete).
ExportedFiles write_obj_set(const core::BlendshapeRig& rig, const std::string& folder,
                            const ObjSetOptions& options = {}, const core::Progress& progress = {});

}  // namespace likeness::io

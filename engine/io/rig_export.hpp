#pragma once
// One entry point for every export the product offers (File -> Export... and
// `likeness export`): a format, what to export and where. The writers behind it (gltf_writer,
// fbx_writer, obj_set_writer, live_link_csv, take_json) can also be called directly.
#include <optional>
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

enum class ExportFormat { kGltf, kGlb, kFbx, kObj, kCsv, kJson };

/// "gltf", "glb", "fbx", "obj", "csv", "json" (case-insensitive), or nullopt.
std::optional<ExportFormat> parse_export_format(const std::string& text);
const char* export_format_name(ExportFormat format);
/// The file extension a format's main output gets (".gltf", ..., "" for the OBJ folder).
const char* export_extension(ExportFormat format);
/// True for formats that write a rig (gltf, glb, fbx, obj); csv and json write only a take.
bool exports_rig(ExportFormat format);

struct ExportRequest {
    ExportFormat format = ExportFormat::kGlb;
    /// The rig: needed by gltf/glb/fbx/obj, ignored by csv/json.
    const core::BlendshapeRig* rig = nullptr;
    /// The take: optional for gltf/glb/fbx (animation), needed by csv/json, ignored by obj.
    const core::Take* take = nullptr;
    /// A file for every format but obj, whose path is a folder.
    std::string path;
    HeadMotion head_motion = HeadMotion::kCameraSpace;
    bool texture = true;         ///< albedo textures (gltf, glb, fbx, obj)
    bool dynamic_albedo = true;  ///< per-shape textures (obj), when the rig has them
};

/// Runs the export. Throws ExportError naming what is missing (a rig for fbx, a take for csv)
/// or what failed; core::Cancelled when progress asks to stop.
ExportedFiles export_files(const ExportRequest& request, const core::Progress& progress = {});

}  // namespace likeness::io

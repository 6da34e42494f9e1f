#include "engine/io/rig_export.hpp"

#include <algorithm>
#include <cctype>

#include "engine/io/export_error.hpp"
#include "engine/io/fbx_writer.hpp"
#include "engine/io/gltf_writer.hpp"
#include "engine/io/live_link_csv.hpp"
#include "engine/io/obj_set_writer.hpp"
#include "engine/io/take_json.hpp"

namespace likeness::io {

std::optional<ExportFormat> parse_export_format(const std::string& text) {
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (ExportFormat f : {ExportFormat::kGltf, ExportFormat::kGlb, ExportFormat::kFbx,
                           ExportFormat::kObj, ExportFormat::kCsv, ExportFormat::kJson})
        if (t == export_format_name(f)) return f;
    return std::nullopt;
}

const char* export_format_name(ExportFormat format) {
    switch (format) {
        case ExportFormat::kGltf:
            return "gltf";
        case ExportFormat::kGlb:
            return "glb";
        case ExportFormat::kFbx:
            return "fbx";
        case ExportFormat::kObj:
            return "obj";
        case ExportFormat::kCsv:
            return "csv";
        case ExportFormat::kJson:
            return "json";
    }
    return "?";
}

const char* export_extension(ExportFormat format) {
    switch (format) {
        case ExportFormat::kGltf:
            return ".gltf";
        case ExportFormat::kGlb:
            return ".glb";
        case ExportFormat::kFbx:
            return ".fbx";
        case ExportFormat::kObj:
            return "";
        case ExportFormat::kCsv:
            return ".csv";
        case ExportFormat::kJson:
            return ".json";
    }
    return "";
}

bool exports_rig(ExportFormat format) {
    return format == ExportFormat::kGltf || format == ExportFormat::kGlb ||
           format == ExportFormat::kFbx || format == ExportFormat::kObj;
}

ExportedFiles export_files(const ExportRequest& r, const core::Progress& progress) {
    const char* name = export_format_name(r.format);
    if (exports_rig(r.format) && !r.rig)
        throw ExportError(std::string("a ") + name + " export needs a rig");
    if (!exports_rig(r.format) && !r.take)
        throw ExportError(std::string("a ") + name + " export needs a take");
    switch (r.format) {
        case ExportFormat::kGltf:
        case ExportFormat::kGlb: {
            GltfOptions o;
            o.binary = r.format == ExportFormat::kGlb;
            o.texture = r.texture;
            o.head_motion = r.head_motion;
            return write_gltf(*r.rig, r.take, r.path, o, progress);
        }
        case ExportFormat::kFbx: {
            FbxOptions o;
            o.texture = r.texture;
            o.head_motion = r.head_motion;
            return write_fbx(*r.rig, r.take, r.path, o, progress);
        }
        case ExportFormat::kObj: {
            ObjSetOptions o;
            o.texture = r.texture;
            o.dynamic_albedo = r.dynamic_albedo;
            return write_obj_set(*r.rig, r.path, o, progress);
        }
        case ExportFormat::kCsv:
            return write_live_link_csv(*r.take, r.path, progress);
        case ExportFormat::kJson:
            return write_take_json(*r.take, r.path, progress);
    }
    throw ExportError("unknown export format");
}

}  // namespace likeness::io

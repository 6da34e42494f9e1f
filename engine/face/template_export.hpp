#pragma once
// Writing a TemplateRig to a folder a person can open: OBJ meshes (with UVs), PNG maps and a
// JSON report (`likeness template`).
#include <string>

#include "engine/face/ict_comparison.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::face {

/// Per-shape and overall numbers of a template, plus the ICT table when `ict` is given, as a
/// JSON document (vertex/triangle counts, per-shape max displacement in cm, attention region
/// sizes, left/right symmetry errors, parsing-map region sizes).
std::string template_report_json(const TemplateRig& rig, const IctComparison* ict);

/// Largest |mirror(dS_left)(v) - dS_right(mirror(v))| over vertices (cm) for a Left/Right
/// pair of shapes (indices into rig.deltas).
float mirror_error_cm(const TemplateRig& rig, int left, int right);

/// Writes into `folder` (created if needed): the OBJ set of io::write_obj_set (neutral.obj +
/// neutral.mtl -> neutral.png with the mean albedo R0, shapes/<name>.obj = S0 + dS_i, same
/// topology and UVs), masks/<name>.png (A_i, 16-bit grey), parsing_map.png (label values),
/// parsing_preview.png (colours) and report.json. Throws TemplateError when a file cannot be
/// written.
void write_template_folder(const TemplateRig& rig, const std::string& folder,
                           const IctComparison* ict = nullptr);

}  // namespace likeness::face

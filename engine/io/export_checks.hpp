#pragma once
// Checks every exporter runs first, so a bad rig or take fails with a message before any file
// is touched.
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/take.hpp"

namespace likeness::io {

/// Throws ExportError when rig.is_valid() fails (message prefixed with the rig's name).
void check_rig(const core::BlendshapeRig& rig);
/// Throws ExportError when take.is_valid() fails (message prefixed with the take's name).
void check_take(const core::Take& take);
/// `path` with its extension replaced by `extension` (which includes the dot).
std::string replace_extension(const std::string& path, const std::string& extension);
/// The file name of `path` without folder and extension ("out/face.glb" -> "face").
std::string stem_of(const std::string& path);

}  // namespace likeness::io

#pragma once
// Characters given as OBJ: one file, or a folder of OBJs on one topology: a neutral plus one file
// per shape whose file name is the shape name (ICT-FaceKit ships its expressions this way; so do
// many scan-based rigs). Files with another vertex count are skipped and listed in the warnings.
#include <string>

#include "engine/retarget/character.hpp"

namespace likeness::retarget {

/// One OBJ file as a character without shapes, read by our own reader so that the file's
/// vertex order is kept (Character::file_vertex) for landmark lists written against it.
/// `position_count` receives the number of "v" lines. Throws RetargetError.
Character import_obj_character(const std::string& path, const CharacterImportOptions& options,
                               int* position_count = nullptr);

/// Throws RetargetError (no OBJ, no or several candidate neutrals, unreadable neutral);
/// core::Cancelled when progress asks to stop.
Character import_shape_folder(const std::string& folder, const CharacterImportOptions& options,
                              const core::Progress& progress = {});

}  // namespace likeness::retarget

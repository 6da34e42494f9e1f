#pragma once
// Characters from one file through assimp (FBX, glTF/GLB, DAE, OBJ, ...): every mesh of the
// scene in bind pose, vertices welded where the file splits them per face corner (FBX) but kept
// apart where UVs differ, morph targets merged by name across meshes. See character.hpp.
#include <string>

#include "engine/retarget/character.hpp"

namespace likeness::retarget {

/// Throws RetargetError; core::Cancelled when progress asks to stop.
Character import_assimp_character(const std::string& path, const CharacterImportOptions& options,
                                  const core::Progress& progress = {});

}  // namespace likeness::retarget

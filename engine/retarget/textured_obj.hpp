#pragma once
// Wavefront OBJ for characters given as a folder of per-shape OBJs: the neutral with its UVs
// and materials, vertices split where UVs are (one vertex per position/UV pair, as exporters
// need), each vertex remembering its position in the file's "v" order so that shape files,
// which list the same positions in the same order, map onto it.
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/retarget/character.hpp"

namespace likeness::retarget {

struct TexturedObj {
    /// V #V by 3 (file units), F #F by 3 (polygons fan-triangulated, winding kept), UV #V by 2
    /// when every face corner has a "vt" (0 rows otherwise).
    core::Mesh mesh;
    std::vector<int> position_of;  ///< #V: the vertex's index among the file's "v" lines
    int position_count = 0;        ///< "v" lines in the file
    std::vector<std::string> material_libraries;  ///< "mtllib" names, as written
    std::vector<std::string> material_names;      ///< "usemtl" names, first-use order
    std::vector<int> triangle_material;           ///< #F: index into material_names, or -1
};

/// Reads positions, UVs, faces and material names. Throws RetargetError naming the file and
/// line for bad indices, non-finite numbers or a file without faces.
TexturedObj read_textured_obj(const std::string& path);

/// The "v" positions of an OBJ in file order (#P by 3), nothing else. Throws RetargetError.
core::MatrixX3fR read_obj_positions(const std::string& path);

/// The materials of an MTL file: newmtl name, Kd colour, map_Kd texture. Missing file: empty.
std::vector<CharacterMaterial> read_mtl(const std::string& path);

}  // namespace likeness::retarget

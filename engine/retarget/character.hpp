#pragma once
// Character: an imported face rig that a take drives — the mesh (meshes merged, bind pose), its
// UVs and main texture, and its blend shapes (morph targets) by name, as a BlendshapeRig in
// centimetres. Read from FBX, glTF/GLB, DAE (and what else assimp reads), from OBJ (our own
// reader, which keeps the file's vertex order) or from a folder of OBJs on one topology (a
// neutral plus one file per shape, shape names from the file names, as ICT-FaceKit ships its
// expressions).
//
// Character files are user input: anything missing, malformed or unsupported gives
// RetargetError with a message naming the file and what to do, never a crash. Things a user
// should know but that do not stop the import (a texture that is not found, a file in the shape
// folder with another topology, a second texture that the rig cannot carry) are listed in
// Character::warnings.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"

namespace likeness::retarget {

struct CharacterMaterial {
    std::string name;
    Eigen::Vector3f diffuse{0.8f, 0.8f, 0.8f};  ///< diffuse colour, RGB in [0,1]
    std::string texture;    ///< diffuse / base-colour texture as the file names it, or empty
    bool embedded = false;  ///< the texture is inside the file
    int triangles = 0;      ///< triangles that use the material
};

struct Character {
    /// neutral: V #V by 3 in cm in the file's model frame (node transforms applied; skinned
    /// meshes in bind pose), F #F by 3, UV #V by 2 when every mesh has UVs, N #V by 3 when every
    /// mesh has normals; vertices are split where UVs are (one vertex per position and UV).
    /// shape_names / deltas: the morph targets, meshes sharing a target name merged into one
    /// shape; albedo: the main material's texture (CV_32FC3 RGB, square) or empty.
    core::BlendshapeRig rig;
    std::string path;
    std::string format;       ///< "fbx", "gltf", "glb", "dae", "obj", "obj-folder", ...
    float cm_per_unit = 1.f;  ///< the scale that brought the file's unit to cm
    int mesh_count = 0;       ///< meshes merged into rig.neutral
    bool skinned = false;     ///< some mesh is bound to bones (imported in bind pose)
    std::vector<CharacterMaterial> materials;
    int main_material = -1;  ///< the material whose texture became rig.albedo, or -1
    std::vector<std::string> warnings;
    /// #V: each vertex's index in the file's own vertex list ("v" order of a shape folder's
    /// neutral), so that landmark lists written for the file (ICT-FaceKit's vertex_indices.json)
    /// find their vertices; empty when the format has no such list (then indices are ours).
    std::vector<int> file_vertex;

    bool has_shapes() const { return rig.shape_count() > 0; }
};

/// The first vertex whose file index is `file_index` (identity when file_vertex is empty), or
/// -1 when there is none.
int vertex_of_file_index(const Character& character, int file_index);

struct CharacterImportOptions {
    /// Centimetres per file unit; 0: from the format (glTF and DAE are metres, FBX states its
    /// unit, OBJ has none and is taken as cm).
    float cm_per_unit = 0.f;
    /// Shape folders: the file stem of the neutral; empty: the one file whose stem contains
    /// "neutral" (else "base", "basis", "rest" or "default").
    std::string neutral_name;
    bool load_texture = true;
    /// Largest side of the albedo kept (larger textures are downsampled).
    int max_texture_size = 4096;

    bool is_valid(std::string* error) const;
};

/// Imports a character file or shape folder. Throws RetargetError; core::Cancelled when
/// progress asks to stop.
Character import_character(const std::string& path, const CharacterImportOptions& options = {},
                           const core::Progress& progress = {});

/// The character as a report line: "NAME: V vertices, F triangles, N shapes, FORMAT".
std::string describe(const Character& character);

}  // namespace likeness::retarget

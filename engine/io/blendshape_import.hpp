#pragma once
// Reading blend-shape rigs (FBX, glTF/GLB, ...) through assimp: the first mesh that has morph
// targets, its targets as named shapes, its material's diffuse texture, and a summary of the
// file's animations. Used to check our own exports (tests) and, later, to import characters
// for retargeting. Imported files are user input: malformed ones give MeshImportError.
//
// Vertices are as assimp delivers them, which is not always the file's vertex list: glTF keeps
// it, FBX is expanded to one vertex per face corner. Positions are in the file's unit (glTF
// metres, our FBX cm) in the mesh's own frame (node transforms not applied).
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"

namespace likeness::io {

struct ImportedAnimation {
    std::string name;
    double duration_s = 0.0;
    double ticks_per_second = 0.0;
    int morph_channels = 0;      ///< meshes with animated weights
    int morph_keys = 0;          ///< keys of the longest morph channel
    int node_channels = 0;       ///< nodes with animated transforms
    int node_rotation_keys = 0;  ///< keys of the longest rotation channel
    int node_position_keys = 0;  ///< keys of the longest position channel
    /// Per morph key of the first morph channel: target index -> weight (for spot checks).
    std::vector<std::vector<std::pair<unsigned, double>>> first_channel_keys;
};

struct ImportedBlendshapeRig {
    /// neutral (V, F, UV when present), shape_names and deltas (target - base, file unit).
    core::BlendshapeRig rig;
    int mesh_count = 0;             ///< meshes in the file
    std::string diffuse_texture;    ///< the material's diffuse/base-colour texture path or "*0"
    bool embedded_texture = false;  ///< the texture is inside the file
    std::vector<ImportedAnimation> animations;
};

/// Throws MeshImportError (mesh_import.hpp) when the file cannot be read or has no mesh.
ImportedBlendshapeRig import_blendshape_rig(const std::string& path);

}  // namespace likeness::io

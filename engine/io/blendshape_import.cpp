#include "engine/io/blendshape_import.hpp"

#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <assimp/Importer.hpp>
#include <filesystem>

#include "engine/io/mesh_import.hpp"

namespace likeness::io {
namespace {

const aiMesh* pick_mesh(const aiScene& scene) {
    for (unsigned m = 0; m < scene.mNumMeshes; ++m)
        if (scene.mMeshes[m] && scene.mMeshes[m]->mNumAnimMeshes > 0) return scene.mMeshes[m];
    return scene.mNumMeshes > 0 ? scene.mMeshes[0] : nullptr;
}

ImportedAnimation summarize(const aiAnimation& a) {
    ImportedAnimation out;
    out.name = a.mName.C_Str();
    out.ticks_per_second = a.mTicksPerSecond;
    out.duration_s = a.mTicksPerSecond > 0 ? a.mDuration / a.mTicksPerSecond : a.mDuration;
    out.morph_channels = static_cast<int>(a.mNumMorphMeshChannels);
    for (unsigned c = 0; c < a.mNumMorphMeshChannels; ++c) {
        const aiMeshMorphAnim& ch = *a.mMorphMeshChannels[c];
        out.morph_keys = std::max(out.morph_keys, static_cast<int>(ch.mNumKeys));
        if (c != 0) continue;
        for (unsigned k = 0; k < ch.mNumKeys; ++k) {
            const aiMeshMorphKey& key = ch.mKeys[k];
            std::vector<std::pair<unsigned, double>> weights;
            for (unsigned v = 0; v < key.mNumValuesAndWeights; ++v)
                weights.emplace_back(key.mValues[v], key.mWeights[v]);
            out.first_channel_keys.push_back(std::move(weights));
        }
    }
    out.node_channels = static_cast<int>(a.mNumChannels);
    for (unsigned c = 0; c < a.mNumChannels; ++c) {
        out.node_rotation_keys =
            std::max(out.node_rotation_keys, static_cast<int>(a.mChannels[c]->mNumRotationKeys));
        out.node_position_keys =
            std::max(out.node_position_keys, static_cast<int>(a.mChannels[c]->mNumPositionKeys));
    }
    return out;
}

}  // namespace

ImportedBlendshapeRig import_blendshape_rig(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw MeshImportError("'" + path + "' does not exist");
    Assimp::Importer importer;
    // No joining or reordering: vertex i must stay the file's vertex i.
    const aiScene* scene = importer.ReadFile(path, aiProcess_ValidateDataStructure);
    if (!scene || !scene->mRootNode)
        throw MeshImportError("'" + path + "' cannot be read: " + importer.GetErrorString());
    const aiMesh* mesh = pick_mesh(*scene);
    if (!mesh) throw MeshImportError("'" + path + "' contains no mesh");

    ImportedBlendshapeRig out;
    out.mesh_count = static_cast<int>(scene->mNumMeshes);
    core::BlendshapeRig& rig = out.rig;
    rig.name = mesh->mName.C_Str();
    const Eigen::Index nv = mesh->mNumVertices;
    rig.neutral.V.resize(nv, 3);
    for (Eigen::Index v = 0; v < nv; ++v)
        rig.neutral.V.row(v) << mesh->mVertices[v].x, mesh->mVertices[v].y, mesh->mVertices[v].z;
    if (mesh->HasTextureCoords(0)) {
        rig.neutral.UV.resize(nv, 2);
        for (Eigen::Index v = 0; v < nv; ++v)
            rig.neutral.UV.row(v) << mesh->mTextureCoords[0][v].x, mesh->mTextureCoords[0][v].y;
    }
    if (mesh->HasNormals()) {
        rig.neutral.N.resize(nv, 3);
        for (Eigen::Index v = 0; v < nv; ++v)
            rig.neutral.N.row(v) << mesh->mNormals[v].x, mesh->mNormals[v].y, mesh->mNormals[v].z;
    }
    std::vector<Eigen::Vector3i> faces;
    for (unsigned f = 0; f < mesh->mNumFaces; ++f)
        if (mesh->mFaces[f].mNumIndices == 3)
            faces.emplace_back(mesh->mFaces[f].mIndices[0], mesh->mFaces[f].mIndices[1],
                               mesh->mFaces[f].mIndices[2]);
    rig.neutral.F.resize(static_cast<Eigen::Index>(faces.size()), 3);
    for (size_t f = 0; f < faces.size(); ++f)
        rig.neutral.F.row(static_cast<Eigen::Index>(f)) = faces[f].transpose();

    for (unsigned a = 0; a < mesh->mNumAnimMeshes; ++a) {
        const aiAnimMesh& am = *mesh->mAnimMeshes[a];
        if (!am.mVertices || am.mNumVertices != mesh->mNumVertices) continue;
        rig.shape_names.push_back(am.mName.C_Str());
        core::MatrixX3fR d(nv, 3);
        for (Eigen::Index v = 0; v < nv; ++v)
            d.row(v) << am.mVertices[v].x - mesh->mVertices[v].x,
                am.mVertices[v].y - mesh->mVertices[v].y, am.mVertices[v].z - mesh->mVertices[v].z;
        rig.deltas.push_back(std::move(d));
    }

    if (mesh->mMaterialIndex < scene->mNumMaterials) {
        const aiMaterial& material = *scene->mMaterials[mesh->mMaterialIndex];
        aiString texture;
        if (material.GetTexture(aiTextureType_DIFFUSE, 0, &texture) == AI_SUCCESS ||
            material.GetTexture(aiTextureType_BASE_COLOR, 0, &texture) == AI_SUCCESS) {
            out.diffuse_texture = texture.C_Str();
            out.embedded_texture = scene->GetEmbeddedTexture(texture.C_Str()) != nullptr;
        }
    }
    for (unsigned a = 0; a < scene->mNumAnimations; ++a)
        out.animations.push_back(summarize(*scene->mAnimations[a]));
    return out;
}

}  // namespace likeness::io

#include "engine/io/mesh_import.hpp"

#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <assimp/Importer.hpp>
#include <cmath>
#include <filesystem>
#include <vector>

namespace likeness::io {
namespace {

// Refuse meshes beyond this size: a viewport and the solvers have no use for them, and a
// malformed header must not make us allocate gigabytes.
constexpr size_t kMaxVertices = 20'000'000;

struct Gather {
    std::vector<Eigen::Vector3f> positions, normals;
    std::vector<Eigen::Vector2f> uvs;
    std::vector<Eigen::Vector3i> faces;
    bool all_have_uv = true;
};

void gather_node(const aiScene& scene, const aiNode& node, const aiMatrix4x4& parent, Gather& g) {
    const aiMatrix4x4 transform = parent * node.mTransformation;
    aiMatrix3x3 normal_transform(transform);
    normal_transform.Inverse().Transpose();
    for (unsigned m = 0; m < node.mNumMeshes; ++m) {
        if (node.mMeshes[m] >= scene.mNumMeshes) throw MeshImportError("mesh index out of range");
        const aiMesh& mesh = *scene.mMeshes[node.mMeshes[m]];
        if (!(mesh.mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;  // points/lines only
        const int base = static_cast<int>(g.positions.size());
        if (g.positions.size() + mesh.mNumVertices > kMaxVertices)
            throw MeshImportError("the file has more than " + std::to_string(kMaxVertices) +
                                  " vertices");
        const bool has_uv = mesh.HasTextureCoords(0);
        g.all_have_uv = g.all_have_uv && has_uv;
        for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
            const aiVector3D p = transform * mesh.mVertices[v];
            g.positions.emplace_back(p.x, p.y, p.z);
            aiVector3D n = mesh.HasNormals() ? normal_transform * mesh.mNormals[v] : aiVector3D();
            n.NormalizeSafe();
            g.normals.emplace_back(n.x, n.y, n.z);
            g.uvs.emplace_back(
                has_uv ? Eigen::Vector2f(mesh.mTextureCoords[0][v].x, mesh.mTextureCoords[0][v].y)
                       : Eigen::Vector2f::Zero());
        }
        for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
            const aiFace& face = mesh.mFaces[f];
            if (face.mNumIndices != 3) continue;  // points and lines mixed into the mesh
            Eigen::Vector3i tri;
            for (int k = 0; k < 3; ++k) {
                if (face.mIndices[k] >= mesh.mNumVertices)
                    throw MeshImportError("a face refers to vertex " +
                                          std::to_string(face.mIndices[k]) + " of " +
                                          std::to_string(mesh.mNumVertices));
                tri[k] = base + static_cast<int>(face.mIndices[k]);
            }
            g.faces.push_back(tri);
        }
    }
    for (unsigned c = 0; c < node.mNumChildren; ++c) {
        if (!node.mChildren[c]) throw MeshImportError("the scene graph is malformed");
        gather_node(scene, *node.mChildren[c], transform, g);
    }
}

}  // namespace

core::Mesh import_mesh(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw MeshImportError("'" + path + "' does not exist");
    if (std::filesystem::file_size(path, ec) == 0)
        throw MeshImportError("'" + path + "' is an empty file");

    Assimp::Importer importer;
    const unsigned flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices |
                           aiProcess_GenSmoothNormals | aiProcess_SortByPType |
                           aiProcess_ValidateDataStructure;
    const aiScene* scene = importer.ReadFile(path, flags);
    if (!scene || !scene->mRootNode || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE))
        throw MeshImportError("'" + path +
                              "' cannot be read as a mesh: " + importer.GetErrorString());

    Gather g;
    gather_node(*scene, *scene->mRootNode, aiMatrix4x4(), g);
    if (g.faces.empty()) throw MeshImportError("'" + path + "' contains no triangles");

    core::Mesh mesh;
    mesh.name = std::filesystem::path(path).stem().string();
    const auto nv = static_cast<Eigen::Index>(g.positions.size());
    mesh.V.resize(nv, 3);
    mesh.N.resize(nv, 3);
    for (Eigen::Index v = 0; v < nv; ++v) {
        if (!g.positions[v].allFinite())
            throw MeshImportError("'" + path + "' has a vertex with a non-finite coordinate");
        mesh.V.row(v) = g.positions[v].transpose();
        mesh.N.row(v) = g.normals[v].transpose();
    }
    if (g.all_have_uv) {
        mesh.UV.resize(nv, 2);
        for (Eigen::Index v = 0; v < nv; ++v)
            mesh.UV.row(v) = g.uvs[v].transpose();
    }
    mesh.F.resize(static_cast<Eigen::Index>(g.faces.size()), 3);
    for (size_t f = 0; f < g.faces.size(); ++f)
        mesh.F.row(f) = g.faces[f].transpose();
    return mesh;
}

}  // namespace likeness::io

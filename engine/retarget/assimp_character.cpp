#include "engine/retarget/assimp_character.hpp"

#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <assimp/Importer.hpp>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <unordered_map>

#include "engine/retarget/character_texture.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

// Refuse scenes beyond these sizes: a face rig has no use for them, and a malformed header must
// not make us allocate gigabytes.
constexpr size_t kMaxVertices = 20'000'000;
constexpr size_t kMaxShapeValues = 300'000'000;  // shapes x vertices (x 3 floats: 3.6 GB)

/// One mesh instance of the scene, welded, in the file's unit with node transforms applied.
struct Piece {
    std::vector<Eigen::Vector3f> positions, normals;
    std::vector<Eigen::Vector2f> uvs;
    std::vector<Eigen::Vector3i> triangles;  ///< piece-local vertex indices
    bool has_uv = false, has_normals = false;
    unsigned material = 0;
    std::vector<std::pair<std::string, std::vector<Eigen::Vector3f>>> shapes;  ///< name, deltas
};

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext.empty() ? ext : ext.substr(1);
}

float unit_scale_from_format(const std::string& format, const aiScene& scene) {
    if (format == "gltf" || format == "glb" || format == "dae") return 100.f;  // metres
    if (format == "fbx" && scene.mMetaData) {
        double d = 0.0;
        float f = 0.f;
        if (scene.mMetaData->Get("UnitScaleFactor", d) && d > 0.0) return static_cast<float>(d);
        if (scene.mMetaData->Get("UnitScaleFactor", f) && f > 0.f) return f;
    }
    return 1.f;
}

/// Hash of a vertex's position and UV bits, for welding identical corners.
struct CornerKey {
    float x, y, z, u, v;
    bool operator==(const CornerKey& o) const { return std::memcmp(this, &o, sizeof(*this)) == 0; }
};
struct CornerHash {
    size_t operator()(const CornerKey& k) const {
        size_t h = 1469598103934665603ull;
        const auto* bytes = reinterpret_cast<const unsigned char*>(&k);
        for (size_t i = 0; i < sizeof(k); ++i)
            h = (h ^ bytes[i]) * 1099511628211ull;
        return h;
    }
};

Piece read_piece(const aiMesh& mesh, const aiMatrix4x4& transform, const std::string& path,
                 std::vector<std::string>* warnings) {
    Piece piece;
    piece.material = mesh.mMaterialIndex;
    piece.has_uv = mesh.HasTextureCoords(0);
    piece.has_normals = mesh.HasNormals();
    aiMatrix3x3 normal_transform(transform);
    normal_transform.Inverse().Transpose();
    const aiMatrix3x3 linear(transform);

    // Morph targets with a full set of positions; their deltas follow the node's linear part.
    std::vector<const aiAnimMesh*> targets;
    for (unsigned a = 0; a < mesh.mNumAnimMeshes; ++a) {
        const aiAnimMesh* am = mesh.mAnimMeshes[a];
        if (!am || !am->mVertices || am->mNumVertices != mesh.mNumVertices) {
            warnings->push_back("'" + path + "': a morph target of mesh '" + mesh.mName.C_Str() +
                                "' has no positions for every vertex and was skipped");
            continue;
        }
        targets.push_back(am);
    }
    auto delta = [&](const aiAnimMesh& am, unsigned v) {
        const aiVector3D d = linear * (am.mVertices[v] - mesh.mVertices[v]);
        return Eigen::Vector3f(d.x, d.y, d.z);
    };

    // Weld corners that agree in position, UV and every target (FBX stores one per corner).
    std::unordered_map<CornerKey, std::vector<int>, CornerHash> seen;
    std::vector<int> welded(mesh.mNumVertices);
    std::vector<unsigned> source;  // piece vertex -> mesh vertex
    for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
        const aiVector3D& p = mesh.mVertices[v];
        const aiVector3D uv = piece.has_uv ? mesh.mTextureCoords[0][v] : aiVector3D();
        std::vector<int>& bucket = seen[CornerKey{p.x, p.y, p.z, uv.x, uv.y}];
        int match = -1;
        for (int w : bucket) {
            bool same = true;
            for (const aiAnimMesh* am : targets)
                same = same && am->mVertices[v] == am->mVertices[source[static_cast<size_t>(w)]];
            if (same) {
                match = w;
                break;
            }
        }
        if (match < 0) {
            match = static_cast<int>(source.size());
            bucket.push_back(match);
            source.push_back(v);
        }
        welded[v] = match;
    }

    for (unsigned v : source) {
        const aiVector3D p = transform * mesh.mVertices[v];
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
            throw RetargetError("'" + path + "' has a vertex with a non-finite coordinate");
        piece.positions.emplace_back(p.x, p.y, p.z);
        if (piece.has_normals) {
            aiVector3D n = normal_transform * mesh.mNormals[v];
            n.NormalizeSafe();
            piece.normals.emplace_back(n.x, n.y, n.z);
        }
        if (piece.has_uv)
            piece.uvs.emplace_back(mesh.mTextureCoords[0][v].x, mesh.mTextureCoords[0][v].y);
    }
    for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
        const aiFace& face = mesh.mFaces[f];
        if (face.mNumIndices < 3) continue;  // points and lines
        for (unsigned k = 0; k < face.mNumIndices; ++k)
            if (face.mIndices[k] >= mesh.mNumVertices)
                throw RetargetError("'" + path + "': a face of mesh '" + mesh.mName.C_Str() +
                                    "' refers to a vertex that does not exist");
        for (unsigned k = 1; k + 1 < face.mNumIndices; ++k)  // fan
            piece.triangles.emplace_back(welded[face.mIndices[0]], welded[face.mIndices[k]],
                                         welded[face.mIndices[k + 1]]);
    }
    for (size_t t = 0; t < targets.size(); ++t) {
        std::string name = targets[t]->mName.C_Str();
        if (name.empty()) name = std::string(mesh.mName.C_Str()) + "_target" + std::to_string(t);
        std::vector<Eigen::Vector3f> d;
        d.reserve(source.size());
        for (unsigned v : source) {
            d.push_back(delta(*targets[t], v));
            if (!d.back().allFinite())
                throw RetargetError("'" + path + "': morph target '" + name +
                                    "' has a non-finite coordinate");
        }
        piece.shapes.emplace_back(std::move(name), std::move(d));
    }
    return piece;
}

void gather(const aiScene& scene, const aiNode& node, const aiMatrix4x4& parent,
            const std::string& path, int depth, std::vector<Piece>* pieces, size_t* vertices,
            std::vector<std::string>* warnings, const core::Progress& progress) {
    if (depth > 1000) throw RetargetError("'" + path + "': the scene graph is too deep");
    progress.check();
    const aiMatrix4x4 transform = parent * node.mTransformation;
    for (unsigned m = 0; m < node.mNumMeshes; ++m) {
        if (node.mMeshes[m] >= scene.mNumMeshes || !scene.mMeshes[node.mMeshes[m]])
            throw RetargetError("'" + path + "': a node refers to a mesh that does not exist");
        const aiMesh& mesh = *scene.mMeshes[node.mMeshes[m]];
        if (!(mesh.mPrimitiveTypes & (aiPrimitiveType_TRIANGLE | aiPrimitiveType_POLYGON)))
            continue;
        *vertices += mesh.mNumVertices;
        if (*vertices > kMaxVertices)
            throw RetargetError("'" + path + "' has more than " + std::to_string(kMaxVertices) +
                                " vertices");
        pieces->push_back(read_piece(mesh, transform, path, warnings));
        if (pieces->back().triangles.empty()) pieces->pop_back();
    }
    for (unsigned c = 0; c < node.mNumChildren; ++c) {
        if (!node.mChildren[c]) throw RetargetError("'" + path + "': the scene graph is malformed");
        gather(scene, *node.mChildren[c], transform, path, depth + 1, pieces, vertices, warnings,
               progress);
    }
}

std::vector<CharacterMaterial> read_materials(const aiScene& scene) {
    std::vector<CharacterMaterial> out;
    for (unsigned m = 0; m < scene.mNumMaterials; ++m) {
        CharacterMaterial cm;
        const aiMaterial* material = scene.mMaterials[m];
        if (!material) {
            out.push_back(cm);
            continue;
        }
        aiString name;
        if (material->Get(AI_MATKEY_NAME, name) == AI_SUCCESS) cm.name = name.C_Str();
        aiColor3D colour;
        if (material->Get(AI_MATKEY_COLOR_DIFFUSE, colour) == AI_SUCCESS)
            cm.diffuse = Eigen::Vector3f(colour.r, colour.g, colour.b);
        aiString texture;
        if (material->GetTexture(aiTextureType_BASE_COLOR, 0, &texture) == AI_SUCCESS ||
            material->GetTexture(aiTextureType_DIFFUSE, 0, &texture) == AI_SUCCESS) {
            cm.texture = texture.C_Str();
            cm.embedded = scene.GetEmbeddedTexture(texture.C_Str()) != nullptr;
        }
        out.push_back(cm);
    }
    return out;
}

cv::Mat load_texture(const aiScene& scene, const std::string& path, const CharacterMaterial& m,
                     int max_size) {
    if (m.embedded) {
        const aiTexture* t = scene.GetEmbeddedTexture(m.texture.c_str());
        if (!t || !t->pcData) return {};
        if (t->mHeight == 0) {  // compressed (PNG, JPEG, ...): mWidth bytes
            const cv::Mat bytes(1, static_cast<int>(t->mWidth), CV_8U,
                                const_cast<aiTexel*>(t->pcData));
            return albedo_from_pixels(cv::imdecode(bytes, cv::IMREAD_UNCHANGED), max_size);
        }
        // aiTexel is b, g, r, a: a BGRA image.
        const cv::Mat bgra(static_cast<int>(t->mHeight), static_cast<int>(t->mWidth), CV_8UC4,
                           const_cast<aiTexel*>(t->pcData));
        return albedo_from_pixels(bgra.clone(), max_size);
    }
    const std::string file = find_texture_file(path, m.texture);
    return file.empty() ? cv::Mat() : read_albedo(file, max_size);
}

}  // namespace

Character import_assimp_character(const std::string& path, const CharacterImportOptions& options,
                                  const core::Progress& progress) {
    Character ch;
    ch.path = path;
    ch.format = lower_extension(path);
    progress.report(0.0, "reading " + std::filesystem::path(path).filename().string());

    Assimp::Importer importer;
    // No joining, splitting or reordering by assimp: welding below keeps morph targets intact.
    const aiScene* scene = importer.ReadFile(path, aiProcess_ValidateDataStructure);
    if (!scene || !scene->mRootNode)
        throw RetargetError("'" + path + "' cannot be read as a character (" +
                            importer.GetErrorString() +
                            "). Characters are FBX, glTF/GLB, DAE or OBJ files, or a folder of "
                            "OBJs (a neutral and one file per shape).");
    progress.report(0.4, "merging meshes");

    std::vector<Piece> pieces;
    size_t total = 0;
    gather(*scene, *scene->mRootNode, aiMatrix4x4(), path, 0, &pieces, &total, &ch.warnings,
           progress);
    if (pieces.empty())
        throw RetargetError("'" + path +
                            "' contains no mesh with faces (points and lines only, "
                            "or an empty scene)");
    ch.mesh_count = static_cast<int>(pieces.size());
    for (unsigned m = 0; m < scene->mNumMeshes; ++m)
        ch.skinned = ch.skinned || (scene->mMeshes[m] && scene->mMeshes[m]->HasBones());
    ch.cm_per_unit =
        options.cm_per_unit > 0.f ? options.cm_per_unit : unit_scale_from_format(ch.format, *scene);
    ch.materials = read_materials(*scene);

    // Shapes by name across pieces, first-seen order.
    std::vector<std::string> names;
    std::map<std::string, int> index_of;
    size_t nv = 0, nf = 0;
    bool all_uv = true, all_normals = true;
    for (const Piece& p : pieces) {
        nv += p.positions.size();
        nf += p.triangles.size();
        all_uv = all_uv && p.has_uv;
        all_normals = all_normals && p.has_normals;
        for (const auto& [name, d] : p.shapes)
            if (index_of.emplace(name, static_cast<int>(names.size())).second)
                names.push_back(name);
    }
    if (names.size() * nv > kMaxShapeValues)
        throw RetargetError("'" + path + "' has " + std::to_string(names.size()) + " shapes on " +
                            std::to_string(nv) + " vertices, more than Likeness can hold");

    core::BlendshapeRig& rig = ch.rig;
    rig.name = std::filesystem::path(path).stem().string();
    const auto n = static_cast<Eigen::Index>(nv);
    rig.neutral.V.resize(n, 3);
    rig.neutral.F.resize(static_cast<Eigen::Index>(nf), 3);
    if (all_uv) rig.neutral.UV.resize(n, 2);
    if (all_normals) rig.neutral.N.resize(n, 3);
    rig.shape_names = names;
    rig.deltas.assign(names.size(), core::MatrixX3fR::Zero(n, 3));
    std::vector<int> triangles_per_material(ch.materials.size(), 0);
    Eigen::Index v0 = 0, f0 = 0;
    for (const Piece& p : pieces) {
        for (size_t v = 0; v < p.positions.size(); ++v) {
            const auto row = v0 + static_cast<Eigen::Index>(v);
            rig.neutral.V.row(row) = ch.cm_per_unit * p.positions[v].transpose();
            if (all_uv) rig.neutral.UV.row(row) = p.uvs[v].transpose();
            if (all_normals) rig.neutral.N.row(row) = p.normals[v].transpose();
        }
        for (size_t f = 0; f < p.triangles.size(); ++f)
            rig.neutral.F.row(f0 + static_cast<Eigen::Index>(f)) =
                (p.triangles[f].array() + static_cast<int>(v0)).transpose();
        for (const auto& [name, d] : p.shapes) {
            core::MatrixX3fR& D = rig.deltas[static_cast<size_t>(index_of.at(name))];
            for (size_t v = 0; v < d.size(); ++v)
                D.row(v0 + static_cast<Eigen::Index>(v)) = ch.cm_per_unit * d[v].transpose();
        }
        if (p.material < triangles_per_material.size())
            triangles_per_material[p.material] += static_cast<int>(p.triangles.size());
        v0 += static_cast<Eigen::Index>(p.positions.size());
        f0 += static_cast<Eigen::Index>(p.triangles.size());
    }
    if (!all_uv)
        ch.warnings.push_back("'" + path +
                              "': some meshes have no UVs, so the character is "
                              "exported without a texture");

    // The rig carries one albedo: the texture of the textured material covering most triangles.
    for (size_t m = 0; m < ch.materials.size(); ++m) {
        ch.materials[m].triangles = triangles_per_material[m];
        if (ch.materials[m].texture.empty() || triangles_per_material[m] == 0) continue;
        if (ch.main_material < 0 ||
            triangles_per_material[m] >
                triangles_per_material[static_cast<size_t>(ch.main_material)])
            ch.main_material = static_cast<int>(m);
    }
    if (ch.main_material >= 0 && options.load_texture && all_uv) {
        const CharacterMaterial& main = ch.materials[static_cast<size_t>(ch.main_material)];
        progress.report(0.8, "loading texture");
        rig.albedo = load_texture(*scene, path, main, options.max_texture_size);
        if (rig.albedo.empty())
            ch.warnings.push_back("texture '" + main.texture + "' of material '" + main.name +
                                  "' was not found or could not be decoded");
        for (size_t m = 0; m < ch.materials.size(); ++m)
            if (static_cast<int>(m) != ch.main_material && !ch.materials[m].texture.empty() &&
                ch.materials[m].triangles > 0 && ch.materials[m].texture != main.texture)
                ch.warnings.push_back("material '" + ch.materials[m].name +
                                      "' has its own texture '" + ch.materials[m].texture +
                                      "'; the rig keeps only '" + main.texture + "'");
    }
    progress.report(1.0, "character imported");
    return ch;
}

}  // namespace likeness::retarget

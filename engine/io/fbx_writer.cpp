#include "engine/io/fbx_writer.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>

#include "engine/core/version.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_checks.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/fbx_node_writer.hpp"
#include "engine/io/png_texture.hpp"
#include "engine/io/shape_weight_map.hpp"

namespace likeness::io {
namespace {

constexpr long long kTicksPerSecond = 46186158000LL;
constexpr double kPi = 3.14159265358979323846;
// FbxAnimCurveDef interpolation flag: linear between keys (tangent bits are then unused).
constexpr int32_t kLinearKeys = 0x4;
// The curve's shared key attribute: right slope, next left slope, tangent weights (1/3, 1/3)
// packed as the FBX SDK stores them, velocities.
constexpr uint32_t kDefaultWeightsBits = 0x0F3F0F3Fu;

/// FBX's TimeMode for a frame rate, 14 (custom, CustomFrameRate) when it is not a standard one.
int time_mode(double fps) {
    struct Rate {
        double fps;
        int mode;
    };
    static const Rate kRates[] = {
        {120, 1}, {100, 2},         {60, 3},          {50, 4},          {48, 5},
        {30, 6},  {30 / 1.001, 9},  {25, 10},         {24, 11},         {96, 15},
        {72, 16}, {60 / 1.001, 17}, {24 / 1.001, 13}, {120 / 1.001, 18}};
    for (const Rate& r : kRates)
        if (std::abs(r.fps - fps) < 1e-6 * fps) return r.mode;
    return 14;
}

/// Object ids: any unique non-zero int64 (0 is the scene root).
class Ids {
  public:
    int64_t next() { return ++last_; }

  private:
    int64_t last_ = 1'000'000;
};

double wrap_near(double angle, double reference) {
    return angle - 360.0 * std::round((angle - reference) / 360.0);
}

struct ShapeIds {
    int64_t geometry, channel, curve_node, curve;
};

struct Scene {
    int64_t model, geometry, material, texture, video, blend_shape, stack, layer;
    std::vector<ShapeIds> shapes;
    int64_t t_node = 0, r_node = 0;
    int64_t t_curves[3] = {0, 0, 0}, r_curves[3] = {0, 0, 0};
};

class FbxExport {
  public:
    FbxExport(const core::BlendshapeRig& rig, const core::Take* take, const std::string& path,
              const FbxOptions& options, const core::Progress& progress)
        : rig_(rig), take_(take), path_(path), options_(options), progress_(progress) {}

    ExportedFiles run();

  private:
    void header(FbxNodeWriter& w);
    void definitions(FbxNodeWriter& w);
    void geometry(FbxNodeWriter& w);
    void shapes(FbxNodeWriter& w);
    void model(FbxNodeWriter& w);
    void material(FbxNodeWriter& w);
    void animation(FbxNodeWriter& w);
    void curve(FbxNodeWriter& w, int64_t id, const std::function<float(int)>& value);
    void connections(FbxNodeWriter& w);
    void takes(FbxNodeWriter& w);

    const core::BlendshapeRig& rig_;
    const core::Take* take_;
    std::string path_;
    FbxOptions options_;
    const core::Progress& progress_;

    Ids ids_;
    Scene s_{};
    bool animate_ = false, textured_ = false;
    std::unique_ptr<core::HeldFrames> held_;
    std::vector<int> columns_;
    std::vector<Eigen::Vector3d> euler_deg_;  ///< #frames head rotation curves (small: 24 B/frame)
    std::string png_, png_name_;
    long long stop_time_ = 0;
};

void FbxExport::header(FbxNodeWriter& w) {
    w.begin("FBXHeaderExtension");
    w.leaf_i32("FBXHeaderVersion", 1003);
    w.leaf_i32("FBXVersion", 7400);
    w.leaf_i32("EncryptionType", 0);
    // A fixed creation time: identical inputs give identical files (and match the footer id).
    w.begin("CreationTimeStamp");
    w.leaf_i32("Version", 1000);
    for (const char* field : {"Year", "Month", "Day"})
        w.leaf_i32(field, field[0] == 'Y' ? 1970 : 1);
    for (const char* field : {"Hour", "Minute", "Second", "Millisecond"})
        w.leaf_i32(field, 0);
    w.end();
    w.leaf_string("Creator", "Likeness " + core::version());
    w.end();
    static const char kFileId[16] = {'\x28', '\xb3', '\x2a', '\xeb', '\xb6', '\x24',
                                     '\xcc', '\xc2', '\xbf', '\xc8', '\xb0', '\x2a',
                                     '\xa9', '\x2b', '\xfc', '\xf1'};
    w.begin("FileId");
    w.prop_raw(std::string_view(kFileId, sizeof kFileId));
    w.end();
    w.leaf_string("CreationTime", "1970-01-01 10:00:00:000");
    w.leaf_string("Creator", "Likeness " + core::version());

    const double fps = take_ ? take_->fps : 30.0;
    w.begin("GlobalSettings");
    w.leaf_i32("Version", 1000);
    w.begin("Properties70");
    // Right-handed, +y up, +z front, +x to the side: the engine's model space as it is.
    w.p_i32("UpAxis", "int", "Integer", "", 1);
    w.p_i32("UpAxisSign", "int", "Integer", "", 1);
    w.p_i32("FrontAxis", "int", "Integer", "", 2);
    w.p_i32("FrontAxisSign", "int", "Integer", "", 1);
    w.p_i32("CoordAxis", "int", "Integer", "", 0);
    w.p_i32("CoordAxisSign", "int", "Integer", "", 1);
    w.p_i32("OriginalUpAxis", "int", "Integer", "", 1);
    w.p_i32("OriginalUpAxisSign", "int", "Integer", "", 1);
    w.p_f64("UnitScaleFactor", "double", "Number", "", 1.0);  // 1 unit = 1 cm
    w.p_f64("OriginalUnitScaleFactor", "double", "Number", "", 1.0);
    w.p_vec3("AmbientColor", "ColorRGB", "Color", "", 0, 0, 0);
    w.p_string("DefaultCamera", "KString", "", "", "Producer Perspective");
    w.p_i32("TimeMode", "enum", "", "", time_mode(fps));
    w.p_i64("TimeSpanStart", "KTime", "Time", "", 0);
    w.p_i64("TimeSpanStop", "KTime", "Time", "", stop_time_);
    w.p_f64("CustomFrameRate", "double", "Number", "", fps);
    w.end();
    w.end();

    w.begin("Documents");
    w.leaf_i32("Count", 1);
    w.begin("Document");
    w.prop_i64(ids_.next());
    w.prop_string("Scene");
    w.prop_string("Scene");
    w.begin("Properties70");
    w.p_string("ActiveAnimStackName", "KString", "", "", animate_ ? take_->name : "");
    w.end();
    w.leaf_i64("RootNode", 0);
    w.end();
    w.end();
    w.begin("References");
    w.end();
}

void FbxExport::definitions(FbxNodeWriter& w) {
    const int shapes = rig_.shape_count();
    struct Type {
        const char* name;
        int count;
    };
    std::vector<Type> types = {{"GlobalSettings", 1},
                               {"Model", 1},
                               {"Geometry", 1 + shapes},
                               {"Deformer", shapes > 0 ? 1 + shapes : 0}};
    if (textured_) {
        types.push_back({"Material", 1});
        types.push_back({"Texture", 1});
        types.push_back({"Video", 1});
    } else {
        types.push_back({"Material", 1});
    }
    if (animate_) {
        const int head_nodes = (s_.r_node ? 1 : 0) + (s_.t_node ? 1 : 0);
        types.push_back({"AnimationStack", 1});
        types.push_back({"AnimationLayer", 1});
        types.push_back({"AnimationCurveNode", shapes + head_nodes});
        types.push_back({"AnimationCurve", shapes + 3 * head_nodes});
    }
    int total = 0;
    for (const Type& t : types)
        total += t.count;
    w.begin("Definitions");
    w.leaf_i32("Version", 100);
    w.leaf_i32("Count", total);
    for (const Type& t : types) {
        if (t.count == 0) continue;
        w.begin("ObjectType");
        w.prop_string(t.name);
        w.leaf_i32("Count", t.count);
        w.end();
    }
    w.end();
}

void FbxExport::geometry(FbxNodeWriter& w) {
    const core::Mesh& m = rig_.neutral;
    const uint32_t nv = static_cast<uint32_t>(m.V.rows());
    const uint32_t corners = static_cast<uint32_t>(m.F.size());
    w.begin("Geometry");
    w.prop_i64(s_.geometry);
    w.prop_name(rig_.name, "Geometry");
    w.prop_string("Mesh");
    w.begin("Properties70");
    w.end();
    w.leaf_i32("GeometryVersion", 124);
    w.begin("Vertices");
    w.begin_array_f64(3 * nv);
    for (uint32_t v = 0; v < nv; ++v)
        for (int k = 0; k < 3; ++k)
            w.push_f64(m.V(v, k));  // cm
    w.end();
    w.begin("PolygonVertexIndex");
    w.begin_array_i32(corners);
    for (Eigen::Index f = 0; f < m.F.rows(); ++f) {
        w.push_i32(m.F(f, 0));
        w.push_i32(m.F(f, 1));
        w.push_i32(~m.F(f, 2));  // a polygon's last corner is stored as -(index + 1)
    }
    w.end();

    const core::MatrixX3fR normals = core::neutral_normals(rig_);
    w.begin("LayerElementNormal");
    w.prop_i32(0);
    w.leaf_i32("Version", 101);
    w.leaf_string("Name", "");
    w.leaf_string("MappingInformationType", "ByVertice");
    w.leaf_string("ReferenceInformationType", "Direct");
    w.begin("Normals");
    w.begin_array_f64(3 * nv);
    for (uint32_t v = 0; v < nv; ++v)
        for (int k = 0; k < 3; ++k)
            w.push_f64(normals(v, k));
    w.end();
    w.end();

    const bool has_uv = m.UV.rows() == m.V.rows();
    if (has_uv) {
        w.begin("LayerElementUV");
        w.prop_i32(0);
        w.leaf_i32("Version", 101);
        w.leaf_string("Name", "UVMap");
        w.leaf_string("MappingInformationType", "ByPolygonVertex");
        w.leaf_string("ReferenceInformationType", "IndexToDirect");
        w.begin("UV");
        w.begin_array_f64(2 * nv);
        for (uint32_t v = 0; v < nv; ++v) {
            w.push_f64(m.UV(v, 0));
            w.push_f64(m.UV(v, 1));  // FBX: v up, as the engine
        }
        w.end();
        w.begin("UVIndex");
        w.begin_array_i32(corners);
        for (Eigen::Index f = 0; f < m.F.rows(); ++f)
            for (int k = 0; k < 3; ++k)
                w.push_i32(m.F(f, k));
        w.end();
        w.end();
    }
    w.begin("LayerElementMaterial");
    w.prop_i32(0);
    w.leaf_i32("Version", 101);
    w.leaf_string("Name", "");
    w.leaf_string("MappingInformationType", "AllSame");
    w.leaf_string("ReferenceInformationType", "IndexToDirect");
    w.begin("Materials");
    w.prop_array_i32({0});
    w.end();
    w.end();

    w.begin("Layer");
    w.prop_i32(0);
    w.leaf_i32("Version", 100);
    std::vector<const char*> layers = {"LayerElementNormal", "LayerElementMaterial"};
    if (has_uv) layers.push_back("LayerElementUV");
    for (const char* type : layers) {
        w.begin("LayerElement");
        w.leaf_string("Type", type);
        w.leaf_i32("TypedIndex", 0);
        w.end();
    }
    w.end();
    w.end();  // Geometry
}

void FbxExport::shapes(FbxNodeWriter& w) {
    const float threshold2 = options_.sparse_threshold_cm * options_.sparse_threshold_cm;
    const bool has_normals = !rig_.normal_deltas.empty();
    for (int i = 0; i < rig_.shape_count(); ++i) {
        progress_.check();
        const core::MatrixX3fR& d = rig_.deltas[static_cast<size_t>(i)];
        std::vector<int32_t> moving;
        for (Eigen::Index v = 0; v < d.rows(); ++v)
            if (d.row(v).squaredNorm() > threshold2) moving.push_back(static_cast<int32_t>(v));
        if (moving.empty()) moving.push_back(0);  // a shape key still appears, doing nothing
        const uint32_t k = static_cast<uint32_t>(moving.size());
        const std::string& name = rig_.shape_names[static_cast<size_t>(i)];

        w.begin("Geometry");
        w.prop_i64(s_.shapes[static_cast<size_t>(i)].geometry);
        w.prop_name(name, "Geometry");
        w.prop_string("Shape");
        w.begin("Properties70");
        w.end();
        w.leaf_i32("Version", 100);
        w.begin("Indexes");
        w.prop_array_i32(moving);
        w.end();
        w.begin("Vertices");
        w.begin_array_f64(3 * k);
        for (int32_t v : moving)
            for (int c = 0; c < 3; ++c)
                w.push_f64(d(v, c));  // cm
        w.end();
        // Normals are required by some readers (assimp drops a Shape without them): zeros
        // when the rig has no normal deltas.
        w.begin("Normals");
        w.begin_array_f64(3 * k);
        for (int32_t v : moving)
            for (int c = 0; c < 3; ++c)
                w.push_f64(has_normals ? rig_.normal_deltas[static_cast<size_t>(i)](v, c) : 0.0);
        w.end();
        w.end();

        w.begin("Deformer");
        w.prop_i64(s_.shapes[static_cast<size_t>(i)].channel);
        w.prop_name(name, "SubDeformer");
        w.prop_string("BlendShapeChannel");
        w.leaf_i32("Version", 100);
        w.leaf_f64("DeformPercent", 0.0);
        w.begin("FullWeights");
        w.begin_array_f64(k);
        for (uint32_t j = 0; j < k; ++j)
            w.push_f64(100.0);
        w.end();
        w.end();
    }
    if (rig_.shape_count() > 0) {
        w.begin("Deformer");
        w.prop_i64(s_.blend_shape);
        w.prop_name(rig_.name, "Deformer");
        w.prop_string("BlendShape");
        w.leaf_i32("Version", 100);
        w.end();
    }
}

void FbxExport::model(FbxNodeWriter& w) {
    Eigen::Vector3d t(0, 0, 0), r(0, 0, 0);
    if (animate_) {
        if (options_.head_motion == HeadMotion::kCameraSpace)
            t = (*held_)[0].head_translation_cm.cast<double>();
        if (options_.head_motion != HeadMotion::kNone) r = euler_deg_.front();
    }
    w.begin("Model");
    w.prop_i64(s_.model);
    w.prop_name(rig_.name, "Model");
    w.prop_string("Mesh");
    w.leaf_i32("Version", 232);
    w.begin("Properties70");
    w.p_i32("RotationOrder", "enum", "", "", 0);  // eEulerXYZ
    w.p_vec3("Lcl Translation", "Lcl Translation", "", "A", t.x(), t.y(), t.z());
    w.p_vec3("Lcl Rotation", "Lcl Rotation", "", "A", r.x(), r.y(), r.z());
    w.p_vec3("Lcl Scaling", "Lcl Scaling", "", "A", 1, 1, 1);
    w.p_i32("DefaultAttributeIndex", "int", "Integer", "", 0);
    w.p_i32("InheritType", "enum", "", "", 1);
    w.end();
    w.leaf_i32("MultiLayer", 0);
    w.leaf_i32("MultiTake", 0);
    w.begin("Shading");
    w.prop_bool(true);
    w.end();
    w.leaf_string("Culling", "CullingOff");
    w.end();
}

void FbxExport::material(FbxNodeWriter& w) {
    w.begin("Material");
    w.prop_i64(s_.material);
    w.prop_name(rig_.name, "Material");
    w.prop_string("");
    w.leaf_i32("Version", 102);
    w.leaf_string("ShadingModel", "Phong");
    w.leaf_i32("MultiLayer", 0);
    w.begin("Properties70");
    w.p_vec3("DiffuseColor", "Color", "", "A", 1, 1, 1);
    w.p_f64("DiffuseFactor", "Number", "", "A", 1.0);
    w.p_vec3("SpecularColor", "Color", "", "A", 0.1, 0.1, 0.1);
    w.p_f64("Shininess", "double", "Number", "", 10.0);
    w.end();
    w.end();
    if (!textured_) return;

    const std::string absolute =
        std::filesystem::absolute(replace_extension(path_, ".png")).string();
    w.begin("Video");
    w.prop_i64(s_.video);
    w.prop_name(png_name_, "Video");
    w.prop_string("Clip");
    w.leaf_string("Type", "Clip");
    w.begin("Properties70");
    w.p_string("Path", "KString", "XRefUrl", "", absolute);
    w.p_string("RelPath", "KString", "XRefUrl", "", png_name_);
    w.end();
    w.leaf_i32("UseMipMap", 0);
    w.leaf_string("Filename", absolute);
    w.leaf_string("RelativeFilename", png_name_);
    if (options_.embed_texture) {
        w.begin("Content");
        w.prop_raw(png_);
        w.end();
    }
    w.end();

    w.begin("Texture");
    w.prop_i64(s_.texture);
    w.prop_name(png_name_, "Texture");
    w.prop_string("");
    w.leaf_string("Type", "TextureVideoClip");
    w.leaf_i32("Version", 202);
    w.begin("TextureName");
    w.prop_name(png_name_, "Texture");
    w.end();
    w.begin("Properties70");
    w.p_string("UVSet", "KString", "", "", "UVMap");
    w.p_i32("UseMaterial", "bool", "", "", 1);
    w.end();
    w.begin("Media");
    w.prop_name(png_name_, "Video");
    w.end();
    w.leaf_string("FileName", absolute);
    w.leaf_string("RelativeFilename", png_name_);
    w.begin("ModelUVTranslation");
    w.prop_f64(0);
    w.prop_f64(0);
    w.end();
    w.begin("ModelUVScaling");
    w.prop_f64(1);
    w.prop_f64(1);
    w.end();
    w.leaf_string("Texture_Alpha_Source", "None");
    w.begin("Cropping");
    for (int i = 0; i < 4; ++i)
        w.prop_i32(0);
    w.end();
    w.end();
}

void FbxExport::curve(FbxNodeWriter& w, int64_t id, const std::function<float(int)>& value) {
    const int n = take_->frame_count();
    w.begin("AnimationCurve");
    w.prop_i64(id);
    w.prop_name("", "AnimCurve");
    w.prop_string("");
    w.leaf_f64("Default", value(0));
    w.leaf_i32("KeyVer", 4008);
    w.begin("KeyTime");
    w.begin_array_i64(static_cast<uint32_t>(n));
    for (int i = 0; i < n; ++i)
        w.push_i64(fbx_time(i, take_->fps));
    w.end();
    w.begin("KeyValueFloat");
    w.begin_array_f32(static_cast<uint32_t>(n));
    for (int i = 0; i < n; ++i)
        w.push_f32(value(i));
    w.end();
    w.begin("KeyAttrFlags");
    w.prop_array_i32({kLinearKeys});
    w.end();
    w.begin("KeyAttrDataFloat");
    w.begin_array_f32(4);
    w.push_f32(0.f);
    w.push_f32(0.f);
    float weights;
    std::memcpy(&weights, &kDefaultWeightsBits, 4);
    w.push_f32(weights);
    w.push_f32(0.f);
    w.end();
    w.begin("KeyAttrRefCount");
    w.prop_array_i32({n});
    w.end();
    w.end();
}

void FbxExport::animation(FbxNodeWriter& w) {
    w.begin("AnimationStack");
    w.prop_i64(s_.stack);
    w.prop_name(take_->name, "AnimStack");
    w.prop_string("");
    w.begin("Properties70");
    w.p_i64("LocalStart", "KTime", "Time", "", 0);
    w.p_i64("LocalStop", "KTime", "Time", "", stop_time_);
    w.p_i64("ReferenceStart", "KTime", "Time", "", 0);
    w.p_i64("ReferenceStop", "KTime", "Time", "", stop_time_);
    w.end();
    w.end();
    w.begin("AnimationLayer");
    w.prop_i64(s_.layer);
    w.prop_name("BaseLayer", "AnimLayer");
    w.prop_string("");
    w.open_scope();
    w.end();

    const core::HeldFrames& held = *held_;
    for (int i = 0; i < rig_.shape_count(); ++i) {
        progress_.check();
        progress_.report(0.3 + 0.6 * i / std::max(1, rig_.shape_count()), "writing FBX curves");
        const ShapeIds& ids = s_.shapes[static_cast<size_t>(i)];
        const int column = columns_[static_cast<size_t>(i)];
        auto percent = [&held, column](int f) {
            return column < 0 ? 0.f : 100.f * held[f].weights[static_cast<size_t>(column)];
        };
        w.begin("AnimationCurveNode");
        w.prop_i64(ids.curve_node);
        w.prop_name("DeformPercent", "AnimCurveNode");
        w.prop_string("");
        w.begin("Properties70");
        w.p_f64("d|DeformPercent", "Number", "", "A", percent(0));
        w.end();
        w.end();
        curve(w, ids.curve, percent);
    }
    auto head_node = [&](int64_t node, const char* name, const int64_t* curves,
                         const std::function<double(int, int)>& value) {
        w.begin("AnimationCurveNode");
        w.prop_i64(node);
        w.prop_name(name, "AnimCurveNode");
        w.prop_string("");
        w.begin("Properties70");
        w.p_f64("d|X", "Number", "", "A", value(0, 0));
        w.p_f64("d|Y", "Number", "", "A", value(0, 1));
        w.p_f64("d|Z", "Number", "", "A", value(0, 2));
        w.end();
        w.end();
        for (int k = 0; k < 3; ++k)
            curve(w, curves[k], [&value, k](int f) { return static_cast<float>(value(f, k)); });
    };
    if (s_.r_node)
        head_node(s_.r_node, "R", s_.r_curves,
                  [this](int f, int k) { return euler_deg_[static_cast<size_t>(f)][k]; });
    if (s_.t_node)
        head_node(s_.t_node, "T", s_.t_curves, [&held](int f, int k) {
            return static_cast<double>(held[f].head_translation_cm[k]);
        });
}

void FbxExport::connections(FbxNodeWriter& w) {
    auto oo = [&w](int64_t child, int64_t parent) {
        w.begin("C");
        w.prop_string("OO");
        w.prop_i64(child);
        w.prop_i64(parent);
        w.end();
    };
    auto op = [&w](int64_t child, int64_t parent, std::string_view property) {
        w.begin("C");
        w.prop_string("OP");
        w.prop_i64(child);
        w.prop_i64(parent);
        w.prop_string(property);
        w.end();
    };
    w.begin("Connections");
    oo(s_.model, 0);
    oo(s_.geometry, s_.model);
    oo(s_.material, s_.model);
    if (textured_) {
        op(s_.texture, s_.material, "DiffuseColor");
        oo(s_.video, s_.texture);
    }
    if (rig_.shape_count() > 0) oo(s_.blend_shape, s_.geometry);
    for (const ShapeIds& ids : s_.shapes) {
        oo(ids.channel, s_.blend_shape);
        oo(ids.geometry, ids.channel);
    }
    if (animate_) {
        oo(s_.layer, s_.stack);
        for (const ShapeIds& ids : s_.shapes) {
            oo(ids.curve_node, s_.layer);
            op(ids.curve_node, ids.channel, "DeformPercent");
            op(ids.curve, ids.curve_node, "d|DeformPercent");
        }
        static const char* kAxes[3] = {"d|X", "d|Y", "d|Z"};
        if (s_.r_node) {
            oo(s_.r_node, s_.layer);
            op(s_.r_node, s_.model, "Lcl Rotation");
            for (int k = 0; k < 3; ++k)
                op(s_.r_curves[k], s_.r_node, kAxes[k]);
        }
        if (s_.t_node) {
            oo(s_.t_node, s_.layer);
            op(s_.t_node, s_.model, "Lcl Translation");
            for (int k = 0; k < 3; ++k)
                op(s_.t_curves[k], s_.t_node, kAxes[k]);
        }
    }
    w.end();
}

void FbxExport::takes(FbxNodeWriter& w) {
    w.begin("Takes");
    w.leaf_string("Current", animate_ ? take_->name : "");
    if (animate_) {
        w.begin("Take");
        w.prop_string(take_->name);
        w.leaf_string("FileName", take_->name + ".tak");
        w.begin("LocalTime");
        w.prop_i64(0);
        w.prop_i64(stop_time_);
        w.end();
        w.begin("ReferenceTime");
        w.prop_i64(0);
        w.prop_i64(stop_time_);
        w.end();
        w.end();
    }
    w.end();
}

ExportedFiles FbxExport::run() {
    check_rig(rig_);
    if (take_) check_take(*take_);
    animate_ = take_ && take_->frame_count() > 0;
    columns_ =
        animate_ && rig_.shape_count() > 0 ? take_columns_or_throw(rig_) : take_columns(rig_);
    textured_ = options_.texture && !rig_.albedo.empty() && rig_.neutral.UV.rows() > 0;
    progress_.report(0.0, "preparing FBX");
    if (textured_) {
        png_ = encode_png_rgb(rig_.albedo);
        png_name_ = std::filesystem::path(replace_extension(path_, ".png")).filename().string();
    }

    s_.model = ids_.next();
    s_.geometry = ids_.next();
    s_.material = ids_.next();
    s_.texture = ids_.next();
    s_.video = ids_.next();
    s_.blend_shape = ids_.next();
    s_.stack = ids_.next();
    s_.layer = ids_.next();
    for (int i = 0; i < rig_.shape_count(); ++i)
        s_.shapes.push_back({ids_.next(), ids_.next(), ids_.next(), ids_.next()});
    if (animate_) {
        held_ = std::make_unique<core::HeldFrames>(*take_);
        stop_time_ = fbx_time(take_->frame_count() - 1, take_->fps);
        if (options_.head_motion != HeadMotion::kNone) {
            s_.r_node = ids_.next();
            for (int64_t& c : s_.r_curves)
                c = ids_.next();
            euler_deg_.reserve(static_cast<size_t>(take_->frame_count()));
            Eigen::Vector3d previous = Eigen::Vector3d::Zero();
            for (int f = 0; f < take_->frame_count(); ++f) {
                previous = fbx_euler_xyz_deg((*held_)[f].head_rotation, previous);
                euler_deg_.push_back(previous);
            }
        }
        if (options_.head_motion == HeadMotion::kCameraSpace) {
            s_.t_node = ids_.next();
            for (int64_t& c : s_.t_curves)
                c = ids_.next();
        }
    }

    AtomicFile out(path_);
    FbxNodeWriter w(out);
    header(w);
    definitions(w);
    w.begin("Objects");
    geometry(w);
    progress_.report(0.1, "writing FBX shapes");
    shapes(w);
    model(w);
    material(w);
    if (animate_) animation(w);
    w.end();
    connections(w);
    takes(w);
    w.finish();
    const uint64_t bytes = out.tell();
    out.commit();

    ExportedFiles files;
    files.paths.push_back(path_);
    files.bytes = bytes;
    if (textured_) {
        const std::string png_path = replace_extension(path_, ".png");
        write_file_atomically(png_path, png_);
        files.paths.push_back(png_path);
        files.bytes += png_.size();
    }
    progress_.report(1.0, "FBX written");
    return files;
}

}  // namespace

ExportedFiles write_fbx(const core::BlendshapeRig& rig, const core::Take* take,
                        const std::string& path, const FbxOptions& options,
                        const core::Progress& progress) {
    return FbxExport(rig, take, path, options, progress).run();
}

long long fbx_time(long long frame, double fps) {
    return std::llround(static_cast<double>(frame) * static_cast<double>(kTicksPerSecond) / fps);
}

Eigen::Vector3d fbx_euler_xyz_deg(const Eigen::Vector3f& axis_angle,
                                  const Eigen::Vector3d& previous) {
    const double angle = axis_angle.cast<double>().norm();
    const Eigen::Matrix3d R =
        angle > 0 ? Eigen::AngleAxisd(angle, axis_angle.cast<double>() / angle).toRotationMatrix()
                  : Eigen::Matrix3d::Identity();
    // R = Rz(c) Ry(b) Rx(a): R(2,0) = -sin b, R(2,1) = cos b sin a, R(2,2) = cos b cos a,
    // R(1,0) = sin c cos b, R(0,0) = cos c cos b.
    const double to_deg = 180.0 / kPi;
    double a, b, c;
    b = std::asin(std::clamp(-R(2, 0), -1.0, 1.0));
    if (std::abs(R(2, 0)) < 1.0 - 1e-9) {
        a = std::atan2(R(2, 1), R(2, 2));
        c = std::atan2(R(1, 0), R(0, 0));
    } else {  // gimbal lock (b = ±90°): only a ∓ c is defined; keep c from the previous frame
        c = previous.z() / to_deg;
        // Rz(c) Ry(±90°) Rx(a) has R(1,1) = cos(a ∓ c), R(1,2) = -sin(a ∓ c).
        const double s = R(2, 0) < 0 ? 1.0 : -1.0;  // b = +90° when R(2,0) = -1
        a = std::atan2(-R(1, 2), R(1, 1)) + s * c;
    }
    Eigen::Vector3d first(a * to_deg, b * to_deg, c * to_deg);
    // The same rotation as (a + 180, 180 - b, c + 180); take whichever is nearer `previous`.
    Eigen::Vector3d second(first.x() + 180.0, 180.0 - first.y(), first.z() + 180.0);
    for (Eigen::Vector3d* e : {&first, &second})
        for (int k = 0; k < 3; ++k)
            (*e)[k] = wrap_near((*e)[k], previous[k]);
    return (first - previous).squaredNorm() <= (second - previous).squaredNorm() ? first : second;
}

}  // namespace likeness::io

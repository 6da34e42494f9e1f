#include "engine/face/ict_comparison.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/face/indexed_obj.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {

IctFace read_ict_face(const std::string& folder) {
    IctFace ict;
    ict.folder = folder;
    ict.neutral = read_indexed_obj(folder + "/generic_neutral_mesh.obj");
    const std::string json_path = folder + "/vertex_indices.json";
    std::ifstream in(json_path);
    if (!in) throw TemplateError("cannot open '" + json_path + "'");
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        ict.landmarks = j.at("idx_to_landmark_verts").get<std::vector<int>>();
    } catch (const nlohmann::json::exception& e) {
        throw TemplateError("'" + json_path + "': no usable idx_to_landmark_verts (" + e.what() +
                            ")");
    }
    if (ict.landmarks.size() != 68)
        throw TemplateError("'" + json_path + "': expected 68 landmarks");
    for (int v : ict.landmarks)
        if (v < 0 || v >= ict.face_area_vertices)
            throw TemplateError("'" + json_path + "': landmark outside the face area");
    if (ict.neutral.vertex_count() < ict.face_area_vertices)
        throw TemplateError("'" + folder + "/generic_neutral_mesh.obj' has too few vertices");
    return ict;
}

std::vector<bool> IctFace::triangles_below(int vertex_end) const {
    std::vector<bool> mask(static_cast<size_t>(neutral.face_count()));
    for (Eigen::Index f = 0; f < neutral.F.rows(); ++f)
        mask[static_cast<size_t>(f)] = neutral.F.row(f).maxCoeff() < vertex_end;
    return mask;
}

core::MatrixX3fR sample_ict_field(const core::MatrixX3fR& field, const core::MatrixX3iR& ict_F,
                                  const std::vector<SurfacePoint>& hits,
                                  const RegistrationResult& reg, bool is_position) {
    const Eigen::Matrix3f back = reg.similarity.R.transpose() / reg.similarity.scale;
    const Eigen::Vector3f t = reg.similarity.t;
    const int n = static_cast<int>(hits.size());
    core::MatrixX3fR out(n, 3);
    for (int v = 0; v < n; ++v) {
        const SurfacePoint& sp = hits[static_cast<size_t>(v)];
        Eigen::Vector3f x = Eigen::Vector3f::Zero();
        if (sp.face >= 0) {
            for (int k = 0; k < 3; ++k)
                x += sp.barycentric[k] * field.row(ict_F(sp.face, k)).transpose();
        } else if (is_position) {
            x = reg.V.row(v).transpose();  // nothing within reach: keep the registration
        }
        out.row(v) = (is_position ? Eigen::Vector3f(back * (x - t)) : Eigen::Vector3f(back * x))
                         .transpose();
    }
    return out;
}

std::vector<std::string> ict_shape_files(const std::string& name) {
    if (name == "tongueOut") return {};
    if (name == "browInnerUp" || name == "cheekPuff") return {name + "_L", name + "_R"};
    for (const auto& [suffix, ict] : {std::pair<std::string, std::string>{"Left", "_L"},
                                      std::pair<std::string, std::string>{"Right", "_R"}}) {
        // jawLeft / mouthLeft are whole-face shapes in ICT as in ARKit: keep their names.
        if (name == "jawLeft" || name == "jawRight" || name == "mouthLeft" || name == "mouthRight")
            break;
        if (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return {name.substr(0, name.size() - suffix.size()) + ict};
    }
    return {name};
}

IctComparison compare_with_ict(const TemplateRig& rig, const std::string& ict_folder,
                               const RegistrationOptions& options, const core::Progress& progress) {
    const IctFace ict = read_ict_face(ict_folder);
    const int m = ict.face_area_vertices;
    std::vector<bool> target_active(static_cast<size_t>(ict.neutral.face_count()));
    for (Eigen::Index f = 0; f < ict.neutral.F.rows(); ++f)
        target_active[static_cast<size_t>(f)] = ict.neutral.F.row(f).maxCoeff() < m;

    progress.report(0.0, "registering the template to ICT");
    IctComparison out;
    out.registration = register_mesh(
        rig.neutral, rig.ibug68, ict.neutral, ict.landmarks, options, {}, target_active,
        core::Progress([&](double f, const std::string& s) { progress.report(0.3 * f, s); }));
    const core::MatrixX3fR face_points = ict.neutral.V.topRows(m);
    const std::vector<SurfacePoint> hits =
        closest_points(out.registration.V, rig.neutral.F, face_points, 100.f);

    out.min_cosine = std::numeric_limits<double>::infinity();
    double sum = 0.0;
    for (int i = 0; i < rig.shape_count(); ++i) {
        progress.check();
        ShapeSimilarity s;
        s.name = rig.shape_names[static_cast<size_t>(i)];
        const auto files = ict_shape_files(s.name);
        if (!files.empty()) {
            Eigen::MatrixX3d D = Eigen::MatrixX3d::Zero(m, 3);
            for (const std::string& stem : files) {
                const core::Mesh shape = read_indexed_obj(ict_folder + "/" + stem + ".obj", false);
                if (shape.vertex_count() != ict.neutral.vertex_count())
                    throw TemplateError("'" + ict_folder + "/" + stem +
                                        ".obj' does not have the neutral's vertex count");
                D += (shape.V.topRows(m) - ict.neutral.V.topRows(m)).cast<double>();
            }
            Eigen::MatrixX3d d = Eigen::MatrixX3d::Zero(m, 3);
            const core::MatrixX3fR& dS = rig.deltas[static_cast<size_t>(i)];
            for (int j = 0; j < m; ++j) {
                const SurfacePoint& sp = hits[static_cast<size_t>(j)];
                if (sp.face < 0) continue;
                Eigen::Vector3f v = Eigen::Vector3f::Zero();
                for (int k = 0; k < 3; ++k)
                    v += sp.barycentric[k] * dS.row(rig.neutral.F(sp.face, k)).transpose();
                d.row(j) = out.registration.similarity.apply_vector(v).cast<double>().transpose();
            }
            const double nd = d.norm(), nD = D.norm();
            s.compared = true;
            s.cosine = nd > 0 && nD > 0 ? (d.array() * D.array()).sum() / (nd * nD) : 0.0;
            s.template_max_cm = d.rowwise().norm().maxCoeff();
            s.ict_max_cm = D.rowwise().norm().maxCoeff();
            ++out.compared;
            sum += s.cosine;
            if (s.cosine < out.min_cosine) {
                out.min_cosine = s.cosine;
                out.weakest = s.name;
            }
        }
        out.shapes.push_back(s);
        progress.report(0.3 + 0.7 * (i + 1) / rig.shape_count(), "comparing with ICT shapes");
    }
    out.mean_cosine = out.compared ? sum / out.compared : 0.0;
    if (!out.compared) out.min_cosine = 0.0;
    return out;
}

}  // namespace likeness::face

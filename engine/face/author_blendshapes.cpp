#include "engine/face/author_blendshapes.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <map>

#include "engine/face/landmark_groups.hpp"
#include "engine/face/mesh_graph.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

std::vector<int> resolve(const std::string& entry, const std::string& side, int vertex_count) {
    const std::string name = substitute_side(entry, side);
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
        const int v = std::stoi(name);
        if (v >= vertex_count) throw TemplateError("landmark index " + name + " out of range");
        return {v};
    }
    return landmark_group(name);
}

std::vector<int> resolve_all(const std::vector<std::string>& entries, const std::string& side,
                             int vertex_count) {
    std::vector<int> out;
    for (const std::string& e : entries)
        for (int v : resolve(e, side, vertex_count))
            out.push_back(v);
    return out;
}

// Everything the recipes are evaluated against, computed once per neutral mesh.
class Evaluator {
  public:
    Evaluator(const core::Mesh& neutral, const std::vector<TrianglePart>& parts,
              const ShapeRecipes& recipes)
        : mesh_(neutral),
          recipes_(recipes),
          skin_(skin_mask(parts)),
          skin_graph_(neutral, skin_),
          full_graph_(neutral),
          normals_(core::vertex_normals(neutral)) {}

    core::MatrixX3fR evaluate(const ShapeRecipe& shape) {
        const int n = mesh_.vertex_count();
        core::MatrixX3fR d = core::MatrixX3fR::Zero(n, 3);
        const float sx = shape.mirrored ? -1.f : 1.f;
        const Eigen::Vector3f flip(sx, 1.f, 1.f);
        for (const MoveRecipe& m : shape.moves) {
            const Eigen::VectorXf& w = region(substitute_side(m.region, shape.side));
            switch (m.kind) {
                case MoveRecipe::Kind::Translate: {
                    const Eigen::Vector3f t = m.vector_cm.cwiseProduct(flip);
                    for (int v = 0; v < n; ++v)
                        d.row(v) += w[v] * t.transpose();
                    break;
                }
                case MoveRecipe::Kind::Rotate: {
                    const Eigen::Vector3f c = centre(m, shape);
                    // A reflection maps a rotation axis (a pseudo-vector) to (ax, -ay, -az).
                    const Eigen::Vector3f axis =
                        shape.mirrored ? Eigen::Vector3f(m.axis.x(), -m.axis.y(), -m.axis.z())
                                       : m.axis;
                    for (int v = 0; v < n; ++v) {
                        if (w[v] <= 0.f) continue;
                        const float angle = w[v] * m.degrees * static_cast<float>(M_PI / 180.0);
                        const Eigen::Vector3f p = mesh_.V.row(v).transpose();
                        const Eigen::Vector3f q = Eigen::AngleAxisf(angle, axis) * (p - c) + c;
                        d.row(v) += (q - p).transpose();
                    }
                    break;
                }
                case MoveRecipe::Kind::Scale: {
                    const Eigen::Vector3f c = centre(m, shape);
                    const Eigen::Vector3f s = m.factors - Eigen::Vector3f::Ones();
                    for (int v = 0; v < n; ++v) {
                        const Eigen::Vector3f p = mesh_.V.row(v).transpose();
                        d.row(v) += w[v] * s.cwiseProduct(p - c).transpose();
                    }
                    break;
                }
                case MoveRecipe::Kind::Normal:
                    for (int v = 0; v < n; ++v)
                        d.row(v) += w[v] * m.distance_cm * normals_.row(v);
                    break;
                case MoveRecipe::Kind::CloseGap:
                    close_gap(m, shape.side, w, d);
                    break;
            }
        }
        follow_openings(d);
        return d;
    }

  private:
    static std::vector<bool> skin_mask(const std::vector<TrianglePart>& parts) {
        std::vector<bool> skin(parts.size());
        for (size_t f = 0; f < parts.size(); ++f)
            skin[f] = parts[f] == TrianglePart::Skin;
        return skin;
    }

    Eigen::Vector3f centre(const MoveRecipe& m, const ShapeRecipe& shape) const {
        Eigen::Vector3f c = m.pivot_cm;
        if (shape.mirrored) c.x() = -c.x();
        if (m.pivot_group.empty()) return c;
        const std::vector<int> g = resolve(m.pivot_group, shape.side, mesh_.vertex_count());
        Eigen::Vector3f mean = Eigen::Vector3f::Zero();
        for (int v : g)
            mean += mesh_.V.row(v).transpose();
        return mean / static_cast<float>(g.size()) + c;
    }

    const Eigen::VectorXf& region(const std::string& name) {
        auto cached = cache_.find(name);
        if (cached != cache_.end()) return cached->second;
        const auto it = recipes_.regions.find(name);
        if (it == recipes_.regions.end()) throw TemplateError("unknown region '" + name + "'");
        const RegionRecipe& r = it->second;
        const std::string& side = r.side;
        const int n = mesh_.vertex_count();
        Eigen::VectorXf w(n);
        if (r.kind == RegionRecipe::Kind::Geodesic) {
            const Eigen::VectorXf dist = skin_graph_.distance_from(resolve_all(r.seeds, side, n));
            for (int v = 0; v < n; ++v)
                w[v] = smooth_falloff(dist[v], r.inner_cm, r.outer_cm);
        } else {
            const std::vector<int> one = resolve_all(r.one, side, n);
            std::vector<int> zero = resolve_all(r.zero, side, n);
            const Eigen::VectorXf dist = skin_graph_.distance_from(one);
            for (int v = 0; v < n; ++v)
                if (dist[v] > r.zero_beyond_cm && skin_graph_.connected(v)) zero.push_back(v);
            w = skin_graph_.harmonic(one, zero);
        }
        if (r.midline_fade_cm > 0.f && !side.empty()) {
            const float s = side == "left" ? 1.f : -1.f;
            for (int v = 0; v < n; ++v) {
                const float x = s * mesh_.V(v, 0);  // > 0 on the region's own side
                w[v] *= 1.f - smooth_falloff(x, -r.midline_fade_cm, r.midline_fade_cm);
            }
        }
        return cache_[name] = w;
    }

    // Moves the landmarks of `moving` a share of the way onto the polyline `onto` (matched by
    // x, the eye's long axis); vertices in between interpolate the landmark moves along x.
    void close_gap(const MoveRecipe& m, const std::string& side, const Eigen::VectorXf& w,
                   core::MatrixX3fR& d) const {
        const int n = mesh_.vertex_count();
        std::vector<int> moving = resolve(m.moving, side, n), onto = resolve(m.onto, side, n);
        auto by_x = [&](int a, int b) { return mesh_.V(a, 0) < mesh_.V(b, 0); };
        std::sort(moving.begin(), moving.end(), by_x);
        std::sort(onto.begin(), onto.end(), by_x);
        auto on_polyline = [&](const std::vector<int>& line, float x) -> Eigen::Vector3f {
            if (x <= mesh_.V(line.front(), 0)) return mesh_.V.row(line.front()).transpose();
            for (size_t k = 1; k < line.size(); ++k) {
                const float x0 = mesh_.V(line[k - 1], 0), x1 = mesh_.V(line[k], 0);
                if (x <= x1) {
                    const float t = x1 > x0 ? (x - x0) / (x1 - x0) : 0.f;
                    return ((1.f - t) * mesh_.V.row(line[k - 1]) + t * mesh_.V.row(line[k]))
                        .transpose();
                }
            }
            return mesh_.V.row(line.back()).transpose();
        };
        std::vector<float> xs;
        std::vector<Eigen::Vector3f> moves;
        for (int u : moving) {
            const Eigen::Vector3f p = mesh_.V.row(u).transpose();
            xs.push_back(p.x());
            moves.push_back(m.fraction * (on_polyline(onto, p.x()) - p));
        }
        // Only the moving lid's side of the opening follows: a vertex nearer (along the skin)
        // to the other lid keeps still, so the lids do not drag each other at the corners.
        const Eigen::VectorXf d_moving = skin_graph_.distance_from(moving);
        const Eigen::VectorXf d_onto = skin_graph_.distance_from(onto);
        constexpr float kSideBand_cm = 0.1f;
        for (int v = 0; v < n; ++v) {
            if (w[v] <= 0.f) continue;
            const float side =
                1.f - smooth_falloff(d_onto[v] - d_moving[v], -kSideBand_cm, kSideBand_cm);
            if (side <= 0.f) continue;
            const float x = mesh_.V(v, 0);
            Eigen::Vector3f mv = moves.front();
            if (x >= xs.back()) {
                mv = moves.back();
            } else if (x > xs.front()) {
                size_t k = 1;
                while (xs[k] < x)
                    ++k;
                const float t = xs[k] > xs[k - 1] ? (x - xs[k - 1]) / (xs[k] - xs[k - 1]) : 0.f;
                mv = (1.f - t) * moves[k - 1] + t * moves[k];
            }
            d.row(v) += side * w[v] * mv.transpose();
        }
    }

    // Vertices that lie only on eye-opening triangles carry no region weight; let them follow
    // the lid ring smoothly so the eye surface stays between the lids.
    void follow_openings(core::MatrixX3fR& d) const {
        std::vector<bool> fixed(static_cast<size_t>(mesh_.vertex_count()));
        bool any_free = false;
        for (int v = 0; v < mesh_.vertex_count(); ++v) {
            fixed[static_cast<size_t>(v)] = skin_graph_.connected(v);
            any_free = any_free || (!fixed[static_cast<size_t>(v)] && full_graph_.connected(v));
        }
        if (!any_free) return;
        const Eigen::MatrixXf ext = full_graph_.harmonic_extension(d, fixed);
        d = ext;
    }

    const core::Mesh& mesh_;
    const ShapeRecipes& recipes_;
    std::vector<bool> skin_;
    MeshGraph skin_graph_, full_graph_;
    core::MatrixX3fR normals_;
    std::map<std::string, Eigen::VectorXf> cache_;
};

}  // namespace

std::vector<core::MatrixX3fR> author_blendshapes(const core::Mesh& neutral,
                                                 const std::vector<TrianglePart>& parts,
                                                 const ShapeRecipes& recipes,
                                                 const core::Progress& progress) {
    if (parts.size() != static_cast<size_t>(neutral.face_count()))
        throw TemplateError("triangle labels do not match the neutral mesh");
    Evaluator evaluator(neutral, parts, recipes);
    std::vector<core::MatrixX3fR> out;
    out.reserve(recipes.shapes.size());
    for (size_t i = 0; i < recipes.shapes.size(); ++i) {
        progress.check();
        out.push_back(evaluator.evaluate(recipes.shapes[i]));
        progress.report(static_cast<double>(i + 1) / static_cast<double>(recipes.shapes.size()),
                        "authoring blend shapes");
    }
    return out;
}

}  // namespace likeness::face

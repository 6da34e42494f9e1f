#include "ui/mesh_wireframe.hpp"

#include <algorithm>
#include <unordered_map>

namespace likeness::ui {

void MeshWireframe::setTopology(const core::MatrixX3iR& F) {
    F_ = F;
    edges_.clear();
    std::unordered_map<long long, size_t> index;
    index.reserve(static_cast<size_t>(F.rows()) * 2);
    for (int t = 0; t < F.rows(); ++t)
        for (int k = 0; k < 3; ++k) {
            const int a = F(t, k), b = F(t, (k + 1) % 3);
            const long long key = static_cast<long long>(std::min(a, b)) << 32 |
                                  static_cast<unsigned>(std::max(a, b));
            const auto [it, inserted] = index.emplace(key, edges_.size());
            if (inserted)
                edges_.push_back({a, b, t, -1});
            else
                edges_[it->second].right = t;
        }
}

QVector<QLineF> MeshWireframe::lines(const core::MatrixX3fR& V, const core::Pose& pose,
                                     const core::Camera& camera) const {
    const Eigen::Matrix3f R = pose.R_cam_from_model();
    std::vector<QPointF> px(static_cast<size_t>(V.rows()));
    std::vector<bool> in_front(static_cast<size_t>(V.rows()));
    for (int v = 0; v < V.rows(); ++v) {
        const Eigen::Vector3f p = R * V.row(v).transpose() + pose.translation_cm;
        in_front[static_cast<size_t>(v)] = p.z() < -1e-3f;
        const Eigen::Vector2f q =
            in_front[static_cast<size_t>(v)] ? camera.project(p) : Eigen::Vector2f::Zero();
        px[static_cast<size_t>(v)] = QPointF(q.x(), q.y());
    }
    // A triangle faces the camera when its image corners run counter-clockwise as seen by a
    // viewer (clockwise in image coordinates, whose y points down).
    std::vector<signed char> facing(static_cast<size_t>(F_.rows()), -1);
    const auto faces_camera = [&](int t) {
        signed char& f = facing[static_cast<size_t>(t)];
        if (f < 0) {
            const QPointF& a = px[static_cast<size_t>(F_(t, 0))];
            const QPointF& b = px[static_cast<size_t>(F_(t, 1))];
            const QPointF& c = px[static_cast<size_t>(F_(t, 2))];
            const double cross =
                (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
            f = cross < 0.0 ? 1 : 0;
        }
        return f == 1;
    };
    QVector<QLineF> out;
    out.reserve(static_cast<int>(edges_.size() / 2));
    for (const Edge& e : edges_) {
        if (!in_front[static_cast<size_t>(e.a)] || !in_front[static_cast<size_t>(e.b)]) continue;
        if (faces_camera(e.left) || (e.right >= 0 && faces_camera(e.right)))
            out.push_back(QLineF(px[static_cast<size_t>(e.a)], px[static_cast<size_t>(e.b)]));
    }
    return out;
}

}  // namespace likeness::ui

#include "engine/render/vertex_normal_derivatives.hpp"

#include <Eigen/Geometry>
#include <cassert>

namespace likeness::render {

void add_normal_adjoint(const core::MatrixX3fR& X, const core::MatrixX3iR& F,
                        const ShadedVertices& vertices, const core::MatrixX3fR& normal_adjoint,
                        core::MatrixX3fR* position_adjoint) {
    assert(position_adjoint && position_adjoint->rows() == X.rows());
    const Eigen::Index n = X.rows();
    // m̄ = (I − n nᵀ) n̄ / |m|: normalisation passes only the tangential part.
    core::MatrixX3fR m_bar(n, 3);
    for (Eigen::Index v = 0; v < n; ++v) {
        const float len = vertices.normal_length[v];
        if (len <= 0.f) {
            m_bar.row(v).setZero();
            continue;
        }
        const Eigen::RowVector3f nv = vertices.normal_model.row(v);
        const Eigen::RowVector3f nb = normal_adjoint.row(v);
        m_bar.row(v) = (nb - nv * nv.dot(nb)) / len;
    }
    // c = e1 × e2: ē1 = e2 × c̄, ē2 = c̄ × e1.
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        const int a = F(f, 0), b = F(f, 1), c = F(f, 2);
        const Eigen::Vector3f c_bar = (m_bar.row(a) + m_bar.row(b) + m_bar.row(c)).transpose();
        const Eigen::Vector3f e1 = (X.row(b) - X.row(a)).transpose();
        const Eigen::Vector3f e2 = (X.row(c) - X.row(a)).transpose();
        const Eigen::RowVector3f e1_bar = e2.cross(c_bar).transpose();
        const Eigen::RowVector3f e2_bar = c_bar.cross(e1).transpose();
        position_adjoint->row(b) += e1_bar;
        position_adjoint->row(c) += e2_bar;
        position_adjoint->row(a) -= e1_bar + e2_bar;
    }
}

void normal_differential(const core::MatrixX3fR& X, const core::MatrixX3iR& F,
                         const ShadedVertices& vertices, const core::MatrixX3fR& dX,
                         core::MatrixX3fR* dn) {
    assert(dn && dX.rows() == X.rows());
    const Eigen::Index n = X.rows();
    dn->setZero(n, 3);
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        const int a = F(f, 0), b = F(f, 1), c = F(f, 2);
        const Eigen::Vector3f e1 = (X.row(b) - X.row(a)).transpose();
        const Eigen::Vector3f e2 = (X.row(c) - X.row(a)).transpose();
        const Eigen::Vector3f de1 = (dX.row(b) - dX.row(a)).transpose();
        const Eigen::Vector3f de2 = (dX.row(c) - dX.row(a)).transpose();
        const Eigen::RowVector3f dm = (de1.cross(e2) + e1.cross(de2)).transpose();
        dn->row(a) += dm;
        dn->row(b) += dm;
        dn->row(c) += dm;
    }
    for (Eigen::Index v = 0; v < n; ++v) {
        const float len = vertices.normal_length[v];
        if (len <= 0.f) {
            dn->row(v).setZero();
            continue;
        }
        const Eigen::RowVector3f nv = vertices.normal_model.row(v);
        const Eigen::RowVector3f dm = dn->row(v);
        dn->row(v) = (dm - nv * nv.dot(dm)) / len;
    }
}

}  // namespace likeness::render

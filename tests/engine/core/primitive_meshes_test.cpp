#include "engine/core/primitive_meshes.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <map>
#include <utility>

namespace likeness::core {
namespace {

TEST(PrimitiveMeshes, IcosphereIsClosedAndFacesOutwards) {
    const Mesh m = icosphere(2, 3.f);
    EXPECT_EQ(m.vertex_count(), 162);
    EXPECT_EQ(m.face_count(), 320);
    std::map<std::pair<int, int>, int> directed;
    for (int f = 0; f < m.face_count(); ++f) {
        const Eigen::Vector3f a = m.V.row(m.F(f, 0)), b = m.V.row(m.F(f, 1)),
                              c = m.V.row(m.F(f, 2));
        EXPECT_GT((b - a).cross(c - a).dot(a + b + c), 0.f) << "face " << f;
        for (int k = 0; k < 3; ++k)
            ++directed[{m.F(f, k), m.F(f, (k + 1) % 3)}];
    }
    // Closed and consistently oriented: each directed edge once, its reverse once.
    for (const auto& [edge, count] : directed) {
        EXPECT_EQ(count, 1);
        EXPECT_EQ(directed.count({edge.second, edge.first}), 1u);
    }
    for (int v = 0; v < m.vertex_count(); ++v)
        EXPECT_NEAR(m.V.row(v).norm(), 3.f, 1e-5f);
}

TEST(PrimitiveMeshes, GridFacesPlusZ) {
    const Mesh m = grid_mesh(3, 2.f);
    EXPECT_EQ(m.vertex_count(), 16);
    EXPECT_EQ(m.face_count(), 18);
    for (int f = 0; f < m.face_count(); ++f) {
        const Eigen::Vector3f a = m.V.row(m.F(f, 0)), b = m.V.row(m.F(f, 1)),
                              c = m.V.row(m.F(f, 2));
        EXPECT_GT((b - a).cross(c - a).z(), 0.f);
    }
    EXPECT_FLOAT_EQ(m.UV(15, 0), 1.f);
    EXPECT_FLOAT_EQ(m.V(15, 0), 1.f);
}

}  // namespace
}  // namespace likeness::core

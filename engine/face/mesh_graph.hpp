#pragma once
// The edge graph of a triangle mesh restricted to a subset of its triangles, with the two
// scalar fields the template is authored from: geodesic distance (Dijkstra along edges) and
// harmonic interpolation (Laplace's equation with fixed values).
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

class MeshGraph {
  public:
    /// Edges of the triangles f with active[f] (all triangles when `active` is empty), weighted
    /// by their length in `mesh.V` (cm).
    MeshGraph(const core::Mesh& mesh, const std::vector<bool>& active = {});

    int vertex_count() const { return static_cast<int>(neighbours_.size()); }
    /// True when the vertex lies on at least one active triangle.
    bool connected(int v) const { return !neighbours_[static_cast<size_t>(v)].empty(); }

    /// #V distances (cm) along edges to the nearest of `sources`; +inf where unreachable.
    Eigen::VectorXf distance_from(const std::vector<int>& sources) const;

    /// #V solution of the graph Laplace equation (weights 1/edge length) with u = 1 on `one`,
    /// u = 0 on `zero`; vertices not connected to a fixed vertex get 0. Values in [0,1].
    Eigen::VectorXf harmonic(const std::vector<int>& one, const std::vector<int>& zero) const;

    /// Harmonic extension of `values` (#V by k) from the vertices with fixed[v] to the rest.
    Eigen::MatrixXf harmonic_extension(const Eigen::MatrixXf& values,
                                       const std::vector<bool>& fixed) const;

  private:
    struct Edge {
        int to;
        float length;
    };
    std::vector<std::vector<Edge>> neighbours_;
};

/// Smooth falloff: 1 for d <= inner, 0 for d >= outer, C1 smoothstep in between.
float smooth_falloff(float d, float inner, float outer);

}  // namespace likeness::face

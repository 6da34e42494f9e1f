#include "engine/face/mesh_registration.hpp"

#include <Eigen/SparseCholesky>
#include <cmath>

#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

Eigen::MatrixX3f rows_of(const core::MatrixX3fR& V, const std::vector<int>& idx) {
    Eigen::MatrixX3f out(static_cast<Eigen::Index>(idx.size()), 3);
    for (size_t k = 0; k < idx.size(); ++k)
        out.row(static_cast<Eigen::Index>(k)) = V.row(idx[k]);
    return out;
}

float rms(const Eigen::MatrixX3f& a, const Eigen::MatrixX3f& b) {
    return std::sqrt((a - b).rowwise().squaredNorm().mean());
}

}  // namespace

bool RegistrationOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (iterations < 0 || iterations > 200) return fail("iterations must be in [0, 200]");
    if (!(stiffness_start > 0.f) || !(stiffness_end > 0.f)) return fail("stiffness must be > 0");
    if (!(landmark_weight >= 0.f)) return fail("landmark_weight must be >= 0");
    if (!(max_distance_cm > 0.f)) return fail("max_distance_cm must be > 0");
    return true;
}

std::vector<SurfacePoint> closest_points(const core::MatrixX3fR& V, const core::MatrixX3iR& F,
                                         const core::MatrixX3fR& queries, float max_distance,
                                         const std::vector<bool>& active) {
    const ClosestPointQuery query(V, F, active);
    std::vector<SurfacePoint> out(static_cast<size_t>(queries.rows()));
#pragma omp parallel for schedule(dynamic, 256) if (queries.rows() > 2000)
    for (Eigen::Index q = 0; q < queries.rows(); ++q)
        out[static_cast<size_t>(q)] = query.closest(queries.row(q).transpose(), max_distance);
    return out;
}

RegistrationResult register_mesh(const core::Mesh& source, const std::vector<int>& source_landmarks,
                                 const core::Mesh& target, const std::vector<int>& target_landmarks,
                                 const RegistrationOptions& options,
                                 const std::vector<bool>& source_active,
                                 const std::vector<bool>& target_active,
                                 const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw TemplateError("registration options: " + why);
    if (source_landmarks.size() != target_landmarks.size() || source_landmarks.size() < 4)
        throw TemplateError(
            "registration needs the same number (>= 4) of landmarks on both meshes");
    for (int v : source_landmarks)
        if (v < 0 || v >= source.vertex_count())
            throw TemplateError("source landmark out of range");
    for (int v : target_landmarks)
        if (v < 0 || v >= target.vertex_count())
            throw TemplateError("target landmark out of range");

    RegistrationResult result;
    const Eigen::MatrixX3f lm_dst = rows_of(target.V, target_landmarks);
    result.similarity = fit_similarity(rows_of(source.V, source_landmarks), lm_dst);
    const int n = source.vertex_count();
    core::MatrixX3fR X0(n, 3);
    for (int v = 0; v < n; ++v)
        X0.row(v) = result.similarity.apply(source.V.row(v).transpose()).transpose();
    result.landmark_rms_rigid_cm = rms(rows_of(X0, source_landmarks), lm_dst);

    // Membrane term: graph Laplacian of the source's active triangles.
    std::vector<Eigen::Triplet<double>> lap;
    std::vector<bool> on_surface(static_cast<size_t>(n), false);
    for (Eigen::Index f = 0; f < source.F.rows(); ++f) {
        if (!source_active.empty() && !source_active[static_cast<size_t>(f)]) continue;
        for (int k = 0; k < 3; ++k) {
            const int a = source.F(f, k), b = source.F(f, (k + 1) % 3);
            on_surface[static_cast<size_t>(a)] = true;
            // Each interior edge is seen twice (once per triangle): weight 1/2 per visit.
            lap.emplace_back(a, a, 0.5);
            lap.emplace_back(b, b, 0.5);
            lap.emplace_back(a, b, -0.5);
            lap.emplace_back(b, a, -0.5);
        }
    }
    Eigen::SparseMatrix<double> L(n, n);
    L.setFromTriplets(lap.begin(), lap.end());

    const ClosestPointQuery query(target.V, target.F, target_active);
    const core::MatrixX3fR target_normals = core::vertex_normals(target);
    core::Mesh current = source;
    Eigen::MatrixX3d U = Eigen::MatrixX3d::Zero(n, 3);
    for (int it = 0; it < options.iterations; ++it) {
        progress.check();
        const double t =
            options.iterations > 1 ? static_cast<double>(it) / (options.iterations - 1) : 1.0;
        const double alpha =
            options.stiffness_start * std::pow(options.stiffness_end / options.stiffness_start, t);
        current.V = X0 + U.cast<float>();
        const core::MatrixX3fR normals = core::vertex_normals(current);
        std::vector<Eigen::Triplet<double>> trip;
        Eigen::MatrixX3d rhs = Eigen::MatrixX3d::Zero(n, 3);
        int data = 0;
        double dist_sum = 0.0;
        std::vector<SurfacePoint> hits(static_cast<size_t>(n));
#pragma omp parallel for schedule(dynamic, 256)
        for (int v = 0; v < n; ++v)
            if (on_surface[static_cast<size_t>(v)])
                hits[static_cast<size_t>(v)] =
                    query.closest(current.V.row(v).transpose(), options.max_distance_cm);
        for (int v = 0; v < n; ++v) {
            const SurfacePoint& sp = hits[static_cast<size_t>(v)];
            if (sp.face < 0) continue;
            Eigen::Vector3f nt = Eigen::Vector3f::Zero();
            for (int k = 0; k < 3; ++k)
                nt += sp.barycentric[k] * target_normals.row(target.F(sp.face, k)).transpose();
            if (nt.normalized().dot(normals.row(v).transpose()) < options.min_normal_dot) continue;
            trip.emplace_back(v, v, 1.0);
            rhs.row(v) += (sp.point.transpose() - X0.row(v)).cast<double>();
            ++data;
            dist_sum += sp.distance;
        }
        for (size_t k = 0; k < source_landmarks.size(); ++k) {
            const int v = source_landmarks[k];
            trip.emplace_back(v, v, options.landmark_weight);
            rhs.row(v) += options.landmark_weight *
                          (lm_dst.row(static_cast<Eigen::Index>(k)) - X0.row(v)).cast<double>();
        }
        for (int v = 0; v < n; ++v)
            trip.emplace_back(v, v, 1e-6);  // pins isolated vertices
        Eigen::SparseMatrix<double> A(n, n);
        A.setFromTriplets(trip.begin(), trip.end());
        A += alpha * L;
        Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(A);
        if (solver.info() != Eigen::Success) throw TemplateError("registration: singular system");
        U = solver.solve(rhs);
        if (!U.allFinite())
            throw TemplateError("registration: the solve produced non-finite values");
        result.data_vertices = data;
        result.mean_surface_distance_cm = data ? static_cast<float>(dist_sum / data) : 0.f;
        progress.report(static_cast<double>(it + 1) / options.iterations, "registering");
    }
    result.V = X0 + U.cast<float>();
    result.landmark_rms_cm = rms(rows_of(result.V, source_landmarks), lm_dst);
    return result;
}

}  // namespace likeness::face

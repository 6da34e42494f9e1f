#include "engine/retarget/deformation_transfer.hpp"

#include <Eigen/Dense>
#include <Eigen/SparseCholesky>
#include <chrono>
#include <cmath>

#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// S&P eq. 1: [v2 - v1, v3 - v1, v4 - v1] with v4 - v1 = (e1 x e2) / sqrt|e1 x e2|.
Eigen::Matrix3d frame(const Eigen::Vector3d& v1, const Eigen::Vector3d& v2,
                      const Eigen::Vector3d& v3) {
    const Eigen::Vector3d e1 = v2 - v1, e2 = v3 - v1, n = e1.cross(e2);
    Eigen::Matrix3d V;
    V.col(0) = e1;
    V.col(1) = e2;
    V.col(2) = n / std::sqrt(std::max(n.norm(), 1e-300));
    return V;
}

Eigen::Vector3d row3(const core::MatrixX3fR& V, int i) {
    return V.row(i).transpose().cast<double>();
}

}  // namespace

bool DeformationTransferOptions::is_valid(std::string* error) const {
    if (!(rest_weight > 0.0 && rest_weight < 1e-2)) {
        if (error) *error = "rest_weight must be in (0, 0.01)";
        return false;
    }
    if (!(unmatched_weight > 0.0 && unmatched_weight <= 1.0)) {
        if (error) *error = "unmatched_weight must be in (0, 1]";
        return false;
    }
    return true;
}

struct DeformationTransfer::System {
    const FaceCorrespondence* corr = nullptr;
    core::MatrixX3iR source_F;
    std::vector<Eigen::Matrix3d> source_frame_inverse;  ///< #F_source: V^-1 of the rest source
    core::MatrixX3fR source_rest;                       ///< #V_source by 3
    Eigen::Matrix3d R = Eigen::Matrix3d::Identity();    ///< source -> character rotation
    double scale = 1.0;                                 ///< source -> character scale
    Eigen::SparseMatrix<double> A;                      ///< 3 #F' by n, rows scaled by sqrt(a_j)
    std::vector<double> row_weight;                     ///< #F': sqrt(a_j) (or 1)
    Eigen::MatrixX3d rest;                              ///< n by 3 rest unknowns
    double epsilon = 0.0;                               ///< absolute rest weight
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver;
    double matched_weight = 0.0;  ///< sum of a_j over matched triangles
};

DeformationTransfer::~DeformationTransfer() = default;

DeformationTransfer::DeformationTransfer(const core::Mesh& source_neutral,
                                         const FaceCorrespondence& corr,
                                         const DeformationTransferOptions& options,
                                         const core::Progress& progress)
    : system_(std::make_unique<System>()) {
    const auto t0 = Clock::now();
    std::string why;
    if (!options.is_valid(&why)) throw RetargetError("deformation transfer options: " + why);
    if (corr.registration.V.rows() != source_neutral.vertex_count())
        throw RetargetError("the correspondence was made with another template mesh");
    System& s = *system_;
    s.corr = &corr;
    s.source_F = source_neutral.F;
    s.source_rest = source_neutral.V;
    s.R = corr.registration.similarity.R.cast<double>();
    s.scale = corr.registration.similarity.scale;
    s.source_frame_inverse.resize(static_cast<size_t>(source_neutral.face_count()));
    for (Eigen::Index t = 0; t < source_neutral.F.rows(); ++t) {
        const Eigen::Matrix3d V =
            frame(row3(s.source_rest, s.source_F(t, 0)), row3(s.source_rest, s.source_F(t, 1)),
                  row3(s.source_rest, s.source_F(t, 2)));
        Eigen::Matrix3d inverse = Eigen::Matrix3d::Zero();  // a sliver deforms nothing
        if (std::abs(V.determinant()) > 1e-18) inverse = V.inverse();
        s.source_frame_inverse[static_cast<size_t>(t)] = inverse;
    }

    const core::Mesh& target = corr.target.mesh;
    const int nw = target.vertex_count();
    const int nf = target.face_count();
    const int n = nw + nf;
    s.rest.resize(n, 3);
    s.row_weight.assign(static_cast<size_t>(nf), 0.0);
    std::vector<Eigen::Triplet<double>> trip;
    trip.reserve(static_cast<size_t>(nf) * 12);
    for (int v = 0; v < nw; ++v)
        s.rest.row(v) = row3(target.V, v).transpose();
    for (int f = 0; f < nf; ++f) {
        if (f % 4096 == 0) progress.check();
        const int i1 = target.F(f, 0), i2 = target.F(f, 1), i3 = target.F(f, 2);
        const Eigen::Vector3d x1 = row3(target.V, i1);
        const Eigen::Matrix3d W = frame(x1, row3(target.V, i2), row3(target.V, i3));
        s.rest.row(nw + f) = (x1 + W.col(2)).transpose();
        const double area = 0.5 * W.col(0).cross(W.col(1)).norm();
        if (!(std::abs(W.determinant()) > 1e-18) || !(area > 0.0)) continue;  // sliver: no rows
        const Eigen::Matrix3d Winv = W.inverse();
        const double w = (options.area_weighted ? std::sqrt(area) : 1.0) *
                         (corr.matched(f) ? 1.0 : std::sqrt(options.unmatched_weight));
        s.row_weight[static_cast<size_t>(f)] = w;
        if (corr.matched(f)) s.matched_weight += w * w;
        const int corner[3] = {i2, i3, nw + f};
        for (int c = 0; c < 3; ++c) {
            const int row = 3 * f + c;
            double sum = 0.0;
            for (int k = 0; k < 3; ++k) {
                trip.emplace_back(row, corner[k], w * Winv(k, c));
                sum += Winv(k, c);
            }
            trip.emplace_back(row, i1, -w * sum);
        }
    }
    s.A.resize(3 * nf, n);
    s.A.setFromTriplets(trip.begin(), trip.end());
    progress.report(0.3, "building the deformation-transfer system");
    progress.check();

    Eigen::SparseMatrix<double> M = s.A.transpose() * s.A;
    double diagonal = 0.0;
    for (int i = 0; i < n; ++i)
        diagonal += M.coeff(i, i);
    s.epsilon = options.rest_weight * std::max(diagonal / std::max(n, 1), 1e-12);
    Eigen::SparseMatrix<double> I(n, n);
    I.setIdentity();
    M += s.epsilon * I;
    progress.report(0.5, "factoring the deformation-transfer system");
    s.solver.compute(M);
    summary_.unknowns = n;
    summary_.equations = 3 * nf;
    summary_.nonzeros = M.nonZeros();
    summary_.matched_triangles = corr.matched_triangles;
    summary_.factor_seconds = seconds_since(t0);
    if (s.solver.info() != Eigen::Success)
        throw RetargetError(
            "deformation transfer: the sparse factorisation failed (is the "
            "character mesh degenerate?)");
    summary_.success = true;
    summary_.message = "factored " + std::to_string(n) + " unknowns";
    progress.report(1.0, "deformation transfer ready");
}

core::MatrixX3fR DeformationTransfer::transfer(const core::MatrixX3fR& dS,
                                               double* gradient_rms) const {
    const System& s = *system_;
    const FaceCorrespondence& corr = *s.corr;
    if (dS.rows() != s.source_rest.rows())
        throw RetargetError("a source shape has " + std::to_string(dS.rows()) +
                            " vertices, the template " + std::to_string(s.source_rest.rows()));
    const core::Mesh& target = corr.target.mesh;
    const int nw = target.vertex_count(), nf = target.face_count();

    // Right-hand sides: per triangle the target gradient (identity when unmatched), S&P eq. 5.
    Eigen::MatrixX3d b(3 * nf, 3);
    for (int f = 0; f < nf; ++f) {
        Eigen::Matrix3d T = Eigen::Matrix3d::Identity();
        int count = 0;
        Eigen::Matrix3d sum = Eigen::Matrix3d::Zero();
        for (int t : corr.source_triangles[static_cast<size_t>(f)]) {
            if (t < 0 || s.source_frame_inverse[static_cast<size_t>(t)].isZero()) continue;
            const int a = s.source_F(t, 0), bb = s.source_F(t, 1), c = s.source_F(t, 2);
            const Eigen::Matrix3d Vd =
                frame(row3(s.source_rest, a) + row3(dS, a), row3(s.source_rest, bb) + row3(dS, bb),
                      row3(s.source_rest, c) + row3(dS, c));
            sum += Vd * s.source_frame_inverse[static_cast<size_t>(t)];  // S&P eq. 3
            ++count;
        }
        if (count > 0) T = s.R * (sum / count) * s.R.transpose();  // into the character frame
        const double w = s.row_weight[static_cast<size_t>(f)];
        // Row 3f + c, coordinate r holds T(r, c).
        b.block<3, 3>(3 * f, 0) = w * T.transpose();
    }
    Eigen::MatrixX3d rhs = s.A.transpose() * b + s.epsilon * s.rest;
    Eigen::MatrixX3d X = s.solver.solve(rhs);
    if (!X.allFinite()) throw RetargetError("deformation transfer produced non-finite positions");

    if (gradient_rms) {
        const Eigen::MatrixX3d r = s.A * X - b;
        double e = 0.0;
        for (int f = 0; f < nf; ++f)
            if (corr.matched(f)) e += r.block<3, 3>(3 * f, 0).squaredNorm();
        *gradient_rms = s.matched_weight > 0 ? std::sqrt(e / s.matched_weight) : 0.0;
    }

    // Displacements; each part's translation from the carried-over source displacement.
    Eigen::MatrixX3d D = X.topRows(nw) - s.rest.topRows(nw);
    const int parts = corr.target.component_count;
    std::vector<Eigen::Vector3d> shift(static_cast<size_t>(parts), Eigen::Vector3d::Zero());
    std::vector<int> hits(static_cast<size_t>(parts), 0);
    for (int v = 0; v < nw; ++v) {
        const face::SurfacePoint& hp = corr.vertex_hits[static_cast<size_t>(v)];
        if (hp.face < 0) continue;
        Eigen::Vector3d carried = Eigen::Vector3d::Zero();
        for (int k = 0; k < 3; ++k)
            carried += hp.barycentric[k] * row3(dS, s.source_F(hp.face, k));
        carried = s.scale * (s.R * carried);
        const auto p = static_cast<size_t>(corr.target.component[static_cast<size_t>(v)]);
        shift[p] += carried - D.row(v).transpose();
        ++hits[p];
    }
    for (int v = 0; v < nw; ++v) {
        const auto p = static_cast<size_t>(corr.target.component[static_cast<size_t>(v)]);
        if (hits[p] > 0)
            D.row(v) += (shift[p] / hits[p]).transpose();
        else
            D.row(v).setZero();  // a part without correspondence keeps its shape and place
    }
    return unweld(corr.target, D.cast<float>());
}

TransferredRig transfer_shapes(const core::BlendshapeRig& source,
                               const core::BlendshapeRig& character,
                               const FaceCorrespondence& correspondence,
                               const DeformationTransferOptions& options,
                               const core::Progress& progress) {
    if (static_cast<size_t>(character.vertex_count()) != correspondence.target.welded.size())
        throw RetargetError("the correspondence was made for another character mesh");
    TransferredRig out;
    const DeformationTransfer dt(
        source.neutral, correspondence, options,
        core::Progress([&](double f, const std::string& s) { progress.report(0.3 * f, s); }));
    out.summary = dt.summary();
    out.rig.name = character.name;
    out.rig.neutral = character.neutral;
    out.rig.albedo = character.albedo;
    const auto t0 = Clock::now();
    for (int i = 0; i < source.shape_count(); ++i) {
        progress.check();
        double rms = 0.0;
        out.rig.deltas.push_back(dt.transfer(source.deltas[static_cast<size_t>(i)], &rms));
        out.rig.shape_names.push_back(source.shape_names[static_cast<size_t>(i)]);
        out.summary.gradient_rms.push_back(rms);
        progress.report(0.3 + 0.7 * (i + 1) / source.shape_count(),
                        "transferring " + source.shape_names[static_cast<size_t>(i)]);
    }
    out.summary.solve_seconds = seconds_since(t0);
    out.summary.shapes = source.shape_count();
    out.summary.message = "transferred " + std::to_string(out.summary.shapes) + " shapes onto " +
                          std::to_string(correspondence.matched_triangles) + " matched triangles";
    return out;
}

}  // namespace likeness::retarget

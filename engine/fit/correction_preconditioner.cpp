#include "engine/fit/correction_preconditioner.hpp"

#include <Eigen/SparseCholesky>
#include <algorithm>

#include "engine/face/personal_model.hpp"
#include "engine/fit/deformation_gradient_term.hpp"
#include "engine/fit/laplacian_term.hpp"
#include "engine/fit/loss_weights.hpp"

namespace likeness::fit {
namespace {

constexpr double kMm2PerCm2 = 100.0;
constexpr double kAlbedoStep = 0.25;
constexpr double kDamping = 10.0;  ///< Levenberg λ on the vertex data blocks (× their trace / 3)
                                   ///< ///< see the header: Gershgorin bound of the albedo blocks
using SparseD = Eigen::SparseMatrix<double>;

}  // namespace

struct CorrectionPreconditioner::Block {
    Eigen::Index offset = 0, count = 0;  ///< texels (3 values each)
    bool sparse = false;
    Eigen::SimplicialLDLT<SparseD> ldlt;  ///< shape fields
    Eigen::VectorXf inverse;              ///< albedo fields: 3 per texel
};

CorrectionPreconditioner::CorrectionPreconditioner() = default;
CorrectionPreconditioner::~CorrectionPreconditioner() = default;
CorrectionPreconditioner::CorrectionPreconditioner(CorrectionPreconditioner&&) noexcept = default;
CorrectionPreconditioner& CorrectionPreconditioner::operator=(CorrectionPreconditioner&&) noexcept =
    default;

void CorrectionPreconditioner::build(const CorrectionLayout& layout,
                                     const face::PersonalModel& model,
                                     const DataCurvature& curvature, const LaplacianTerm& laplacian,
                                     const DeformationGradientTerm& deformation,
                                     const LossWeights& weights, double damping) {
    blocks_.clear();
    const int V = model.vertex_count();
    const int uv = model.uv_size();
    SparseD lap, edge;
    std::vector<int> column(static_cast<size_t>(uv) * static_cast<size_t>(uv), -1);
    for (const CorrectionLayout::Block& b : layout.blocks()) {
        auto block = std::make_unique<Block>();
        block->offset = b.offset;
        block->count = static_cast<Eigen::Index>(b.texels.size());
        const bool shape = b.field == CorrectionLayout::Field::IdentityShape ||
                           b.field == CorrectionLayout::Field::Shape;
        if (shape && block->count > 0) {
            const bool identity = b.field == CorrectionLayout::Field::IdentityShape;
            const size_t k = static_cast<size_t>(std::max(b.shape, 0));
            // Vertex-space Hessian (3V square): data blocks + the field's regulariser ⊗ I₃.
            const VertexBlocks* data = nullptr;
            Eigen::VectorXd diag_extra = Eigen::VectorXd::Zero(V);  // per vertex, each coordinate
            SparseD reg(V, V);
            if (identity) {
                if (curvature.identity.rows() == V) data = &curvature.identity;
                if (weights.smoothness > 0.0) {
                    if (lap.rows() == 0) lap = laplacian.hessian(V).cast<double>();
                    reg = weights.smoothness * lap;
                }
            } else {
                if (k < curvature.shapes.size() && curvature.shapes[k].rows() == V)
                    data = &curvature.shapes[k];
                diag_extra.array() += 2.0 * weights.shape_prior * kMm2PerCm2 / V;
                if (weights.blendshape_gradient > 0.0) {
                    if (edge.rows() == 0) edge = deformation.edge_hessian(V).cast<double>();
                    const Eigen::VectorXd full =
                        deformation.hessian_diagonal(model.neutral.V + model.template_deltas[k])
                            .cast<double>();
                    diag_extra += weights.blendshape_gradient *
                                  (full - Eigen::VectorXd(edge.diagonal())).cwiseMax(0.0);
                    reg = weights.blendshape_gradient * edge;
                }
                if (weights.shape_smoothness > 0.0) {
                    if (lap.rows() == 0) lap = laplacian.hessian(V).cast<double>();
                    reg = SparseD(reg + weights.shape_smoothness * lap);
                }
            }
            // F₃ restricted to the block's texels (times A_i for Δ_i^S), over the vertices that
            // read them (local indices), so a local mask gives a small system.
            for (size_t j = 0; j < b.texels.size(); ++j)
                column[static_cast<size_t>(b.texels[j])] = static_cast<int>(j);
            const float* mask = identity ? nullptr : model.attention[k].ptr<float>();
            std::vector<int> local(static_cast<size_t>(V), -1), active;
            std::vector<Eigen::Triplet<double>> ft;
            for (int v = 0; v < V; ++v) {
                const face::UvSampler::Taps& t = model.sampler.taps(v);
                for (int q = 0; q < 4; ++q) {
                    const int texel = t.texel[static_cast<size_t>(q)];
                    const int col = column[static_cast<size_t>(texel)];
                    double w = t.weight[static_cast<size_t>(q)];
                    if (mask) w *= mask[texel];
                    if (col < 0 || w == 0.0) continue;
                    if (local[static_cast<size_t>(v)] < 0) {
                        local[static_cast<size_t>(v)] = static_cast<int>(active.size());
                        active.push_back(v);
                    }
                    ft.emplace_back(local[static_cast<size_t>(v)], col, w);
                }
            }
            for (int texel : b.texels)
                column[static_cast<size_t>(texel)] = -1;
            const int A = static_cast<int>(active.size());
            std::vector<Eigen::Triplet<double>> mt;
            for (int outer = 0; outer < reg.outerSize(); ++outer)
                for (SparseD::InnerIterator it(reg, outer); it; ++it) {
                    const int r = local[static_cast<size_t>(it.row())],
                              c = local[static_cast<size_t>(it.col())];
                    if (r >= 0 && c >= 0) mt.emplace_back(r, c, it.value());
                }
            for (int j = 0; j < A; ++j) {
                const int v = active[static_cast<size_t>(j)];
                double h = diag_extra[v];
                if (data) {
                    const double trace = ((*data)(v, 0) + (*data)(v, 4) + (*data)(v, 8)) / 3.0;
                    h += (1.0 + damping) * trace;
                }
                mt.emplace_back(j, j, h);
            }
            SparseD M(A, A);
            M.setFromTriplets(mt.begin(), mt.end());
            SparseD F(A, block->count);
            F.setFromTriplets(ft.begin(), ft.end());
            const Eigen::Index n = block->count;
            SparseD P = SparseD(F.transpose() * M * F);
            const double mean =
                P.rows() > 0 ? P.diagonal().sum() / static_cast<double>(P.rows()) : 0.0;
            const double ridge = std::max(1e-4 * mean, 1e-9);
            SparseD I(n, n);
            I.setIdentity();
            P += ridge * I;
            block->ldlt.compute(P);
            block->sparse = block->ldlt.info() == Eigen::Success;
            if (!block->sparse) {  // fall back to Jacobi
                block->inverse = Eigen::VectorXf(3 * n);
                for (Eigen::Index j = 0; j < n; ++j)
                    block->inverse.segment<3>(3 * j).setConstant(
                        static_cast<float>(1.0 / P.coeff(j, j)));
            }
        } else if (block->count > 0) {
            const cv::Mat* diag = nullptr;
            if (b.field == CorrectionLayout::Field::StaticAlbedo &&
                !curvature.static_albedo.empty())
                diag = &curvature.static_albedo;
            if (b.field == CorrectionLayout::Field::DynamicAlbedo &&
                static_cast<size_t>(b.shape) < curvature.dynamic_albedo.size() &&
                !curvature.dynamic_albedo[static_cast<size_t>(b.shape)].empty())
                diag = &curvature.dynamic_albedo[static_cast<size_t>(b.shape)];
            const float* mask = b.field == CorrectionLayout::Field::DynamicAlbedo
                                    ? model.attention[static_cast<size_t>(b.shape)].ptr<float>()
                                    : nullptr;
            block->inverse.resize(3 * block->count);
            for (Eigen::Index j = 0; j < block->count; ++j) {
                const int texel = b.texels[static_cast<size_t>(j)];
                for (int c = 0; c < 3; ++c) {
                    double d = 2.0 * weights.albedo_prior;
                    if (diag) {
                        const double a = mask ? mask[texel] : 1.0;
                        d += a * a *
                             diag->ptr<float>()[3 * static_cast<size_t>(texel) +
                                                static_cast<size_t>(c)];
                    }
                    block->inverse[3 * j + c] = static_cast<float>(kAlbedoStep / std::max(d, 1e-6));
                }
            }
        }
        blocks_.push_back(std::move(block));
    }
}

void CorrectionPreconditioner::apply(const Eigen::VectorXf& in, Eigen::VectorXf* out) const {
    out->resize(in.size());
    for (const auto& b : blocks_) {
        if (b->count == 0) continue;
        const auto x = in.segment(b->offset, 3 * b->count);
        if (b->sparse) {
            // One factor, the three coordinates as three right-hand sides.
            Eigen::MatrixXd rhs(b->count, 3);
            for (Eigen::Index j = 0; j < b->count; ++j)
                for (int c = 0; c < 3; ++c)
                    rhs(j, c) = x[3 * j + c];
            const Eigen::MatrixXd y = b->ldlt.solve(rhs);
            for (Eigen::Index j = 0; j < b->count; ++j)
                for (int c = 0; c < 3; ++c)
                    (*out)[b->offset + 3 * j + c] = static_cast<float>(y(j, c));
        } else {
            out->segment(b->offset, 3 * b->count) = x.cwiseProduct(b->inverse);
        }
    }
}

}  // namespace likeness::fit

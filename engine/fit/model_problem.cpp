#include "engine/fit/model_problem.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>

#include "engine/face/personal_model.hpp"
#include "engine/face/uv_resample.hpp"
#include "engine/fit/image_gradient_term.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/fit/neutral_term.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/fit/photometric_term.hpp"
#include "engine/fit/tracking_regularizer.hpp"
#include "engine/render/albedo_normal_equations.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/scene_gradient.hpp"
#include "engine/render/vertex_normal_equation_blocks.hpp"

namespace likeness::fit {
namespace {

constexpr float kActiveWeight = 1e-5f;  ///< shapes below this weight get no gradient
constexpr double kMm2PerCm2 = 100.0;

void add_scaled(const cv::Mat& src, float scale, cv::Mat* dst) {
    if (dst->empty()) *dst = cv::Mat::zeros(src.size(), src.type());
    cv::scaleAdd(src, scale, *dst, *dst);
}

cv::Mat three_channels(const cv::Mat& a) {
    cv::Mat out;
    cv::merge(std::vector<cv::Mat>{a, a, a}, out);
    return out;
}

}  // namespace

/// Per-thread sums over frames (vertex gradients before Fᵀ, albedo gradients before masking)
/// and scratch buffers.
struct ModelProblem::FrameWork {
    core::MatrixX3fR G0;               ///< Σ_n ∂/∂X
    std::vector<core::MatrixX3fR> Gi;  ///< Σ_n w_i ∂/∂X (+ seed 003 eq. 11's ∂/∂B_i)
    cv::Mat T0;                        ///< Σ_n ∂/∂texel (albedo size)
    std::vector<cv::Mat> Ti;           ///< Σ_n w_i resampleᵀ(∂/∂texel) (uv size)
    TermCosts terms;
    double cost = 0.0;

    core::MatrixX3fR X, gX;
    cv::Mat albedo, adjoint, adjoint2, weight, residual, coarse;
    render::Rendering colour, parse;
    render::SceneGradient sg, sg_parse;
    render::ProjectedLandmarks landmarks;
    std::vector<Eigen::Matrix3f> blocks;
    std::vector<core::MatrixX3fR> dB;

    void reset(int vertices, int shapes) {
        G0.setZero(vertices, 3);
        Gi.assign(static_cast<size_t>(shapes), core::MatrixX3fR());
        T0.release();
        Ti.assign(static_cast<size_t>(shapes), cv::Mat());
        terms = TermCosts{};
        cost = 0.0;
    }
    core::MatrixX3fR& shape_sum(int i, int vertices) {
        core::MatrixX3fR& g = Gi[static_cast<size_t>(i)];
        if (g.rows() != vertices) g.setZero(vertices, 3);
        return g;
    }
};

ModelProblem::ModelProblem(face::PersonalModel* model, const FitContext& context,
                           const std::vector<ModelFrame>& frames, const core::Camera& frame_camera,
                           const CorrectionSet& corrections, const LossWeights& weights)
    : model_(model),
      context_(context),
      frames_(frames),
      frame_camera_(frame_camera),
      corrections_(corrections),
      weights_(weights),
      layout_(*model, corrections),
      laplacian_(model->neutral.F),
      deformation_(model->neutral.V, model->neutral.F) {
    weights_.landmark *= weights.correction_landmark;
}

double ModelProblem::frame_scale() const {
    return frames_.empty() ? 0.0 : kReferenceBatch / static_cast<double>(frames_.size());
}

Eigen::VectorXf ModelProblem::current() const {
    Eigen::VectorXf x;
    layout_.gather(CorrectionMaps::of(*model_), &x);
    return x;
}

render::Scene ModelProblem::render_frame(const FrameObservation& obs, const FrameParameters& p,
                                         core::MatrixX3fR* X, cv::Mat* albedo,
                                         render::Rendering* colour) const {
    const face::PersonalModel& m = *model_;
    m.shape(p.w, X);  // eq. 1
    const cv::Mat* texture = &m.base_albedo;
    if (m.has_dynamic_albedo) {  // eq. 2 at these weights
        m.albedo(p.w, albedo);
        texture = albedo;
    }
    render::Scene scene;
    scene.mesh = &m.neutral;
    scene.vertices = X;
    scene.albedo_uv = texture;
    scene.labels_uv = &m.parsing;
    scene.camera = obs.window.crop_camera(frame_camera_);
    scene.pose = p.pose;
    scene.lighting = p.lighting;
    render::RenderOptions ro;
    ro.mask_excluded_labels = context_.mask_excluded;
    render::render(scene, ro, colour);
    return scene;
}

void ModelProblem::set(const Eigen::VectorXf& x) {
    CorrectionMaps maps = CorrectionMaps::of(*model_);
    layout_.scatter(x, &maps);
    model_->refresh();
}

double ModelProblem::evaluate(const Eigen::VectorXf& x, Eigen::VectorXf* gradient, TermCosts* terms,
                              const core::Progress& progress) {
    set(x);
    const face::PersonalModel& m = *model_;
    const LossWeights& W = weights_;
    const int V = m.vertex_count(), S = m.shape_count(), K = static_cast<int>(frames_.size());
    const float c = static_cast<float>(frame_scale());
    const bool want_vertices = corrections_.identity_shape || corrections_.expression_shapes;
    const bool want_albedo = corrections_.static_albedo || corrections_.dynamic_albedo;
    const int threads = K >= kMinFramesForThreads ? std::max(1, omp_get_max_threads()) : 1;
    std::vector<FrameWork> work(static_cast<size_t>(threads));
    for (FrameWork& w : work)
        w.reset(V, S);
    std::atomic<bool> cancelled{false};

    // Static schedule: the same frames land on the same thread every evaluation, so the
    // threads' float sums (and the whole solve) repeat exactly for a given thread count.
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (int n = 0; n < K; ++n) {
        if (cancelled.load() || progress.cancelled()) {
            cancelled = true;
            continue;
        }
        FrameWork& fw = work[static_cast<size_t>(omp_get_thread_num())];
        const FrameObservation& obs = *frames_[static_cast<size_t>(n)].observation;
        const FrameParameters& p = frames_[static_cast<size_t>(n)].parameters;
        const render::Scene scene = render_frame(obs, p, &fw.X, &fw.albedo, &fw.colour);
        TermCosts t;
        fw.gX.setZero(V, 3);
        const bool pixels = W.photometric > 0.0 || W.image_gradient > 0.0;
        if (pixels) {
            fw.adjoint = cv::Mat::zeros(obs.image.size(), CV_32FC3);
            if (W.photometric > 0.0) {
                t.photometric =
                    photometric_loss(fw.colour, obs.image, static_cast<float>(W.photometric) * c,
                                     {gradient ? &fw.adjoint2 : nullptr});
                if (gradient) fw.adjoint += fw.adjoint2;
            }
            if (W.image_gradient > 0.0) {
                t.image_gradient = image_gradient_loss(fw.colour, obs.image,
                                                       static_cast<float>(W.image_gradient) * c,
                                                       {gradient ? &fw.adjoint2 : nullptr});
                if (gradient) fw.adjoint += fw.adjoint2;
            }
            if (gradient && (want_vertices || want_albedo)) {
                render::GradientRequest request;
                request.vertices = want_vertices;
                request.albedo = want_albedo;
                render::scene_gradient(scene, fw.colour, fw.adjoint, request, &fw.sg);
                if (want_vertices) fw.gX += fw.sg.vertices;
            }
        }
        if (W.landmark > 0.0) {
            render::project_landmarks(fw.X, landmark_vertices(), scene.camera, p.pose,
                                      gradient != nullptr, &fw.landmarks);
            t.landmark = landmark_loss(fw.landmarks, obs.landmarks_px, obs.image.cols);
            if (gradient && want_vertices)
                render::add_landmark_vertex_gradient(
                    fw.landmarks, obs.landmarks_px,
                    landmark_gn_weights(obs.image.cols, static_cast<float>(W.landmark) * c),
                    &fw.gX);
        }
        if (W.parsing > 0.0 && !obs.parsing.empty()) {
            render::Scene ps = scene;
            ps.albedo_uv = &context_.parsing_code;
            ps.labels_uv = nullptr;
            render::RenderOptions po;
            po.lit = false;
            render::render(ps, po, &fw.parse);
            t.parsing = parsing_loss(fw.parse, obs.parsing, static_cast<float>(W.parsing) * c,
                                     {gradient ? &fw.adjoint2 : nullptr});
            if (gradient && want_vertices) {
                render::scene_gradient(ps, fw.parse, fw.adjoint2, {}, &fw.sg_parse);
                fw.gX += fw.sg_parse.vertices;
            }
        }
        if (W.regularization > 0.0) {
            t.weight_l1 = weight_l1(p.w);
            t.lighting = lighting_regularizer(p.lighting, W.lighting_norm);
        }
        if (W.neutral > 0.0 && obs.neutral) {
            fw.dB.clear();
            t.neutral = neutral_loss(m.shape_deltas, p.w, nullptr,
                                     gradient && corrections_.expression_shapes ? &fw.dB : nullptr);
            for (size_t i = 0; i < fw.dB.size(); ++i)
                if (p.w[static_cast<Eigen::Index>(i)] > 0.f)
                    fw.shape_sum(static_cast<int>(i), V) +=
                        static_cast<float>(W.neutral) * c * fw.dB[i];
        }
        t.weigh(W);
        fw.cost += c * t.total;
        fw.terms += t;
        if (!gradient) continue;
        if (corrections_.identity_shape) fw.G0 += fw.gX;
        if (corrections_.expression_shapes)
            for (int i = 0; i < S; ++i)
                if (p.w[i] > kActiveWeight) fw.shape_sum(i, V) += p.w[i] * fw.gX;
        if (pixels && corrections_.static_albedo) add_scaled(fw.sg.albedo, 1.f, &fw.T0);
        if (pixels && corrections_.dynamic_albedo) {
            fw.coarse.release();
            face::add_resampled_transpose(fw.sg.albedo, 1.f, m.uv_size(), &fw.coarse);
            for (int i = 0; i < S; ++i)
                if (p.w[i] > kActiveWeight)
                    add_scaled(fw.coarse, p.w[i], &fw.Ti[static_cast<size_t>(i)]);
        }
    }
    if (cancelled) throw core::Cancelled();

    // Reduce the threads' sums into work[0].
    FrameWork& acc = work[0];
    for (size_t k = 1; k < work.size(); ++k) {
        FrameWork& o = work[k];
        acc.cost += o.cost;
        acc.terms += o.terms;
        if (!gradient) continue;
        acc.G0 += o.G0;
        for (int i = 0; i < S; ++i) {
            if (o.Gi[static_cast<size_t>(i)].rows() == V)
                acc.shape_sum(i, V) += o.Gi[static_cast<size_t>(i)];
            if (!o.Ti[static_cast<size_t>(i)].empty())
                add_scaled(o.Ti[static_cast<size_t>(i)], 1.f, &acc.Ti[static_cast<size_t>(i)]);
        }
        if (!o.T0.empty()) add_scaled(o.T0, 1.f, &acc.T0);
    }
    double cost = acc.cost;
    TermCosts model_terms;
    // Eq. 6 on F(Δ0^S).
    if (corrections_.identity_shape && W.smoothness > 0.0) {
        core::MatrixX3fR g;
        model_terms.smoothness = laplacian_.value(m.identity_offset, gradient ? &g : nullptr);
        if (gradient) acc.G0 += static_cast<float>(W.smoothness) * g;
    }
    if (corrections_.expression_shapes) {
        const float prior_scale = static_cast<float>(W.shape_prior * kMm2PerCm2 / V);
        for (int i = 0; i < S; ++i) {
            const size_t k = static_cast<size_t>(i);
            const core::MatrixX3fR D = m.shape_deltas[k] - m.template_deltas[k];
            if (D.isZero(0.f)) continue;
            if (W.blendshape_gradient > 0.0) {  // eq. 7
                const core::MatrixX3fR Si = m.neutral.V + m.template_deltas[k];
                core::MatrixX3fR g;
                model_terms.blendshape_gradient +=
                    deformation_.value(Si, D, gradient ? &g : nullptr);
                if (gradient) acc.shape_sum(i, V) += static_cast<float>(W.blendshape_gradient) * g;
            }
            if (W.shape_smoothness > 0.0) {  // eq. 6 on F(A_i Δ_i^S), ours (loss_weights.hpp)
                core::MatrixX3fR g;
                model_terms.priors +=
                    W.shape_smoothness * laplacian_.value(D, gradient ? &g : nullptr);
                if (gradient) acc.shape_sum(i, V) += static_cast<float>(W.shape_smoothness) * g;
            }
            if (W.shape_prior > 0.0) {
                model_terms.priors += prior_scale * static_cast<double>(D.squaredNorm());
                if (gradient) acc.shape_sum(i, V) += 2.f * prior_scale * D;
            }
        }
    }
    CorrectionMaps grad;
    if (gradient) grad = CorrectionMaps::zeros_like(m);
    if (corrections_.static_albedo && W.albedo_prior > 0.0) {
        model_terms.priors += W.albedo_prior * cv::norm(m.static_albedo, cv::NORM_L2SQR);
        if (gradient)
            add_scaled(m.static_albedo, static_cast<float>(2.0 * W.albedo_prior), &acc.T0);
    }
    if (gradient) {
        if (corrections_.identity_shape) m.sampler.scatter_add(acc.G0, 1.f, &grad.identity_shape);
        for (int i = 0; i < S; ++i) {
            const size_t k = static_cast<size_t>(i);
            if (corrections_.expression_shapes && acc.Gi[k].rows() == V)
                m.sampler.scatter_add_masked(acc.Gi[k], m.attention[k], 1.f, &grad.shapes[k]);
            if (corrections_.dynamic_albedo) {
                cv::Mat g = acc.Ti[k].empty() ? cv::Mat::zeros(m.uv_size(), m.uv_size(), CV_32FC3)
                                              : acc.Ti[k];
                g = g.mul(three_channels(m.attention[k]));
                if (W.albedo_prior > 0.0)
                    cv::scaleAdd(m.dynamic_albedo[k], 2.0 * W.albedo_prior, g, g);
                grad.dynamic_albedo[k] = g;
            }
        }
        if (corrections_.static_albedo && !acc.T0.empty()) grad.static_albedo = acc.T0;
        layout_.gather(grad, gradient);
    }
    if (corrections_.dynamic_albedo && W.albedo_prior > 0.0)
        for (const cv::Mat& d : m.dynamic_albedo)
            model_terms.priors += W.albedo_prior * cv::norm(d, cv::NORM_L2SQR);
    cost += W.smoothness * model_terms.smoothness +
            W.blendshape_gradient * model_terms.blendshape_gradient + model_terms.priors;
    if (terms) {
        *terms = acc.terms;
        terms->smoothness = model_terms.smoothness;
        terms->blendshape_gradient = model_terms.blendshape_gradient;
        terms->priors = model_terms.priors;
        terms->total = cost;
    }
    return cost;
}

DataCurvature ModelProblem::data_curvature() {
    const face::PersonalModel& m = *model_;
    const LossWeights& W = weights_;
    const int V = m.vertex_count(), S = m.shape_count(), K = static_cast<int>(frames_.size());
    const float c = static_cast<float>(frame_scale());
    const int threads = K >= kMinFramesForThreads ? std::max(1, omp_get_max_threads()) : 1;
    struct Work {
        VertexBlocks B0, Bx;
        std::vector<VertexBlocks> Bi;
        cv::Mat T0, coarse, weight, residual;
        std::vector<cv::Mat> Ti;
        core::MatrixX3fR X;
        cv::Mat albedo;
        render::Rendering colour, parse;
        render::ProjectedLandmarks landmarks;
        std::vector<Eigen::Matrix3f> blocks;
    };
    std::vector<Work> work(static_cast<size_t>(threads));
    for (Work& w : work) {
        w.B0.setZero(V, 9);
        w.Bi.assign(static_cast<size_t>(S), VertexBlocks());
        w.Ti.assign(static_cast<size_t>(S), cv::Mat());
    }
    auto add_blocks = [](const std::vector<Eigen::Matrix3f>& blocks, VertexBlocks* out) {
        for (size_t v = 0; v < blocks.size(); ++v)
            out->row(static_cast<Eigen::Index>(v)) +=
                Eigen::Map<const Eigen::Matrix<float, 1, 9>>(blocks[v].data());
    };
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)  // see evaluate
    for (int n = 0; n < K; ++n) {
        Work& fw = work[static_cast<size_t>(omp_get_thread_num())];
        const FrameObservation& obs = *frames_[static_cast<size_t>(n)].observation;
        const FrameParameters& p = frames_[static_cast<size_t>(n)].parameters;
        const render::Scene scene = render_frame(obs, p, &fw.X, &fw.albedo, &fw.colour);
        // Exact 3×3 vertex blocks: photometric (IRLS; the image-gradient term's share counted
        // with it), landmarks (each landmark moves with one vertex), parsing.
        fw.Bx.setZero(V, 9);
        photometric_loss(fw.colour, obs.image,
                         static_cast<float>(W.photometric + W.image_gradient) * c,
                         {nullptr, &fw.weight});
        render::vertex_normal_equation_blocks(scene, fw.colour, fw.weight, &fw.blocks);
        add_blocks(fw.blocks, &fw.Bx);
        if (W.landmark > 0.0) {
            render::project_landmarks(fw.X, landmark_vertices(), scene.camera, p.pose, true,
                                      &fw.landmarks);
            const Eigen::VectorXf lw =
                landmark_gn_weights(obs.image.cols, static_cast<float>(W.landmark) * c);
            for (size_t l = 0; l < fw.landmarks.vertex.size(); ++l) {
                const auto& J = fw.landmarks.jacobians[l].d_vertex;
                const Eigen::Matrix3f b = lw[static_cast<Eigen::Index>(l)] * J.transpose() * J;
                fw.Bx.row(fw.landmarks.vertex[l]) +=
                    Eigen::Map<const Eigen::Matrix<float, 1, 9>>(b.data());
            }
        }
        if (W.parsing > 0.0 && !obs.parsing.empty()) {
            render::Scene ps = scene;
            ps.albedo_uv = &context_.parsing_code;
            ps.labels_uv = nullptr;
            render::RenderOptions po;
            po.lit = false;
            render::render(ps, po, &fw.parse);
            cv::Mat pw;
            parsing_loss(fw.parse, obs.parsing, static_cast<float>(W.parsing) * c, {nullptr, &pw});
            render::vertex_normal_equation_blocks(ps, fw.parse, pw, &fw.blocks);
            add_blocks(fw.blocks, &fw.Bx);
        }
        if (corrections_.identity_shape) fw.B0 += fw.Bx;
        if (corrections_.expression_shapes)
            for (int i = 0; i < S; ++i)
                if (p.w[i] > kActiveWeight) {
                    VertexBlocks& b = fw.Bi[static_cast<size_t>(i)];
                    if (b.rows() != V) b.setZero(V, 9);
                    b += (p.w[i] * p.w[i]) * fw.Bx;
                }
        if (corrections_.static_albedo || corrections_.dynamic_albedo) {
            cv::subtract(fw.colour.colour, obs.image, fw.residual);
            cv::Mat diag, rhs;
            render::albedo_normal_equations(scene, fw.colour, fw.residual, fw.weight, &diag, &rhs);
            if (corrections_.static_albedo) add_scaled(diag, 1.f, &fw.T0);
            if (corrections_.dynamic_albedo) {
                fw.coarse.release();
                face::add_resampled_transpose(diag, 1.f, m.uv_size(), &fw.coarse);
                for (int i = 0; i < S; ++i)
                    if (p.w[i] > kActiveWeight)
                        add_scaled(fw.coarse, p.w[i] * p.w[i], &fw.Ti[static_cast<size_t>(i)]);
            }
        }
    }
    Work& acc = work[0];
    for (size_t k = 1; k < work.size(); ++k) {
        acc.B0 += work[k].B0;
        for (int i = 0; i < S; ++i) {
            const size_t j = static_cast<size_t>(i);
            if (work[k].Bi[j].rows() == V) {
                if (acc.Bi[j].rows() != V) acc.Bi[j].setZero(V, 9);
                acc.Bi[j] += work[k].Bi[j];
            }
            if (!work[k].Ti[j].empty()) add_scaled(work[k].Ti[j], 1.f, &acc.Ti[j]);
        }
        if (!work[k].T0.empty()) add_scaled(work[k].T0, 1.f, &acc.T0);
    }
    DataCurvature out;
    if (corrections_.identity_shape) out.identity = std::move(acc.B0);
    if (corrections_.expression_shapes) out.shapes = std::move(acc.Bi);
    if (corrections_.static_albedo) out.static_albedo = acc.T0;
    if (corrections_.dynamic_albedo) out.dynamic_albedo = acc.Ti;
    return out;
}

}  // namespace likeness::fit

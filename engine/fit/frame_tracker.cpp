#include "engine/fit/frame_tracker.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <utility>

#include "engine/face/personal_model.hpp"
#include "engine/fit/deferred_directions.hpp"
#include "engine/fit/image_gradient_term.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/fit/neutral_term.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/fit/photometric_term.hpp"
#include "engine/fit/pixel_rows.hpp"
#include "engine/fit/tracking_regularizer.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/photometric_normal_equations.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::fit {
using render::SceneParameter;

const char* to_string(Termination t) {
    switch (t) {
        case Termination::Converged:
            return "converged";
        case Termination::MaxIterations:
            return "max_iterations";
        case Termination::NoProgress:
            return "no_progress";
        case Termination::NonFinite:
            return "non_finite";
        case Termination::NoObservation:
            return "no_observation";
    }
    return "?";
}

bool TrackerOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!weights.is_valid(error)) return false;
    if (max_iterations < 0 || max_iterations > 1000)
        return fail("max_iterations must be in [0, 1000]");
    if (!(relative_tolerance >= 0.0 && relative_tolerance < 1.0))
        return fail("relative_tolerance must be in [0, 1)");
    if (!(initial_damping > 0.0 && std::isfinite(initial_damping)))
        return fail("initial_damping must be positive");
    if (landmark_warmup_iterations < 0 || landmark_warmup_iterations > 100)
        return fail("landmark_warmup_iterations must be in [0, 100]");
    return true;
}

namespace {

/// TrackerOptions::checkerboard_hessian's weights: w at pixels with x + y even, doubled; 0 at
/// the others (CV_32F).
void every_other_pixel(const cv::Mat& w, cv::Mat* out) {
    assert(w.type() == CV_32F);
    out->create(w.size(), CV_32F);
    for (int y = 0; y < w.rows; ++y) {
        const float* a = w.ptr<float>(y);
        float* o = out->ptr<float>(y);
        for (int x = 0; x < w.cols; ++x)
            o[x] = ((x + y) & 1) == 0 ? 2.f * a[x] : 0.f;
    }
}

}  // namespace

struct FrameTracker::State {
    FrameParameters p;
    core::Camera camera;  ///< the crop's camera
    core::MatrixX3fR X;
    cv::Mat albedo, albedo_sum;  ///< eq. 2 and its scratch (PersonalModel::albedo)
    render::Scene scene, parse_scene;
    render::Rendering colour, parse;
    render::ProjectedLandmarks landmarks;
    TermCosts costs;
    bool has_parse = false;
};

struct FrameTracker::Linearisation {
    Eigen::MatrixXd H;
    Eigen::VectorXd g;
    PixelRows rows, parse_rows;
    cv::Mat residual, w_ph, w_grad, parse_residual, w_pa;
    cv::Mat w_ph_half, w_grad_half;  ///< H's weights with checkerboard_hessian
    cv::Mat parse_select;  ///< pixels whose parsing rows are not zero (parsing_row_pixels)
    std::vector<float> gathered;  ///< accumulate_pixel_and_difference_terms' scratch
    std::vector<float> adjoint, vertex_adjoint;  ///< g = Jᵀa (deferred_directions.hpp)
    std::vector<int> directions;                 ///< the direction columns H needs
    render::ProjectedLandmarks landmarks;
    render::NormalEquations lm;
    LightingQuadratic lq;
    NeutralQuadratic nq;
    std::vector<unsigned char> columns;  ///< H's columns for this step (the unknowns solved)
};

FrameTracker::FrameTracker(const FitContext& context, const TrackerOptions& options)
    : context_(context),
      options_(options),
      current_(new State),
      candidate_(new State),
      lin_(new Linearisation) {}

FrameTracker::~FrameTracker() {
    delete current_;
    delete candidate_;
    delete lin_;
}

void FrameTracker::evaluate_state(const FrameObservation& obs, State* s) {
    const face::PersonalModel& m = *context_.model;
    const LossWeights& W = options_.weights;
    m.shape(s->p.w, &s->X);
    const cv::Mat* albedo = &m.base_albedo;
    if (m.has_dynamic_albedo) {
        m.albedo(s->p.w, &s->albedo, &s->albedo_sum);
        albedo = &s->albedo;
    }
    render::Scene& sc = s->scene;
    sc.mesh = &m.neutral;
    sc.vertices = &s->X;
    sc.albedo_uv = albedo;
    sc.labels_uv = &m.parsing;
    sc.camera = s->camera;
    sc.pose = s->p.pose;
    sc.lighting = s->p.lighting;
    render::RenderOptions ro;
    ro.mask_excluded_labels = context_.mask_excluded;
    render::render(sc, ro, &s->colour);

    TermCosts& c = s->costs;
    c = TermCosts{};
    if (W.photometric > 0.0) c.photometric = photometric_loss(s->colour, obs.image, 1.f, {});
    if (W.image_gradient > 0.0)
        c.image_gradient = image_gradient_loss(s->colour, obs.image, 1.f, {});
    if (W.landmark > 0.0) {
        render::project_landmarks(s->X, landmark_vertices(), s->camera, s->p.pose, false,
                                  &s->landmarks);
        c.landmark = landmark_loss(s->landmarks, obs.landmarks_px, obs.image.cols);
    }
    s->has_parse = W.parsing > 0.0 && !obs.parsing.empty();
    if (s->has_parse) {
        s->parse_scene = sc;
        s->parse_scene.albedo_uv = &context_.parsing_code;
        s->parse_scene.labels_uv = nullptr;
        render::RenderOptions po;
        po.lit = false;
        render::render_same_geometry(s->parse_scene, po, s->colour, &s->parse);
        c.parsing = parsing_loss(s->parse, obs.parsing, 1.f, {});
    }
    if (W.regularization > 0.0) {
        c.weight_l1 = weight_l1(s->p.w);
        c.lighting = lighting_regularizer(s->p.lighting, W.lighting_norm);
    }
    if (W.neutral > 0.0 && obs.neutral) c.neutral = neutral_loss(m.shape_deltas, s->p.w);
    c.weigh(W);
}

void FrameTracker::linearise_gradient(const FrameObservation& obs, const State& s,
                                      Linearisation* lin) {
    const face::PersonalModel& m = *context_.model;
    const LossWeights& W = options_.weights;
    const int K = m.shape_count(), C = SceneParameter::kCount + K;
    lin->g.setZero(C);
    NormalDirections nd;
    if (!options_.exact_normal_directions) nd.given = &context_.neutral_normal_directions;
    const VertexBasis* grouped =
        context_.grouped_basis.directions == K ? &context_.grouped_basis : nullptr;
    // The direction columns wait until the step knows which weights it moves (linearise_hessian);
    // g gets them through the rows' adjoints.
    if (W.photometric > 0.0 || W.image_gradient > 0.0) {
        cv::subtract(s.colour.colour, obs.image, lin->residual);
        pixel_rows(s.scene, s.colour, m.shape_deltas, cv::Mat(), nd, &lin->rows, grouped,
                   can_defer_directions(s.colour, nd, grouped));
        lin->adjoint.assign(3 * lin->rows.pixels.size(), 0.f);
        if (W.photometric > 0.0) {
            photometric_loss(s.colour, obs.image, static_cast<float>(W.photometric),
                             {nullptr, &lin->w_ph});
            add_pixel_term_adjoint(lin->rows, lin->residual, lin->w_ph, &lin->adjoint);
        }
        if (W.image_gradient > 0.0) {
            image_gradient_loss(s.colour, obs.image, static_cast<float>(W.image_gradient),
                                {nullptr, &lin->w_grad});
            add_difference_term_adjoint(lin->rows, lin->residual, lin->w_grad, obs.image.cols,
                                        &lin->adjoint);
        }
        add_adjoint_gradient(lin->rows, lin->adjoint, grouped, &lin->g, &lin->vertex_adjoint);
    }
    if (s.has_parse) {
        cv::subtract(s.parse.colour, obs.parsing, lin->parse_residual);
        parsing_loss(s.parse, obs.parsing, static_cast<float>(W.parsing), {nullptr, &lin->w_pa});
        parsing_row_pixels(s.parse, context_.parsing_code, &lin->parse_select);
        pixel_rows(s.parse_scene, s.parse, m.shape_deltas, lin->parse_select, nd, &lin->parse_rows,
                   grouped, can_defer_directions(s.parse, nd, grouped));
        lin->adjoint.assign(3 * lin->parse_rows.pixels.size(), 0.f);
        add_pixel_term_adjoint(lin->parse_rows, lin->parse_residual, lin->w_pa, &lin->adjoint);
        add_adjoint_gradient(lin->parse_rows, lin->adjoint, grouped, &lin->g, &lin->vertex_adjoint);
    }
    if (W.landmark > 0.0) {
        render::project_landmarks(s.X, landmark_vertices(), s.camera, s.p.pose, true,
                                  &lin->landmarks);
        render::landmark_normal_equations(
            lin->landmarks, obs.landmarks_px,
            landmark_gn_weights(obs.image.cols, static_cast<float>(W.landmark)), m.shape_deltas,
            &lin->lm);
        lin->g += lin->lm.JtWr;
    }
    if (W.regularization > 0.0) {
        lin->g.tail(K).array() += W.regularization;
        lighting_regularizer(s.p.lighting, W.lighting_norm, &lin->lq);
        lin->g.segment<27>(SceneParameter::kLighting) += W.regularization * lin->lq.g;
    }
    if (W.neutral > 0.0 && obs.neutral) {
        neutral_loss(m.shape_deltas, s.p.w, &lin->nq);
        lin->g.tail(K) += W.neutral * lin->nq.g;
    }
}

void FrameTracker::linearise_hessian(const FrameObservation& obs, const State& s,
                                     const std::vector<unsigned char>* columns,
                                     Linearisation* lin) {
    const LossWeights& W = options_.weights;
    const int K = context_.model->shape_count(), C = SceneParameter::kCount + K;
    lin->directions.clear();
    for (int i = 0; i < K; ++i)
        if (!columns || (*columns)[static_cast<size_t>(SceneParameter::kCount + i)])
            lin->directions.push_back(i);
    const bool colour_rows = W.photometric > 0.0 || W.image_gradient > 0.0;
    if (colour_rows && lin->rows.deferred)
        fill_direction_columns(context_.grouped_basis, lin->directions, &lin->rows);
    if (s.has_parse && lin->parse_rows.deferred)
        fill_direction_columns(context_.grouped_basis, lin->directions, &lin->parse_rows);
    lin->H.setZero(C, C);
    if (W.photometric > 0.0 && W.image_gradient > 0.0) {
        const cv::Mat* wp = &lin->w_ph;
        const cv::Mat* wd = &lin->w_grad;
        if (options_.checkerboard_hessian) {
            every_other_pixel(lin->w_ph, &lin->w_ph_half);
            every_other_pixel(lin->w_grad, &lin->w_grad_half);
            wp = &lin->w_ph_half;
            wd = &lin->w_grad_half;
        }
        accumulate_pixel_and_difference_terms(lin->rows, lin->residual, *wp, *wd, obs.image.cols,
                                              &lin->H, nullptr, columns, &lin->gathered);
    } else if (W.photometric > 0.0) {
        accumulate_pixel_terms(lin->rows, lin->residual, lin->w_ph, &lin->H, nullptr, columns);
    } else if (W.image_gradient > 0.0) {
        accumulate_difference_terms(lin->rows, lin->residual, lin->w_grad, obs.image.cols, &lin->H,
                                    nullptr, columns);
    }
    if (s.has_parse)
        accumulate_pixel_terms(lin->parse_rows, lin->parse_residual, lin->w_pa, &lin->H, nullptr,
                               columns);
    lin->H.triangularView<Eigen::StrictlyUpper>() = lin->H.transpose();
    if (W.landmark > 0.0) lin->H += lin->lm.JtWJ;
    if (W.regularization > 0.0)
        lin->H.block<27, 27>(SceneParameter::kLighting, SceneParameter::kLighting) +=
            W.regularization * lin->lq.H;
    if (W.neutral > 0.0 && obs.neutral) lin->H.bottomRightCorner(K, K) += W.neutral * lin->nq.H;
}

void FrameTracker::linearise(const FrameObservation& obs, const State& s, Linearisation* lin) {
    linearise_gradient(obs, s, lin);
    linearise_hessian(obs, s, nullptr, lin);
}

void FrameTracker::landmark_warmup(const FrameObservation& obs, const core::Camera& camera,
                                   FrameParameters* params) {
    const face::PersonalModel& m = *context_.model;
    const core::MatrixX3fR X = m.shape(params->w);
    const Eigen::VectorXf w = landmark_gn_weights(obs.image.cols, 1.f);
    render::ProjectedLandmarks pl;
    render::NormalEquations ne;
    double lambda = 1e-3;
    for (int it = 0; it < options_.landmark_warmup_iterations; ++it) {
        render::project_landmarks(X, landmark_vertices(), camera, params->pose, true, &pl);
        render::landmark_normal_equations(pl, obs.landmarks_px, w, {}, &ne);
        const Eigen::Matrix<double, 6, 6> H = ne.JtWJ.topLeftCorner<6, 6>();
        const Eigen::Matrix<double, 6, 1> g = ne.JtWr.head<6>();
        for (int attempt = 0; attempt < 6; ++attempt) {
            Eigen::Matrix<double, 6, 6> A = H;
            A.diagonal() += lambda * H.diagonal() + Eigen::Matrix<double, 6, 1>::Constant(1e-9);
            const Eigen::Matrix<double, 6, 1> d = -A.ldlt().solve(g);
            if (!d.allFinite()) return;
            core::Pose trial = params->pose;
            trial.rotation += d.head<3>().cast<float>();
            trial.translation_cm += d.tail<3>().cast<float>();
            render::ProjectedLandmarks tp;
            render::project_landmarks(X, landmark_vertices(), camera, trial, false, &tp);
            if (landmark_loss(tp, obs.landmarks_px, obs.image.cols) <
                landmark_loss(pl, obs.landmarks_px, obs.image.cols)) {
                params->pose = trial;
                lambda = std::max(lambda / 3.0, 1e-9);
                break;
            }
            lambda *= 10.0;
        }
    }
}

TermCosts FrameTracker::evaluate(const FrameObservation& observation,
                                 const core::Camera& frame_camera, const FrameParameters& params) {
    current_->p = params;
    current_->camera = observation.window.crop_camera(frame_camera);
    evaluate_state(observation, current_);
    return current_->costs;
}

void FrameTracker::normal_equations(const FrameObservation& observation,
                                    const core::Camera& frame_camera, const FrameParameters& params,
                                    Eigen::MatrixXd* H, Eigen::VectorXd* g) {
    evaluate(observation, frame_camera, params);
    linearise(observation, *current_, lin_);
    *H = lin_->H;
    *g = lin_->g;
}

TrackerSummary FrameTracker::track(const FrameObservation& obs, const core::Camera& frame_camera,
                                   FrameParameters* params) {
    const auto start = std::chrono::steady_clock::now();
    TrackerSummary summary;
    const face::PersonalModel& m = *context_.model;
    const int K = m.shape_count(), C = SceneParameter::kCount + K;
    if (obs.image.empty() || obs.landmarks_px.rows() < kLandmarkCount) {
        summary.message = "no face in this frame";
        return summary;
    }
    const core::Camera camera = obs.window.crop_camera(frame_camera);
    if (options_.landmark_warmup_iterations > 0) landmark_warmup(obs, camera, params);
    current_->p = *params;
    current_->camera = camera;
    candidate_->camera = camera;
    evaluate_state(obs, current_);
    summary.initial_terms = summary.final_terms = current_->costs;
    summary.initial_cost = summary.final_cost = current_->costs.total;
    if (!std::isfinite(summary.initial_cost)) {
        summary.termination = Termination::NonFinite;
        summary.message = "the starting parameters give a non-finite cost";
        return summary;
    }
    const bool sigmoid = options_.weight_step == WeightStep::Sigmoid;
    double lambda = options_.initial_damping;
    summary.termination = Termination::MaxIterations;
    bool fresh = false;  // lin_ is at current_
    std::vector<int> active;
    Eigen::VectorXd scale;  // column scaling (σ' for the sigmoid step)
    for (int it = 0; it < options_.max_iterations; ++it) {
        linearise_gradient(obs, *current_, lin_);
        ++summary.iterations;
        if (!lin_->g.allFinite()) {
            summary.termination = Termination::NonFinite;
            summary.message = "non-finite normal equations at iteration " + std::to_string(it);
            break;
        }
        const Eigen::VectorXf& w = current_->p.w;
        active.clear();
        scale = Eigen::VectorXd::Ones(C);
        if (options_.solve_pose)
            for (int j = 0; j < 6; ++j)
                active.push_back(j);
        if (options_.solve_lighting)
            for (int j = 0; j < 27; ++j)
                active.push_back(SceneParameter::kLighting + j);
        if (options_.solve_weights)
            for (int i = 0; i < K; ++i) {
                const int col = SceneParameter::kCount + i;
                if (sigmoid) {
                    const double wi = std::clamp(w[i], kLogitEpsilon, 1.f - kLogitEpsilon);
                    scale[col] = wi * (1.0 - wi);
                } else if ((w[i] <= 0.f && lin_->g[col] > 0.0) ||
                           (w[i] >= 1.f && lin_->g[col] < 0.0)) {
                    continue;  // held at its bound
                }
                active.push_back(col);
            }
        const int n = static_cast<int>(active.size());
        if (n == 0) break;
        // H only where the step needs it (held weights have neither rows nor columns in it).
        lin_->columns.assign(static_cast<size_t>(C), 0);
        for (int col : active)
            lin_->columns[static_cast<size_t>(col)] = 1;
        linearise_hessian(obs, *current_, &lin_->columns, lin_);
        fresh = true;
        if (!lin_->H.allFinite()) {
            summary.termination = Termination::NonFinite;
            summary.message = "non-finite normal equations at iteration " + std::to_string(it);
            break;
        }
        Eigen::MatrixXd A0(n, n);
        Eigen::VectorXd b(n);
        for (int a = 0; a < n; ++a) {
            b[a] = scale[active[a]] * lin_->g[active[a]];
            for (int c = 0; c < n; ++c)
                A0(a, c) = scale[active[a]] * scale[active[c]] * lin_->H(active[a], active[c]);
        }
        bool accepted = false;
        for (int attempt = 0; attempt < 10 && !accepted; ++attempt) {
            Eigen::MatrixXd A = A0;
            A.diagonal() += lambda * A0.diagonal().cwiseMax(1e-9 * A0.diagonal().maxCoeff()) +
                            Eigen::VectorXd::Constant(n, 1e-12);
            const Eigen::VectorXd d = -A.ldlt().solve(b);
            if (!d.allFinite()) {
                lambda *= 10.0;
                continue;
            }
            FrameParameters& q = candidate_->p;
            q = current_->p;
            for (int a = 0; a < n; ++a) {
                const int col = active[a];
                const float step = static_cast<float>(d[a]);
                if (col < 3) {
                    q.pose.rotation[col] += step;
                } else if (col < 6) {
                    q.pose.translation_cm[col - 3] += step;
                } else if (col < SceneParameter::kCount) {
                    q.lighting.gamma[static_cast<size_t>(col - SceneParameter::kLighting)] += step;
                } else {
                    const int i = col - SceneParameter::kCount;
                    q.w[i] = sigmoid ? fit::sigmoid(logit(q.w[i]) + step)
                                     : std::clamp(q.w[i] + step, 0.f, 1.f);
                }
            }
            evaluate_state(obs, candidate_);
            const double cost = candidate_->costs.total;
            if (std::isfinite(cost) && cost < current_->costs.total) {
                const double decrease = current_->costs.total - cost;
                const double before = current_->costs.total;
                std::swap(current_, candidate_);
                fresh = false;
                accepted = true;
                lambda = std::max(lambda / 3.0, 1e-9);
                if (decrease < options_.relative_tolerance * before) {
                    summary.termination = Termination::Converged;
                }
            } else {
                lambda *= 10.0;
            }
        }
        if (!accepted) {
            summary.termination = Termination::NoProgress;
            summary.message = "no step lowered the cost (a minimum within the solver's precision)";
            break;
        }
        if (summary.termination == Termination::Converged) break;
    }
    if (summary.termination == Termination::NonFinite) {
        // Leave the parameters as they came in (plus any accepted, finite steps).
    }
    if (options_.focal_terms && summary.termination != Termination::NonFinite) {
        // The focal row needs H on every column: complete it at the current state.
        if (fresh)
            linearise_hessian(obs, *current_, nullptr, lin_);
        else
            linearise(obs, *current_, lin_);
        std::vector<int> act;
        for (int j = 0; j < 6; ++j)
            act.push_back(j);
        for (int j = 0; j < 27; ++j)
            act.push_back(SceneParameter::kLighting + j);
        for (int i = 0; i < K; ++i)
            if (current_->p.w[i] > 0.f && current_->p.w[i] < 1.f)
                act.push_back(SceneParameter::kCount + i);
        const int n = static_cast<int>(act.size());
        Eigen::MatrixXd Haa(n, n);
        Eigen::VectorXd ga(n), hfa(n);
        for (int a = 0; a < n; ++a) {
            ga[a] = lin_->g[act[a]];
            hfa[a] = lin_->H(SceneParameter::kFocal, act[a]);
            for (int c = 0; c < n; ++c)
                Haa(a, c) = lin_->H(act[a], act[c]);
        }
        Haa.diagonal() += 1e-9 * Haa.diagonal().cwiseAbs().maxCoeff() * Eigen::VectorXd::Ones(n);
        const auto ldlt = Haa.ldlt();
        const double s = obs.window.frame_px_per_crop_px();
        const double a =
            lin_->H(SceneParameter::kFocal, SceneParameter::kFocal) - hfa.dot(ldlt.solve(hfa));
        const double bb = lin_->g[SceneParameter::kFocal] - hfa.dot(ldlt.solve(ga));
        if (std::isfinite(a) && std::isfinite(bb)) {
            summary.focal_a = a / (s * s);
            summary.focal_b = bb / s;
        }
    }
    *params = current_->p;
    summary.final_terms = current_->costs;
    summary.final_cost = current_->costs.total;
    if (summary.message.empty()) summary.message = to_string(summary.termination);
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

FrameParameters initial_parameters(const face::PersonalModel& model,
                                   const FrameObservation& observation,
                                   const core::Camera& frame_camera) {
    FrameParameters p = neutral_parameters(model.shape_count());
    const core::Camera camera = observation.window.crop_camera(frame_camera);
    const int L = kLandmarkCount;
    const core::MatrixX3fR X = (model.neutral.V + model.identity_offset).topRows(L);
    const Eigen::RowVector3f X_mean = X.colwise().mean();
    const Eigen::RowVector2f y_mean = observation.landmarks_px.topRows(L).colwise().mean();
    double spread_cm = 0.0, spread_px = 0.0;
    for (int l = 0; l < L; ++l) {
        spread_cm += (X.row(l).head<2>() - X_mean.head<2>()).squaredNorm();
        spread_px += (observation.landmarks_px.row(l) - y_mean).squaredNorm();
    }
    const float depth =
        static_cast<float>(camera.focal_px * std::sqrt(spread_cm / std::max(spread_px, 1e-6)));
    p.pose.rotation.setZero();
    p.pose.translation_cm = camera.unproject(y_mean.transpose(), depth) - X_mean.transpose();
    return p;
}

}  // namespace likeness::fit

#include "engine/eval/sequence_score.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <stdexcept>

#include "engine/eval/albedo_error.hpp"
#include "engine/eval/expression_energy.hpp"
#include "engine/eval/landmark_nme.hpp"
#include "engine/eval/photometric_error.hpp"
#include "engine/eval/sequence_renderer.hpp"
#include "engine/eval/surface_error.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::eval {
namespace {

using nlohmann::json;

class Accumulator {
  public:
    void add(double x) {
        sum_ += x;
        sum2_ += x * x;
        ++n_;
    }
    FrameStat stat() const {
        FrameStat s;
        s.count = n_;
        if (n_ == 0) return s;
        s.mean = sum_ / n_;
        s.sd = std::sqrt(std::max(0.0, sum2_ / n_ - s.mean * s.mean));
        return s;
    }

  private:
    double sum_ = 0.0, sum2_ = 0.0;
    int n_ = 0;
};

core::MatrixX2fR rows2(const core::MatrixX2fR& m, const std::vector<int>& idx) {
    core::MatrixX2fR out(static_cast<Eigen::Index>(idx.size()), 2);
    for (size_t k = 0; k < idx.size(); ++k)
        out.row(static_cast<Eigen::Index>(k)) = m.row(idx[k]);
    return out;
}

/// Model albedo at weights w: static + Σ w_i dynamic_i (when the model has dynamic maps).
void model_albedo(const core::BlendshapeRig& model, const std::vector<float>& w, cv::Mat* out) {
    model.albedo.copyTo(*out);
    if (model.dynamic_albedo.empty()) return;
    for (size_t i = 0; i < w.size() && i < model.dynamic_albedo.size(); ++i)
        if (w[i] != 0.f) cv::scaleAdd(model.dynamic_albedo[i], w[i], *out, *out);
}

json stat_json(const FrameStat& s) {
    return {{"mean", s.mean}, {"sd", s.sd}, {"frames", s.count}};
}

}  // namespace

SequenceScores score_reconstruction(const GroundTruth& gt, const Reconstruction& rec,
                                    const ScoreOptions& o, const core::Progress& progress) {
    const GroundTruthSequence& seq = gt.sequence;
    const int n = static_cast<int>(seq.frames.size());
    if (rec.take.frame_count() != n)
        throw std::invalid_argument("the reconstruction has " +
                                    std::to_string(rec.take.frame_count()) +
                                    " frames, the ground truth " + std::to_string(n));
    if (rec.landmarks68.size() != gt.landmarks68.size())
        throw std::invalid_argument("the reconstruction needs 68 landmark vertices");
    for (int v : rec.landmarks68)
        if (v < 0 || v >= rec.model.vertex_count())
            throw std::invalid_argument("a reconstruction landmark vertex is out of range");
    const bool with_light = o.photometric && !rec.lighting.empty();
    if (with_light && static_cast<int>(rec.lighting.size()) != n)
        throw std::invalid_argument("the reconstruction needs one lighting per frame");

    SequenceScores s;
    s.name = rec.name;
    s.frames = n;
    const core::BlendshapeRig& truth = gt.subject.rig;
    const std::vector<float> zero_gt(static_cast<size_t>(truth.shape_count()), 0.f);
    const std::vector<float> zero_rec(static_cast<size_t>(rec.model.shape_count()), 0.f);

    // Neutral against neutral, and the blend shapes when the topology is shared.
    progress.report(0.0, "scoring the neutral");
    const SurfaceError neutral = surface_error(truth.neutral.V, gt.face_area, gt.landmarks68,
                                               rig_vertices(rec.model, zero_rec.data()),
                                               rec.model.neutral.F, rec.landmarks68, o.alignment);
    s.neutral_surface_mm = neutral.mean_mm;
    AlignmentOptions similarity = o.alignment;
    similarity.with_scale = true;
    s.neutral_similarity_mm =
        surface_error(truth.neutral.V, gt.face_area, gt.landmarks68,
                      rig_vertices(rec.model, zero_rec.data()), rec.model.neutral.F,
                      rec.landmarks68, similarity)
            .mean_mm;
    if (rec.model.vertex_count() == truth.vertex_count() && !gt.face_area.empty()) {
        const face::Similarity& A = neutral.alignment.transform;  // truth -> reconstruction
        const Eigen::Matrix3f back = A.R.transpose() / A.scale;
        double sum = 0.0, sum_template = 0.0;
        int shapes = 0;
        for (int i = 0; i < truth.shape_count(); ++i) {
            const int j = rec.model.shape_index(truth.shape_names[static_cast<size_t>(i)]);
            const core::MatrixX3fR& D = truth.deltas[static_cast<size_t>(i)];
            const bool has_dev = i < static_cast<int>(gt.subject.expression_deviation.size());
            double e = 0.0, t = 0.0;
            for (int v : gt.face_area) {
                const Eigen::Vector3f r =
                    j >= 0 ? Eigen::Vector3f(
                                 back * rec.model.deltas[static_cast<size_t>(j)].row(v).transpose())
                           : Eigen::Vector3f::Zero();
                e += (r - D.row(v).transpose()).squaredNorm();
                if (has_dev)
                    t += gt.subject.expression_deviation[static_cast<size_t>(i)]
                             .row(v)
                             .squaredNorm();
            }
            sum += 10.0 * std::sqrt(e / gt.face_area.size());
            sum_template += 10.0 * std::sqrt(t / gt.face_area.size());
            ++shapes;
        }
        if (shapes) {
            s.blendshape_error_mm = sum / shapes;
            if (!gt.subject.expression_deviation.empty())
                s.template_blendshape_error_mm = sum_template / shapes;
        }
        s.albedo_error = albedo_error(truth.neutral, gt.face_area, rec.model.albedo, truth.albedo);
    }

    // Frames scored in 3D: evenly spread over the frames with a face.
    std::vector<int> with_face;
    for (int f = 0; f < n; ++f)
        if (rec.take.frames[static_cast<size_t>(f)].has_face) with_face.push_back(f);
    s.frames_with_face = static_cast<int>(with_face.size());
    // Evenly spread picks of `want` frames among those with a face (0: all of them).
    auto spread = [&](int want) {
        std::vector<bool> picked(static_cast<size_t>(n), false);
        const int count = want > 0 ? std::min<int>(want, static_cast<int>(with_face.size()))
                                   : static_cast<int>(with_face.size());
        for (int k = 0; k < count; ++k)
            picked[static_cast<size_t>(with_face[static_cast<size_t>(
                (static_cast<long>(k) * static_cast<long>(with_face.size())) / count)])] = true;
        return picked;
    };
    const std::vector<bool> in_3d = spread(o.max_3d_frames);
    const std::vector<bool> in_photo = spread(o.max_photometric_frames);

    cv::VideoCapture video;
    if (with_light) {
        video.open(gt.video_path);
        if (!video.isOpened())
            throw GroundTruthError("cannot read the ground-truth video '" + gt.video_path + "'");
    }
    core::Camera rec_camera = seq.camera;
    if (rec.focal_px > 0.f) rec_camera.focal_px = rec.focal_px;
    render::RenderOptions gt_options, rec_options;
    gt_options.mask_excluded_labels = photometric_exclusions();
    render::Rendering gt_render, rec_render;
    render::ProjectedLandmarks projected;
    cv::Mat albedo, frame_bgr, frame_rgb, rendered8;

    Accumulator surface, surface_similarity, nme, photo, energy;
    double rmse2 = 0.0, weight_abs = 0.0, neutral_w = 0.0;
    int rmse_frames = 0, weight_frames = 0;
    s.weight_mae_per_shape.assign(core::kTakeWeightCount, 0.0);
    for (int f = 0; f < n; ++f) {
        progress.check();
        const GroundTruthFrame& g = seq.frames[static_cast<size_t>(f)];
        const core::TakeFrame& r = rec.take.frames[static_cast<size_t>(f)];
        if (with_light) {
            if (!video.read(frame_bgr))
                throw GroundTruthError("the ground-truth video '" + gt.video_path +
                                       "' ends at frame " + std::to_string(f) + " of " +
                                       std::to_string(n));
        }
        if (!r.has_face) continue;
        const std::vector<float> w = model_weights(rec.model, r);
        const core::MatrixX3fR rec_V = rig_vertices(rec.model, w.data());
        if (g.neutral()) {
            ++s.neutral_frames;
            energy.add(expression_energy_mm(rec.model, w.data()));
            for (float x : r.weights)
                neutral_w += x;
        }
        for (int k = 0; k < core::kTakeWeightCount; ++k) {
            const double d = std::abs(static_cast<double>(r.weights[static_cast<size_t>(k)]) -
                                      g.w[static_cast<size_t>(k)]);
            s.weight_mae_per_shape[static_cast<size_t>(k)] += d;
            weight_abs += d;
        }
        ++weight_frames;
        core::Pose pose;
        pose.rotation = r.head_rotation;
        pose.translation_cm = r.head_translation_cm;
        render::project_landmarks(rec_V, rec.landmarks68, rec_camera, pose, false, &projected);
        nme.add(landmark_nme(projected.points_px, rows2(g.landmarks468, gt.landmarks68)));
        const bool score_3d = in_3d[static_cast<size_t>(f)];
        const bool score_photo = with_light && in_photo[static_cast<size_t>(f)];
        const core::MatrixX3fR gt_V =
            score_3d || score_photo ? gt.subject.vertices(g.w.data()) : core::MatrixX3fR();
        if (score_3d) {
            const SurfaceError e = surface_error(gt_V, gt.face_area, gt.landmarks68, rec_V,
                                                 rec.model.neutral.F, rec.landmarks68, o.alignment);
            surface.add(e.mean_mm);
            surface_similarity.add(surface_error(gt_V, gt.face_area, gt.landmarks68, rec_V,
                                                 rec.model.neutral.F, rec.landmarks68, similarity)
                                       .mean_mm);
            rmse2 += e.rmse_mm * e.rmse_mm;
            ++rmse_frames;
        }
        if (score_photo) {
            cv::cvtColor(frame_bgr, frame_rgb, cv::COLOR_BGR2RGB);
            render::Scene gs;
            gs.mesh = &truth.neutral;
            gs.vertices = &gt_V;
            gs.labels_uv = &gt.labels_uv;
            gs.camera = seq.camera;
            gs.pose = g.pose;
            render::render(gs, gt_options, &gt_render);
            model_albedo(rec.model, w, &albedo);
            render::Scene rs;
            rs.mesh = &rec.model.neutral;
            rs.vertices = &rec_V;
            rs.albedo_uv = albedo.empty() ? nullptr : &albedo;
            rs.camera = rec_camera;
            rs.pose = pose;
            rs.lighting = rec.lighting[static_cast<size_t>(f)];
            render::render(rs, rec_options, &rec_render);
            cv::Mat clipped;
            cv::min(cv::max(rec_render.colour, 0.0), 1.0, clipped);
            photo.add(photometric_error(frame_rgb, clipped, gt_render.mask));
        }
        progress.report(static_cast<double>(f + 1) / n, "scoring frames");
    }
    s.surface_mm = surface.stat();
    s.surface_similarity_mm = surface_similarity.stat();
    s.surface_rmse_mm = rmse_frames ? std::sqrt(rmse2 / rmse_frames) : 0.0;
    s.nme_percent = nme.stat();
    if (weight_frames) {
        s.weight_mae = weight_abs / (static_cast<double>(weight_frames) * core::kTakeWeightCount);
        for (double& x : s.weight_mae_per_shape)
            x /= weight_frames;
    }
    if (with_light) s.photometric = photo.stat();
    s.expression_energy_mm = energy.stat();
    s.neutral_weight_sum = s.neutral_frames ? neutral_w / s.neutral_frames : 0.0;
    return s;
}

FrontEndScores score_front_end(const GroundTruth& gt,
                               const std::vector<std::optional<core::MatrixX2fR>>& landmarks68) {
    FrontEndScores s;
    s.frames = static_cast<int>(gt.sequence.frames.size());
    Accumulator nme;
    for (size_t f = 0; f < gt.sequence.frames.size() && f < landmarks68.size(); ++f) {
        if (!landmarks68[f]) continue;
        ++s.detected;
        nme.add(landmark_nme(*landmarks68[f],
                             rows2(gt.sequence.frames[f].landmarks468, gt.landmarks68)));
    }
    s.detection_rate = s.frames ? static_cast<double>(s.detected) / s.frames : 0.0;
    s.nme_percent = nme.stat();
    return s;
}

std::string scores_json(const SequenceScores& s) {
    json j;
    j["name"] = s.name;
    j["frames"] = s.frames;
    j["frames_with_face"] = s.frames_with_face;
    j["surface_mm"] = stat_json(s.surface_mm);
    j["surface_rmse_mm"] = s.surface_rmse_mm;
    j["neutral_surface_mm"] = s.neutral_surface_mm;
    j["surface_similarity_mm"] = stat_json(s.surface_similarity_mm);
    j["neutral_similarity_mm"] = s.neutral_similarity_mm;
    j["nme_percent"] = stat_json(s.nme_percent);
    j["weight_mae"] = s.weight_mae;
    j["weight_mae_per_shape"] = s.weight_mae_per_shape;
    j["photometric"] = s.photometric ? stat_json(*s.photometric) : json(nullptr);
    j["disentanglement"] = {{"neutral_frames", s.neutral_frames},
                            {"expression_energy_mm", stat_json(s.expression_energy_mm)},
                            {"weight_sum", s.neutral_weight_sum}};
    j["blendshape_error_mm"] = s.blendshape_error_mm ? json(*s.blendshape_error_mm) : json(nullptr);
    j["template_blendshape_error_mm"] =
        s.template_blendshape_error_mm ? json(*s.template_blendshape_error_mm) : json(nullptr);
    j["albedo_error"] = s.albedo_error ? json(*s.albedo_error) : json(nullptr);
    return j.dump();
}

std::string front_end_json(const FrontEndScores& s) {
    return json{{"frames", s.frames},
                {"detected", s.detected},
                {"detection_rate", s.detection_rate},
                {"nme_percent", stat_json(s.nme_percent)}}
        .dump();
}

}  // namespace likeness::eval

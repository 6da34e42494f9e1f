#include "engine/fit/eval_adapter.hpp"

#include <memory>
#include <mutex>

#include "engine/face/landmark_groups.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/io/video_source.hpp"

namespace likeness::fit {

Ablation ablation_of(eval::AblationStage stage) {
    switch (stage) {
        case eval::AblationStage::A:
            return Ablation::A;
        case eval::AblationStage::B:
            return Ablation::B;
        case eval::AblationStage::C:
            return Ablation::C;
        case eval::AblationStage::D:
            return Ablation::D;
        case eval::AblationStage::Final:
            return Ablation::Final;
    }
    return Ablation::Final;
}

eval::Reconstruction session_reconstruction(const Session& session) {
    eval::Reconstruction r;
    r.name = to_string(session.ablation);
    if (session.has_model()) r.model = session.model.to_blendshape_rig("personal");
    r.landmarks68 = face::ibug68_landmarks();  // FaceMesh index = template vertex index
    r.take = session.take;
    r.lighting = frame_lighting(session);
    r.focal_px = session.camera.focal_px;
    return r;
}

eval::Reconstruction load_session_reconstruction(const std::string& session_path) {
    return session_reconstruction(read_session(session_path));
}

eval::Fitter eval_fitter() {
    return [](const eval::FitRequest& request) {
        static std::once_flag once;
        static std::unique_ptr<face::TemplateRig> rig;
        std::call_once(
            once, [] { rig = std::make_unique<face::TemplateRig>(face::build_template_rig()); });
        std::vector<cv::Mat> owned;
        const std::vector<cv::Mat>* frames = request.frames;
        if (!frames) {
            auto source = io::VideoSource::open(request.video_path);
            io::Frame f;
            while (source->read(f))
                owned.push_back(f.rgb.clone());
            frames = &owned;
        }
        std::vector<Landmarks2d> landmarks(frames->size());
        if (request.landmarks)
            for (size_t i = 0; i < landmarks.size() && i < request.landmarks->size(); ++i) {
                const auto& face = (*request.landmarks)[i];
                if (!face) continue;
                core::MatrixX2fR p(face->mesh.rows(), 2);
                for (Eigen::Index k = 0; k < p.rows(); ++k)
                    p.row(k) << face->mesh(k, 0), face->mesh(k, 1);
                landmarks[i] = p;
            }
        auto input = memory_input(*frames, landmarks, request.fps);
        PersonalizeOptions options;
        options.schedule.ablation = ablation_of(request.stage);
        if (request.modeling_frames > 0) options.model_frames = request.modeling_frames;
        if (request.landmark_source == eval::LandmarkSource::GroundTruth)
            options.schedule.weights =
                landmark_trust_weights(options.schedule.weights, LandmarkTrust::Measured);
        if (request.true_parsing) {
            // The code texture the fit renders (fit_context.cpp), drawn on the true surface.
            const cv::Mat code = parsing_code_texture(rig->parsing_uv, 256);
            options.parsing_images = [&request, code](int64_t frame, const CropWindow& window) {
                return request.true_parsing(static_cast<int>(frame), window.x0, window.y0,
                                            window.side, window.size, code);
            };
        }
        PipelineReport report;
        eval::FitResult result;
        Session session = personalize_input(*input, *rig, options, &report, request.progress);
        session.input = request.video_path;
        result.reconstruction = session_reconstruction(session);
        result.modeling_seconds = report.modeling_seconds;
        result.tracking_seconds = report.tracker_seconds;
        result.modeling_frame_count = static_cast<int>(session.model_frames.size());
        char line[256];
        std::snprintf(
            line, sizeof line, "K=%d, focal %.0f px, modeling %.1f s, tracking %.1f fps",
            result.modeling_frame_count, session.camera.focal_px, report.modeling_seconds,
            report.tracker_seconds > 0.0 ? report.frames_with_face / report.tracker_seconds : 0.0);
        result.summary = line;
        return result;
    };
}

}  // namespace likeness::fit

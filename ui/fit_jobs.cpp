#include "ui/fit_jobs.hpp"

#include <QCoreApplication>
#include <QFileInfo>
#include <optional>
#include <stdexcept>

#include "engine/face/ict_template.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/session.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "ui/face_model.hpp"
#include "ui/studio_session.hpp"

namespace likeness::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("FitJobs", text);
}

std::shared_ptr<const FaceModel> model_view(const fit::Session& session,
                                            const std::vector<std::string>& meanings) {
    if (!session.has_model()) return nullptr;
    auto model = std::make_shared<FaceModel>(face_model_from_personal(session.model, meanings));
    compute_correction_maps(model.get());
    return model;
}

int frames_with_face(const fit::Session& s) {
    int n = 0;
    for (const fit::FrameFit& f : s.frames) n += f.has_face ? 1 : 0;
    return n;
}

}  // namespace

FitOutcome personalize_video(const std::string& input, const face::TemplateRig& rig,
                             const JobSettings& settings, bool quick,
                             const std::vector<std::string>& meanings,
                             const core::Progress& progress) {
    fit::PersonalizeOptions options =
        quick ? fit::quick_personalize_options() : fit::PersonalizeOptions{};
    if (!quick) options.model_frames = settings.frame_count;
    if (const auto ablation = fit::parse_ablation(settings.ablation.toStdString()))
        options.schedule.ablation = *ablation;
    options.schedule.estimate_focal = settings.estimate_focal;
    options.focal_factor = static_cast<float>(settings.focal_factor);
    std::string why;
    if (!options.is_valid(&why)) throw std::invalid_argument("personalization options: " + why);

    // The prior first: a wrong ICT folder fails before any video is decoded.
    std::optional<face::TemplateRig> ict;
    std::string template_spec = "builtin";
    if (!settings.ict_folder.isEmpty()) {
        progress.report(0.0, "registering the template onto ICT-FaceKit");
        const QString folder = QFileInfo(settings.ict_folder).absoluteFilePath();
        ict = face::ict_template_rig(rig, folder.toStdString(), {}, nullptr, progress);
        template_spec = "ict:" + folder.toStdString();
    }
    progress.report(0.0, "loading the face models");
    nn::FaceLandmarker landmarker(io::find_models());
    auto source = fit::open_video_input(input, landmarker);
    fit::PipelineReport report;
    auto session = std::make_shared<fit::Session>(
        fit::personalize_input(*source, ict ? *ict : rig, options, &report, progress));
    session->input = input;
    session->template_spec = template_spec;
    progress.report(0.99, "colour maps");
    FitOutcome out;
    out.model = model_view(*session, meanings);
    const auto& stages = report.personalization.stages;
    out.message = tr("Personalized from %1 frames (%2 with a face), K = %3")
                      .arg(report.frames)
                      .arg(report.frames_with_face)
                      .arg(session->model_frames.size());
    if (!stages.empty())
        out.message += tr("; photometric error %1 → %2")
                           .arg(stages.front().photometric, 0, 'f', 4)
                           .arg(stages.back().photometric, 0, 'f', 4);
    if (ict) out.message += tr("; ICT-FaceKit prior");
    out.session = std::move(session);
    return out;
}

FitOutcome track_video(const std::string& input, const fit::Session& base, double focal_factor,
                       const std::vector<std::string>& meanings, const core::Progress& progress) {
    if (!base.has_model())
        throw std::invalid_argument("there is no personal model to track with: personalize "
                                    "first or open a project that has one");
    progress.report(0.0, "loading the face models");
    nn::FaceLandmarker landmarker(io::find_models());
    auto source = fit::open_video_input(input, landmarker);
    auto session = std::make_shared<fit::Session>();
    session->input = input;
    session->width = source->width();
    session->height = source->height();
    session->fps = source->fps();
    session->ablation = base.ablation;
    session->model = base.model;
    session->created_by = base.created_by;
    // The camera of this video: the base's focal length when the frames are the same size,
    // else the settings' lens for these frames.
    session->camera =
        base.width == source->width() && base.height == source->height()
            ? base.camera
            : fit::default_camera(source->width(), source->height(),
                                  static_cast<float>(focal_factor));
    fit::PipelineReport report;
    fit::track_input(*source, session->model, session->camera, fit::default_track_options(),
                     session.get(), &report, progress);
    FitOutcome out;
    out.model = model_view(*session, meanings);
    out.message = tr("Tracked %1 frames (%2 with a face) at %3 fps (solver)")
                      .arg(session->frames.size())
                      .arg(frames_with_face(*session))
                      .arg(report.tracker_seconds > 0.0
                               ? frames_with_face(*session) / report.tracker_seconds
                               : 0.0,
                           0, 'f', 0);
    out.session = std::move(session);
    return out;
}

FitOutcome read_project(const std::string& path, const std::vector<std::string>& meanings,
                        const core::Progress& progress) {
    progress.report(0.0, "reading");
    auto session = std::make_shared<fit::Session>(fit::read_session(path));
    progress.check();
    progress.report(0.7, "colour maps");
    FitOutcome out;
    out.model = model_view(*session, meanings);
    out.message = tr("Opened %1: %2 frames%3")
                      .arg(QString::fromStdString(path))
                      .arg(session->take.frame_count())
                      .arg(session->has_model() ? tr(", personal model") : QString());
    out.session = std::move(session);
    return out;
}

fit::Session session_to_save(const fit::Session* base, const core::Take* take,
                             const std::string& input, int width, int height, double fps) {
    fit::Session s;
    if (base) {
        s = *base;
    } else {
        s.input = input;
        s.width = width;
        s.height = height;
        s.fps = take ? take->fps : (fps > 0.0 ? fps : 30.0);
        s.camera = fit::default_camera(std::max(width, 1), std::max(height, 1));
    }
    s.take = take ? *take : core::Take{};
    // Per-frame fits follow the take: kept where they exist, flagged from the take elsewhere.
    s.frames.resize(s.take.frames.size());
    for (size_t i = 0; i < s.frames.size(); ++i)
        if (!base || i >= base->frames.size()) s.frames[i].has_face = s.take.frames[i].has_face;
    return s;
}

}  // namespace likeness::ui

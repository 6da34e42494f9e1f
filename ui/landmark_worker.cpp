#include "ui/landmark_worker.hpp"

#include "engine/io/model_paths.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/track/face_tracker.hpp"
#include "ui/image_conversion.hpp"

namespace likeness::ui {
namespace {

QVector<QPointF> to_points(const nn::MeshPoints& p) {
    QVector<QPointF> out;
    out.reserve(static_cast<int>(p.rows()));
    for (Eigen::Index i = 0; i < p.rows(); ++i)
        out.append(QPointF(p(i, 0), p(i, 1)));
    return out;
}

}  // namespace

LandmarkWorker::LandmarkWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<likeness::ui::FaceOverlay>();
}

LandmarkWorker::~LandmarkWorker() = default;

bool LandmarkWorker::ensureLoaded() {
    if (tracker_) return true;
    if (load_failed_) return false;
    try {
        landmarker_ = std::make_unique<nn::FaceLandmarker>(io::find_models());
        track::FaceTrackerOptions options;
        options.smooth = true;  // display: steady points
        tracker_ = std::make_unique<track::FaceTracker>(*landmarker_, options);
        return true;
    } catch (const std::exception& e) {
        load_failed_ = true;
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
}

void LandmarkWorker::reset() {
    if (tracker_) tracker_->reset();
}

void LandmarkWorker::process(qint64 index, double time_s, const QImage& frame) {
    if (!ensureLoaded()) return;
    FaceOverlay overlay;
    overlay.frame = index;
    try {
        const track::TrackedFrame tracked = tracker_->track(to_mat(frame), index, time_s);
        if (tracked.face) {
            const nn::FrameLandmarks& lm = *tracked.face;
            overlay.face = true;
            overlay.box = QRectF(QPointF(lm.box.x0, lm.box.y0), QPointF(lm.box.x1, lm.box.y1));
            overlay.mesh = to_points(lm.mesh);
            overlay.ibug68 = to_points(lm.ibug68());
            for (const nn::MeshPoints* iris : {&lm.iris_left, &lm.iris_right}) {
                if (!lm.has_iris || iris->rows() < 5) continue;
                const QPointF c((*iris)(0, 0), (*iris)(0, 1));
                double r = 0.0;
                for (int k = 1; k < 5; ++k)
                    r += std::hypot((*iris)(k, 0) - c.x(), (*iris)(k, 1) - c.y()) / 4.0;
                overlay.iris_centres.append(c);
                overlay.iris_radii.append(r);
            }
        }
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit ready(overlay);
}

}  // namespace likeness::ui

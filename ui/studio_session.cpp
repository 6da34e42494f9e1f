#include "ui/studio_session.hpp"

#include <QUndoStack>

#include "ui/face_model.hpp"

namespace likeness::ui {
namespace {

/// Swaps the job settings (undo restores the old ones).
class EditSettingsCommand : public QUndoCommand {
  public:
    EditSettingsCommand(StudioSession* session, JobSettings before, JobSettings after,
                        const QString& text)
        : session_(session), before_(std::move(before)), after_(std::move(after)) {
        setText(text);
    }
    void undo() override { session_->applySettings(before_); }
    void redo() override { session_->applySettings(after_); }

  private:
    StudioSession* session_;
    JobSettings before_, after_;
};

}  // namespace

StudioSession::StudioSession(QObject* parent) : QObject(parent) {
    undo_ = new QUndoStack(this);
    connect(undo_, &QUndoStack::cleanChanged, this, &StudioSession::updateModified);
}

StudioSession::~StudioSession() = default;

void StudioSession::setModel(std::shared_ptr<const FaceModel> model, bool modifies) {
    model_ = std::move(model);
    emit modelChanged();
    if (modifies) setModified(true);
}

void StudioSession::setTake(core::Take take, std::vector<core::ShLighting> lighting,
                            TrackedCamera camera) {
    take_ = std::move(take);
    lighting_ = std::move(lighting);
    camera_ = camera;
    emit takeChanged();
    setModified(true);
}

void StudioSession::clearTake() {
    take_.reset();
    lighting_.clear();
    camera_ = {};
    emit takeChanged();
}

FrameState StudioSession::frameState(qint64 index) const {
    FrameState state;
    state.index = index;
    state.lighting = default_lighting();
    if (model_) state.w = Eigen::VectorXf::Zero(model_->shape_count());
    if (!take_ || index < 0 || index >= take_->frame_count()) return state;
    const core::TakeFrame& frame = take_->frames[static_cast<size_t>(index)];
    state.tracked = true;
    state.has_face = frame.has_face;
    state.w = Eigen::Map<const Eigen::VectorXf>(frame.weights.data(), core::kTakeWeightCount);
    state.pose.rotation = frame.head_rotation;
    state.pose.translation_cm = frame.head_translation_cm;
    if (index < static_cast<qint64>(lighting_.size()))
        state.lighting = lighting_[static_cast<size_t>(index)];
    return state;
}

void StudioSession::setVideoPath(const QString& path) {
    video_path_ = path;
}

void StudioSession::setFilePath(const QString& path) {
    if (path == file_path_) return;
    file_path_ = path;
    emit filePathChanged(path);
}

void StudioSession::editSettings(const JobSettings& settings, const QString& what) {
    if (settings == settings_) return;
    undo_->push(new EditSettingsCommand(this, settings_, settings, what));
}

void StudioSession::applySettings(const JobSettings& settings) {
    settings_ = settings;
    emit settingsChanged();
}

void StudioSession::setModified(bool modified) {
    changed_outside_undo_ = modified;
    if (!modified) undo_->setClean();
    updateModified();
}

void StudioSession::updateModified() {
    const bool modified = changed_outside_undo_ || !undo_->isClean();
    if (modified == modified_) return;
    modified_ = modified;
    emit modifiedChanged(modified);
}

void StudioSession::reset() {
    take_.reset();
    lighting_.clear();
    camera_ = {};
    video_path_.clear();
    setFilePath({});
    settings_ = {};
    undo_->clear();
    emit takeChanged();
    emit settingsChanged();
    setModified(false);
}

}  // namespace likeness::ui

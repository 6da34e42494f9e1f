#include "ui/studio_session.hpp"

#include <QUndoStack>

#include "engine/fit/session.hpp"
#include "engine/retarget/character.hpp"
#include "ui/face_model.hpp"

namespace likeness::ui {
namespace {

/// An edit of one part of the session: redo applies `after`, undo `before`. Edits of the same
/// kind and text in a row merge (a dragged slider is one step).
template <typename T, int kId>
class EditCommand : public QUndoCommand {
  public:
    using Apply = void (StudioSession::*)(const T&);
    EditCommand(StudioSession* session, Apply apply, T before, T after, const QString& text,
                bool mergeable)
        : session_(session),
          apply_(apply),
          before_(std::move(before)),
          after_(std::move(after)),
          mergeable_(mergeable) {
        setText(text);
    }
    void undo() override { (session_->*apply_)(before_); }
    void redo() override { (session_->*apply_)(after_); }
    int id() const override { return mergeable_ ? kId : -1; }
    bool mergeWith(const QUndoCommand* other) override {
        if (other->id() != id() || other->text() != text()) return false;
        after_ = static_cast<const EditCommand*>(other)->after_;
        return true;
    }

  private:
    StudioSession* session_;
    Apply apply_;
    T before_, after_;
    bool mergeable_;
};

using EditSettingsCommand = EditCommand<JobSettings, 1>;
using EditMappingCommand = EditCommand<retarget::ChannelMapping, 2>;
using EditControlsCommand = EditCommand<retarget::RetargetControls, 3>;

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

void StudioSession::setFitSession(std::shared_ptr<const fit::Session> session,
                                  std::shared_ptr<const FaceModel> model) {
    fit_session_ = std::move(session);
    if (model) setModel(std::move(model));
    if (!fit_session_) return;
    TrackedCamera camera;
    camera.focal_px = fit_session_->camera.focal_px;
    camera.width = fit_session_->width;
    camera.height = fit_session_->height;
    setTake(fit_session_->take, fit::frame_lighting(*fit_session_), camera);
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
    undo_->push(new EditSettingsCommand(this, &StudioSession::applySettings, settings_, settings,
                                        what, false));
}

void StudioSession::applySettings(const JobSettings& settings) {
    settings_ = settings;
    emit settingsChanged();
}

void StudioSession::setCharacter(std::shared_ptr<const retarget::Character> character,
                                 retarget::ChannelMapping mapping) {
    character_ = std::move(character);
    mapping_ = std::move(mapping);
    // Edits of the old character's table would name shapes the new one may not have.
    undo_->clear();
    emit characterChanged();
    emit mappingChanged();
    setModified(true);
}

void StudioSession::editMapping(const retarget::ChannelMapping& mapping, const QString& what) {
    undo_->push(
        new EditMappingCommand(this, &StudioSession::applyMapping, mapping_, mapping, what, false));
}

void StudioSession::applyMapping(const retarget::ChannelMapping& mapping) {
    mapping_ = mapping;
    emit mappingChanged();
}

void StudioSession::editControls(const retarget::RetargetControls& controls, const QString& what) {
    undo_->push(new EditControlsCommand(this, &StudioSession::applyControls, controls_, controls,
                                        what, true));
}

void StudioSession::applyControls(const retarget::RetargetControls& controls) {
    controls_ = controls;
    emit controlsChanged();
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
    fit_session_.reset();
    take_.reset();
    lighting_.clear();
    camera_ = {};
    video_path_.clear();
    setFilePath({});
    settings_ = {};
    character_.reset();
    mapping_ = {};
    controls_ = {};
    undo_->clear();
    emit takeChanged();
    emit settingsChanged();
    emit characterChanged();
    emit mappingChanged();
    emit controlsChanged();
    setModified(false);
}

}  // namespace likeness::ui

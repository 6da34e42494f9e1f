#pragma once
// The studio's document: the face model on show, the tracked take with its per-frame lighting
// and camera, the video it came from, the job settings — and the undo stack and unsaved-changes
// state that go with them. Panels read it; edits go through undoable commands.
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "engine/core/sh_lighting.hpp"
#include "engine/core/take.hpp"
#include "engine/retarget/channel_mapping.hpp"
#include "engine/retarget/retarget_controls.hpp"
#include "ui/frame_state.hpp"

class QUndoStack;

namespace likeness::retarget {
struct Character;
}
namespace likeness::fit {
struct Session;
}

namespace likeness::ui {

struct FaceModel;

/// The options the Personalize and Track jobs bind to (paper §4: K sampled frames, the ablation
/// row of Table 1, the focal length estimate).
struct JobSettings {
    int frame_count = 16;        ///< K frames sampled for personalization
    QString ablation = "final";  ///< A, B, C, D or final
    bool estimate_focal = true;
    /// The lens: focal length over the frame's longer side. Personalize starts its estimate
    /// there (or keeps it, without the estimate); Track uses it for a video whose frames differ
    /// in size from the model's.
    double focal_factor = 1.0;
    /// The prior Personalize starts from: empty for the builtin template, else an ICT-FaceKit
    /// folder whose neutral and ARKit shapes replace the builtin ones (face::ict_template_rig).
    QString ict_folder;
    bool operator==(const JobSettings& o) const {
        return frame_count == o.frame_count && ablation == o.ablation &&
               estimate_focal == o.estimate_focal && focal_factor == o.focal_factor &&
               ict_folder == o.ict_folder;
    }
    bool operator!=(const JobSettings& o) const { return !(*this == o); }
};

class StudioSession : public QObject {
    Q_OBJECT
  public:
    explicit StudioSession(QObject* parent = nullptr);
    ~StudioSession() override;

    std::shared_ptr<const FaceModel> model() const { return model_; }
    /// Shows another face model (the template at start, a personal model after a job).
    void setModel(std::shared_ptr<const FaceModel> model, bool modifies = true);

    bool hasTake() const { return take_.has_value(); }
    const core::Take* take() const { return take_ ? &*take_ : nullptr; }
    /// A tracked take with one lighting per frame (or none: default lighting) and its camera.
    void setTake(core::Take take, std::vector<core::ShLighting> lighting = {},
                 TrackedCamera camera = {});
    void clearTake();
    const TrackedCamera& camera() const { return camera_; }
    const std::vector<core::ShLighting>& lighting() const { return lighting_; }

    /// The fitting engine's session behind what is shown (the last personalization, tracking or
    /// opened project; nullptr: none). Saving writes it with the current take.
    std::shared_ptr<const fit::Session> fitSession() const { return fit_session_; }
    /// Shows a fit: its personal model (when it has one; else the model stays), its take with
    /// the per-frame lighting and its camera.
    void setFitSession(std::shared_ptr<const fit::Session> session,
                       std::shared_ptr<const FaceModel> model);

    /// Expression, pose and lighting of frame `index` (defaults past the take's end).
    FrameState frameState(qint64 index) const;

    const QString& videoPath() const { return video_path_; }
    void setVideoPath(const QString& path);
    /// The project file this session was loaded from or saved to (empty: untitled).
    const QString& filePath() const { return file_path_; }
    void setFilePath(const QString& path);

    const JobSettings& settings() const { return settings_; }
    /// Changes the job settings as an undoable edit.
    void editSettings(const JobSettings& settings, const QString& what);
    /// Applies settings without an undo entry (used by the undo commands).
    void applySettings(const JobSettings& settings);

    /// The imported character a take drives (nullptr: none), with its mapping table and the
    /// artist's controls (issue 9).
    std::shared_ptr<const retarget::Character> character() const { return character_; }
    /// A new character (an import, or shapes given by deformation transfer) with its mapping;
    /// not undoable, and it clears the undo history of the old character's mapping.
    void setCharacter(std::shared_ptr<const retarget::Character> character,
                      retarget::ChannelMapping mapping);
    const retarget::ChannelMapping& mapping() const { return mapping_; }
    /// Changes the mapping table as an undoable edit.
    void editMapping(const retarget::ChannelMapping& mapping, const QString& what);
    void applyMapping(const retarget::ChannelMapping& mapping);
    const retarget::RetargetControls& controls() const { return controls_; }
    /// Changes the controls as an undoable edit; edits in a row with the same `what` (a slider
    /// being dragged) merge into one undo step.
    void editControls(const retarget::RetargetControls& controls, const QString& what);
    void applyControls(const retarget::RetargetControls& controls);

    QUndoStack* undoStack() const { return undo_; }
    bool isModified() const { return modified_; }
    /// Marks the session saved (false: clean, the undo stack's current state is the saved one)
    /// or changed by something that is not undoable (true: a job's result, a new take).
    void setModified(bool modified);
    /// Forgets everything (File → New): no take, no video, clean, empty undo stack.
    void reset();

  signals:
    void modelChanged();
    void takeChanged();
    void settingsChanged();
    void characterChanged();
    void mappingChanged();
    void controlsChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

  private:
    void updateModified();

    std::shared_ptr<const FaceModel> model_;
    std::shared_ptr<const fit::Session> fit_session_;
    std::optional<core::Take> take_;
    std::vector<core::ShLighting> lighting_;
    TrackedCamera camera_;
    QString video_path_;
    QString file_path_;
    JobSettings settings_;
    std::shared_ptr<const retarget::Character> character_;
    retarget::ChannelMapping mapping_;
    retarget::RetargetControls controls_;
    QUndoStack* undo_ = nullptr;
    bool modified_ = false;
    bool changed_outside_undo_ = false;
};

}  // namespace likeness::ui

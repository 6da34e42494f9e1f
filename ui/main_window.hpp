#pragma once
// Likeness Studio's main window: the workspace (video panel, 3D viewport, timeline, curves,
// inspectors as dockable panels with a remembered layout), menus and shortcuts, the job strip,
// drag and drop, and the wiring that keeps every panel on the same frame.
#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>

#include "engine/core/take.hpp"
#include "ui/recent_files.hpp"
#include "ui/viewport_mode.hpp"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace likeness::face {
struct TemplateRig;
}
namespace likeness::retarget {
struct Character;
}

namespace likeness::ui {

class AlbedoInspector;
class AttentionInspector;
class BlendshapeInspector;
class CurvesPanel;
class FrameClock;
class JobPanel;
class JobRunner;
class LightingPanel;
class RetargetPanel;
class StudioSession;
class TimelinePanel;
class VideoPanel;
class ViewportPanel;
struct FaceModel;
struct VideoMeta;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    VideoPanel* videoPanel() const { return video_; }
    ViewportPanel* viewport() const { return viewport_; }
    TimelinePanel* timeline() const { return timeline_; }
    CurvesPanel* curves() const { return curves_; }
    BlendshapeInspector* blendshapeInspector() const { return blendshapes_; }
    AttentionInspector* attentionInspector() const { return attention_; }
    AlbedoInspector* albedoInspector() const { return albedo_; }
    LightingPanel* lightingPanel() const { return lighting_; }
    RetargetPanel* retargetPanel() const { return retarget_; }
    JobRunner* jobs() const { return jobs_; }
    JobPanel* jobPanel() const { return job_panel_; }
    StudioSession* session() const { return session_; }
    FrameClock* clock() const { return clock_; }

    /// Files the studio opens as meshes (by extension); everything else is tried as video.
    static bool isMeshFile(const QString& path);
    /// Take files (.json) the studio opens with io::read_take_json.
    static bool isTakeFile(const QString& path);
    /// Project files (.likeness).
    static bool isProjectFile(const QString& path);

  public slots:
    void openVideo(const QString& path);
    /// Imports a character (any mesh or rig file, or a folder of shape OBJs) on a worker
    /// thread and maps its shapes to the 52 ARKit channels; the viewport shows it beside the
    /// face, driven by the take.
    void importMesh(const QString& path);
    /// Gives the character the face model's 52 shapes by deformation transfer (a job).
    void transferShapes();
    /// Reads a take file on a worker thread and shows it on the timeline and curves.
    void openTake(const QString& path);
    /// Opens whatever `path` is (video, image, mesh, take).
    void openFile(const QString& path);
    /// Opens the built-in demo photo (from the installed model packages).
    void openDemo();
    /// Builds the template face on a worker thread and shows it (done once at start).
    void loadTemplate();
    /// Shows a face model (the template, or a personal one) everywhere.
    void showFaceModel(std::shared_ptr<const FaceModel> model);
    void openVideoDialog();
    void openTakeDialog();
    void importMeshDialog();
    void exportDialog();
    /// File → New: forgets the take and the video, after asking about unsaved changes.
    void newSession();
    /// Jobs → Personalize: personalization and tracking of the open video or image (paper
    /// §4); `quick` runs the engine's preview schedule (the first-start demo).
    void personalize(bool quick = false);
    /// Jobs → Track: tracks the open video with the current personal model.
    void track();
    /// Jobs → Settings: K, ablation row, focal estimate (undoable edits).
    void jobSettingsDialog();
    /// Opens a project file (.likeness) on a worker, after asking about unsaved changes.
    void openProject(const QString& path);
    /// Saves to the project's file (Save As when it has none). Returns false when nothing was
    /// started (the user cancelled Save As, or a job runs).
    bool saveProject();
    bool saveProjectAs();
    /// Writes the project to `path` on a worker; the session is clean once it is written.
    bool saveProjectTo(const QString& path);
    void openDialog();
    /// Puts every panel back where it starts.
    void resetLayout();

  signals:
    /// An error was shown to the user (also emitted for tests and logs).
    void errorShown(const QString& title, const QString& message);
    void meshImported(const QString& path, int vertices, int faces);
    /// The face model on show changed (after loadTemplate() or a job).
    void faceModelShown();
    /// loadTemplate() finished: the template face is on show and jobs can use it.
    void templateLoaded();
    /// A take was opened and is on the timeline.
    void takeOpened(const QString& path, int frames);
    /// Every panel shows frame `index`.
    void frameSynced(qint64 index);
    /// A personalization or tracking job finished and its result is on show.
    void fitShown();
    void projectOpened(const QString& path);
    void projectSaved(const QString& path);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void createPanels();
    void createActions();
    void connectInspectors();
    void rebuildRecentMenu();
    void showError(const QString& title, const QString& message);
    void onVideoOpened(const VideoMeta& meta);
    void onMeshLoaded();
    void rebuildPuppet();
    void applyStudioState(const QString& project_path);
    std::vector<std::string> shapeMeanings() const;
    void updateRetargetedTake();
    void onClockFrame(qint64 index);
    void syncFrame(qint64 index);
    void onTakeChanged();
    void updateClockRange();
    void updateTitle();
    /// Asks whether unsaved changes may go; false: the user cancelled.
    bool maybeDiscardChanges();
    QDockWidget* addDock(QWidget* panel, const QString& title, const QString& name,
                         Qt::DockWidgetArea area);

    StudioSession* session_ = nullptr;
    FrameClock* clock_ = nullptr;
    JobRunner* jobs_ = nullptr;
    JobPanel* job_panel_ = nullptr;
    VideoPanel* video_ = nullptr;
    ViewportPanel* viewport_ = nullptr;
    TimelinePanel* timeline_ = nullptr;
    CurvesPanel* curves_ = nullptr;
    BlendshapeInspector* blendshapes_ = nullptr;
    AttentionInspector* attention_ = nullptr;
    AlbedoInspector* albedo_ = nullptr;
    LightingPanel* lighting_ = nullptr;
    RetargetPanel* retarget_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QMenu* view_menu_ = nullptr;
    QActionGroup* mode_actions_ = nullptr;
    QLabel* source_label_ = nullptr;
    QByteArray default_state_;  ///< the layout before any saved one was restored
    RecentFiles recent_;
    QString pending_video_;  ///< path being opened, added to recent files once it opens
    QString pending_mesh_;
    QFutureWatcher<std::shared_ptr<retarget::Character>>* mesh_watcher_ = nullptr;
    QString mesh_error_;
    std::shared_ptr<const face::TemplateRig> template_rig_;
    /// The take after the retarget controls (what the character plays), or nullptr.
    std::shared_ptr<const core::Take> retargeted_take_;
};

}  // namespace likeness::ui

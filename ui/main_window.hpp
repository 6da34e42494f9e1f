#pragma once
// Likeness Studio's main window: menus, the video panel, the 3D viewport dock, the status bar,
// drag and drop, and the remembered layout / last folder / recent files.
#include <QFutureWatcher>
#include <QMainWindow>

#include "engine/core/mesh.hpp"
#include "ui/recent_files.hpp"

class QLabel;
class QMenu;

namespace likeness::ui {

class VideoPanel;
class ViewportPanel;
struct VideoMeta;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    VideoPanel* videoPanel() const { return video_; }
    ViewportPanel* viewport() const { return viewport_; }

    /// Files the studio opens as meshes (by extension); everything else is tried as video.
    static bool isMeshFile(const QString& path);

  public slots:
    void openVideo(const QString& path);
    /// Imports on a worker thread; the viewport shows the mesh when it is ready.
    void importMesh(const QString& path);
    /// Opens the built-in demo photo (from the installed model packages).
    void openDemo();
    void openVideoDialog();
    void importMeshDialog();

  signals:
    /// An error was shown to the user (also emitted for tests and logs).
    void errorShown(const QString& title, const QString& message);
    void meshImported(const QString& path, int vertices, int faces);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void createActions();
    void rebuildRecentMenu();
    void showError(const QString& title, const QString& message);
    void onVideoOpened(const VideoMeta& meta);
    void onMeshLoaded();

    VideoPanel* video_ = nullptr;
    ViewportPanel* viewport_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QLabel* source_label_ = nullptr;
    RecentFiles recent_;
    QString pending_video_;  ///< path being opened, added to recent files once it opens
    QString pending_mesh_;
    QFutureWatcher<core::Mesh>* mesh_watcher_ = nullptr;
    QString mesh_error_;
};

}  // namespace likeness::ui

#include "ui/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/core/version.hpp"
#include "engine/io/mesh_import.hpp"
#include "engine/io/model_paths.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

namespace likeness::ui {
namespace {
const char* const kVideoFilter =
    "Videos and images (*.mp4 *.mov *.m4v *.avi *.mkv *.webm *.mpg *.mpeg *.png *.jpg *.jpeg "
    "*.bmp *.tif *.tiff *.webp);;All files (*)";
const char* const kMeshFilter =
    "Meshes (*.obj *.fbx *.gltf *.glb *.dae *.ply *.stl *.3ds);;All files (*)";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Likeness Studio"));
    setAcceptDrops(true);
    setObjectName("MainWindow");

    video_ = new VideoPanel(this);
    video_->setObjectName("VideoPanel");
    setCentralWidget(video_);

    viewport_ = new ViewportPanel(this);
    auto* viewport_dock = new QDockWidget(tr("3D Viewport"), this);
    viewport_dock->setObjectName("ViewportDock");
    viewport_dock->setWidget(viewport_);
    addDockWidget(Qt::RightDockWidgetArea, viewport_dock);

    source_label_ = new QLabel(this);
    statusBar()->addPermanentWidget(source_label_);
    statusBar()->showMessage(tr("Ready"));

    mesh_watcher_ = new QFutureWatcher<core::Mesh>(this);
    connect(mesh_watcher_, &QFutureWatcher<core::Mesh>::finished, this, &MainWindow::onMeshLoaded);
    connect(video_, &VideoPanel::opened, this, &MainWindow::onVideoOpened);
    connect(video_, &VideoPanel::openFailed, this,
            [this](const QString& message) { showError(tr("Cannot open video"), message); });
    connect(video_, &VideoPanel::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });

    createActions();
    QSettings settings;
    resize(1280, 760);
    resizeDocks({viewport_dock}, {460}, Qt::Horizontal);
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray());
}

MainWindow::~MainWindow() {
    mesh_watcher_->waitForFinished();
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open video…"), this, &MainWindow::openVideoDialog);
    open->setShortcut(QKeySequence::Open);
    recent_menu_ = file->addMenu(tr("Open &recent"));
    QAction* import = file->addAction(tr("&Import mesh…"), this, &MainWindow::importMeshDialog);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("Open &demo"), this, &MainWindow::openDemo);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    rebuildRecentMenu();

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    QAction* play = playback->addAction(tr("Play / pause"), video_, &VideoPanel::togglePlay);
    play->setShortcut(Qt::Key_Space);
    QAction* next = playback->addAction(tr("Next frame"), video_, &VideoPanel::stepForward);
    next->setShortcut(Qt::Key_Right);
    QAction* prev = playback->addAction(tr("Previous frame"), video_, &VideoPanel::stepBackward);
    prev->setShortcut(Qt::Key_Left);
    QAction* first = playback->addAction(tr("First frame"), [this] { video_->seekTo(0); });
    first->setShortcut(Qt::Key_Home);
    QAction* last = playback->addAction(tr("Last frame"),
                                        [this] { video_->seekTo(video_->meta().frame_count - 1); });
    last->setShortcut(Qt::Key_End);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* landmarks = view->addAction(tr("&Landmarks overlay"));
    landmarks->setObjectName("LandmarksAction");
    landmarks->setCheckable(true);
    landmarks->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(landmarks, &QAction::toggled, this, [this](bool on) {
        video_->setOverlayEnabled(on);
        QSettings().setValue("view/landmarks", on);
    });
    connect(video_, &VideoPanel::overlayFailed, this, [this, landmarks](const QString& message) {
        const QSignalBlocker block(landmarks);
        landmarks->setChecked(false);
        QSettings().setValue("view/landmarks", false);
        showError(tr("Landmarks unavailable"), message);
    });
    landmarks->setChecked(QSettings().value("view/landmarks", true).toBool());
    view->addSeparator();
    QAction* fit = view->addAction(tr("&Fit mesh to view"), viewport_, &ViewportPanel::fitToView);
    fit->setShortcut(QKeySequence(Qt::Key_F));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Likeness"), this, [this] {
        QMessageBox::about(this, tr("About Likeness"),
                           tr("<b>Likeness %1</b><p>Personalized face rigs and motion "
                              "retargeting from casual video.</p>")
                               .arg(QString::fromStdString(core::version())));
    });
}

void MainWindow::rebuildRecentMenu() {
    recent_menu_->clear();
    const QStringList files = recent_.list();
    for (const QString& path : files)
        recent_menu_
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] { isMeshFile(path) ? importMesh(path) : openVideo(path); })
            ->setToolTip(path);
    if (!files.isEmpty()) recent_menu_->addSeparator();
    QAction* clear = recent_menu_->addAction(tr("Clear list"), this, [this] {
        recent_.clear();
        rebuildRecentMenu();
    });
    clear->setEnabled(!files.isEmpty());
}

bool MainWindow::isMeshFile(const QString& path) {
    static const QStringList kMeshSuffixes = {"obj", "fbx", "gltf", "glb",
                                              "dae", "ply", "stl",  "3ds"};
    return kMeshSuffixes.contains(QFileInfo(path).suffix().toLower());
}

void MainWindow::openVideoDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open video"), recent_.lastFolder(),
                                                      tr(kVideoFilter));
    if (!path.isEmpty()) openVideo(path);
}

void MainWindow::importMeshDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import mesh"), recent_.lastFolder(),
                                                      tr(kMeshFilter));
    if (!path.isEmpty()) importMesh(path);
}

void MainWindow::openVideo(const QString& path) {
    pending_video_ = path;
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    video_->openSource(path);
}

void MainWindow::openDemo() {
    try {
        openVideo(QString::fromStdString(io::find_models().demo_image()));
    } catch (const io::ModelsNotFound& e) {
        showError(tr("Models not installed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::onVideoOpened(const VideoMeta& meta) {
    if (!pending_video_.isEmpty()) {
        recent_.add(pending_video_);
        rebuildRecentMenu();
        pending_video_.clear();
    }
    setWindowTitle(tr("%1 — Likeness Studio").arg(QFileInfo(meta.path).fileName()));
    source_label_->setText(tr("%1×%2  %3 fps  %4%5 frames")
                               .arg(meta.width)
                               .arg(meta.height)
                               .arg(meta.fps, 0, 'f', 2)
                               .arg(meta.count_exact ? "" : "~")
                               .arg(meta.frame_count));
    source_label_->setToolTip(meta.count_exact ? QString()
                                               : tr("Frame count from the file's header"));
    statusBar()->showMessage(tr("Opened %1").arg(meta.path), 5000);
}

void MainWindow::importMesh(const QString& path) {
    if (mesh_watcher_->isRunning()) {
        statusBar()->showMessage(tr("Still importing %1").arg(pending_mesh_), 5000);
        return;
    }
    pending_mesh_ = path;
    mesh_error_.clear();
    statusBar()->showMessage(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    const std::string file = path.toStdString();
    mesh_watcher_->setFuture(QtConcurrent::run([this, file]() -> core::Mesh {
        try {
            return io::import_mesh(file);
        } catch (const std::exception& e) {
            mesh_error_ = QString::fromStdString(e.what());  // read after finished()
            return core::Mesh{};
        }
    }));
}

void MainWindow::onMeshLoaded() {
    const QString path = pending_mesh_;
    if (!mesh_error_.isEmpty()) {
        showError(tr("Cannot import mesh"), mesh_error_);
        return;
    }
    const core::Mesh mesh = mesh_watcher_->result();
    viewport_->showMesh(mesh);
    recent_.add(path);
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Imported %1: %2 vertices, %3 triangles")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(mesh.vertex_count())
                                 .arg(mesh.face_count()),
                             8000);
    emit meshImported(path, mesh.vertex_count(), mesh.face_count());
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(title, 10000);
    // Non-blocking, so a worker's error never freezes playback or a test.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit errorShown(title, message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile()) continue;
        const QString path = url.toLocalFile();
        isMeshFile(path) ? importMesh(path) : openVideo(path);
        event->acceptProposedAction();
        return;  // one file at a time
    }
}

}  // namespace likeness::ui

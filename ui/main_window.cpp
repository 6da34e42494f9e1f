#include "ui/main_window.hpp"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/core/version.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/take_json.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/retarget/auto_landmarks.hpp"
#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/character.hpp"
#include "engine/retarget/driven_rig.hpp"
#include "engine/retarget/puppet.hpp"
#include "engine/retarget/retarget.hpp"
#include "engine/retarget/template_transfer.hpp"
#include "ui/albedo_inspector.hpp"
#include "ui/attention_inspector.hpp"
#include "ui/blendshape_inspector.hpp"
#include "ui/curves_panel.hpp"
#include "ui/export_dialog.hpp"
#include "ui/face_model.hpp"
#include "ui/frame_clock.hpp"
#include "ui/frame_view.hpp"
#include "ui/job_panel.hpp"
#include "ui/job_runner.hpp"
#include "ui/lighting_panel.hpp"
#include "ui/retarget_panel.hpp"
#include "ui/studio_session.hpp"
#include "ui/timeline_panel.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

namespace likeness::ui {
namespace {
const char* const kVideoFilter =
    "Videos and images (*.mp4 *.mov *.m4v *.avi *.mkv *.webm *.mpg *.mpeg *.png *.jpg *.jpeg "
    "*.bmp *.tif *.tiff *.webp);;All files (*)";
const char* const kMeshFilter =
    "Meshes (*.obj *.fbx *.gltf *.glb *.dae *.ply *.stl *.3ds);;All files (*)";
const char* const kTakeFilter = "Takes (*.json);;All files (*)";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    qRegisterMetaType<likeness::ui::ViewportMode>();
    setWindowTitle(tr("Likeness Studio"));
    setAcceptDrops(true);
    setObjectName("MainWindow");
    setDockNestingEnabled(true);

    session_ = new StudioSession(this);
    clock_ = new FrameClock(this);
    jobs_ = new JobRunner(this);
    createPanels();

    source_label_ = new QLabel(this);
    job_panel_ = new JobPanel(jobs_, this);
    statusBar()->addPermanentWidget(job_panel_);
    statusBar()->addPermanentWidget(source_label_);
    statusBar()->showMessage(tr("Ready"));

    mesh_watcher_ = new QFutureWatcher<std::shared_ptr<retarget::Character>>(this);
    connect(mesh_watcher_, &QFutureWatcher<std::shared_ptr<retarget::Character>>::finished, this,
            &MainWindow::onMeshLoaded);
    connect(video_, &VideoPanel::opened, this, &MainWindow::onVideoOpened);
    connect(video_, &VideoPanel::openFailed, this,
            [this](const QString& message) { showError(tr("Cannot open video"), message); });
    connect(video_, &VideoPanel::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(video_, &VideoPanel::frameCountChanged, this, &MainWindow::updateClockRange);
    connect(video_, &VideoPanel::frameShown, this, &MainWindow::syncFrame);
    connect(clock_, &FrameClock::frameChanged, this, &MainWindow::onClockFrame);
    connect(session_, &StudioSession::takeChanged, this, &MainWindow::onTakeChanged);
    connect(session_, &StudioSession::characterChanged, this, &MainWindow::rebuildPuppet);
    connect(session_, &StudioSession::mappingChanged, this, &MainWindow::rebuildPuppet);
    connect(session_, &StudioSession::controlsChanged, this, [this] {
        updateRetargetedTake();
        syncFrame(clock_->current());
    });
    connect(retarget_, &RetargetPanel::importRequested, this, &MainWindow::importMeshDialog);
    connect(retarget_, &RetargetPanel::transferRequested, this, &MainWindow::transferShapes);
    connect(retarget_, &RetargetPanel::failed, this, &MainWindow::showError);
    connect(session_, &StudioSession::modifiedChanged, this, &MainWindow::updateTitle);
    connect(jobs_, &JobRunner::failed, this, [this](const QString& job, const QString& message) {
        showError(tr("%1 failed").arg(job), message);
    });
    connect(jobs_, &JobRunner::cancelled, this, [this](const QString& job) {
        statusBar()->showMessage(tr("%1 cancelled; nothing changed").arg(job), 8000);
    });
    connect(jobs_, &JobRunner::finished, this, [this](const QString& job) {
        statusBar()->showMessage(
            tr("%1 done in %2 s").arg(job).arg(jobs_->elapsedSeconds(), 0, 'f', 1), 8000);
    });

    createActions();
    connectInspectors();
    QSettings settings;
    resize(1440, 900);
    default_state_ = saveState();
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray());
    updateTitle();
}

MainWindow::~MainWindow() {
    mesh_watcher_->waitForFinished();
    jobs_->cancel();
    jobs_->wait();
}

QDockWidget* MainWindow::addDock(QWidget* panel, const QString& title, const QString& name,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createPanels() {
    video_ = new VideoPanel(clock_, this);
    video_->setObjectName("VideoPanel");
    setCentralWidget(video_);

    viewport_ = new ViewportPanel(this);
    timeline_ = new TimelinePanel(clock_, this);
    curves_ = new CurvesPanel(clock_, this);
    blendshapes_ = new BlendshapeInspector(this);
    attention_ = new AttentionInspector(this);
    albedo_ = new AlbedoInspector(this);
    lighting_ = new LightingPanel(this);
    retarget_ = new RetargetPanel(session_, this);

    QDockWidget* viewport =
        addDock(viewport_, tr("3D Viewport"), "ViewportDock", Qt::RightDockWidgetArea);
    QDockWidget* shapes =
        addDock(blendshapes_, tr("Blend Shapes"), "BlendshapeDock", Qt::LeftDockWidgetArea);
    QDockWidget* masks =
        addDock(attention_, tr("Attention Masks"), "AttentionDock", Qt::LeftDockWidgetArea);
    QDockWidget* albedo = addDock(albedo_, tr("Albedo"), "AlbedoDock", Qt::LeftDockWidgetArea);
    QDockWidget* light = addDock(lighting_, tr("Lighting"), "LightingDock", Qt::LeftDockWidgetArea);
    QDockWidget* retarget =
        addDock(retarget_, tr("Retarget"), "RetargetDock", Qt::LeftDockWidgetArea);
    tabifyDockWidget(shapes, masks);
    tabifyDockWidget(masks, albedo);
    tabifyDockWidget(albedo, light);
    tabifyDockWidget(light, retarget);
    shapes->raise();
    QDockWidget* timeline =
        addDock(timeline_, tr("Timeline"), "TimelineDock", Qt::BottomDockWidgetArea);
    QDockWidget* curves = addDock(curves_, tr("Curves"), "CurvesDock", Qt::BottomDockWidgetArea);
    splitDockWidget(timeline, curves, Qt::Vertical);
    resizeDocks({viewport, shapes}, {560, 330}, Qt::Horizontal);
    resizeDocks({timeline, curves}, {56, 200}, Qt::Vertical);
}

void MainWindow::connectInspectors() {
    // One selected shape across the three inspectors.
    connect(blendshapes_, &BlendshapeInspector::shapeSelected, attention_,
            &AttentionInspector::selectShape);
    connect(blendshapes_, &BlendshapeInspector::shapeSelected, albedo_,
            &AlbedoInspector::selectShape);
    connect(attention_, &AttentionInspector::shapeSelected, blendshapes_,
            &BlendshapeInspector::selectShape);
    connect(albedo_, &AlbedoInspector::shapeSelected, blendshapes_,
            &BlendshapeInspector::selectShape);
    connect(blendshapes_, &BlendshapeInspector::expressionOverride, viewport_,
            &ViewportPanel::setExpressionOverride);
    connect(blendshapes_, &BlendshapeInspector::showCorrectedChanged, viewport_,
            &ViewportPanel::setShowPersonal);
    connect(blendshapes_, &BlendshapeInspector::colourMapRequested, viewport_,
            &ViewportPanel::setColourMap);
    connect(attention_, &AttentionInspector::colourMapRequested, viewport_,
            &ViewportPanel::setColourMap);
    connect(blendshapes_, &BlendshapeInspector::colourMapCleared, viewport_, [this] {
        if (viewport_->mode() == ViewportMode::ColourMap) viewport_->setMode(ViewportMode::Shape);
    });
}

void MainWindow::loadTemplate() {
    auto result = std::make_shared<std::shared_ptr<const FaceModel>>();
    auto rig = std::make_shared<std::shared_ptr<const face::TemplateRig>>();
    jobs_->start(
        tr("Loading the template face"),
        [result, rig](const core::Progress& progress) {
            auto built =
                std::make_shared<face::TemplateRig>(face::build_template_rig({}, progress));
            progress.report(0.95, "colour maps");
            auto model = std::make_shared<FaceModel>(face_model_from_template(*built));
            compute_correction_maps(model.get());
            *result = std::move(model);
            *rig = std::move(built);
        },
        [this, result, rig] {
            template_rig_ = *rig;
            session_->setModel(*result, false);
            showFaceModel(*result);
            emit templateLoaded();
        });
}

void MainWindow::showFaceModel(std::shared_ptr<const FaceModel> model) {
    viewport_->setFaceModel(model);
    video_->setFaceModel(model);
    blendshapes_->setModel(model);
    attention_->setModel(model);
    albedo_->setModel(model);
    syncFrame(clock_->current());
    emit faceModelShown();
}

void MainWindow::rebuildRecentMenu() {
    recent_menu_->clear();
    const QStringList files = recent_.list();
    for (const QString& path : files)
        recent_menu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })
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

bool MainWindow::isTakeFile(const QString& path) {
    return QFileInfo(path).suffix().toLower() == "json";
}

bool MainWindow::isProjectFile(const QString& path) {
    return QFileInfo(path).suffix().toLower() == "likeness";
}

void MainWindow::openFile(const QString& path) {
    if (isProjectFile(path))
        openProject(path);
    else if (isMeshFile(path) ||
             (QFileInfo(path).isDir() && !QDir(path).entryList({"*.obj"}).isEmpty()))
        importMesh(path);
    else if (isTakeFile(path))
        openTake(path);
    else
        openVideo(path);
}

void MainWindow::openVideoDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open video"), recent_.lastFolder(),
                                                      tr(kVideoFilter));
    if (!path.isEmpty()) openVideo(path);
}

void MainWindow::openTakeDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open take"), recent_.lastFolder(), tr(kTakeFilter));
    if (!path.isEmpty()) openTake(path);
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
    session_->setVideoPath(meta.path);
    updateTitle();
    source_label_->setText(tr("%1×%2  %3 fps  %4%5 frames")
                               .arg(meta.width)
                               .arg(meta.height)
                               .arg(meta.fps, 0, 'f', 2)
                               .arg(meta.count_exact ? "" : "~")
                               .arg(meta.frame_count));
    source_label_->setToolTip(meta.count_exact ? QString()
                                               : tr("Frame count from the file's header"));
    statusBar()->showMessage(tr("Opened %1").arg(meta.path), 5000);
    clock_->seek(0);
    updateClockRange();
}

void MainWindow::updateClockRange() {
    const qint64 video = video_->hasSource() ? video_->meta().frame_count : 0;
    const qint64 take = session_->take() ? session_->take()->frame_count() : 0;
    // The video's rate when it moves; a still image plays the take at the take's rate.
    const double fps = video > 1 || !session_->take() ? video_->meta().fps : session_->take()->fps;
    clock_->setRange(std::max(video, take), fps);
}

void MainWindow::onClockFrame(qint64 index) {
    // A frame the video holds is synced when it is on screen; others (past the video's end, or
    // no video) right away.
    const qint64 video = video_->hasSource() ? video_->meta().frame_count : 0;
    if (index >= video || video_->currentFrame() == index) syncFrame(index);
}

void MainWindow::syncFrame(qint64 index) {
    FrameState state = session_->frameState(index);
    if (retargeted_take_ && index >= 0 && index < retargeted_take_->frame_count()) {
        // apply_controls already holds the last face frame's weights through dropouts.
        state.retargeted = retargeted_take_->frames[static_cast<size_t>(index)].weights;
        state.has_retargeted = true;
    }
    const TrackedCamera& camera = session_->camera();
    viewport_->setFrameState(state);
    viewport_->setVideoFrame(video_->frameView()->image(), camera);
    video_->setFrameState(state, camera);
    blendshapes_->setWeights(state.w);
    albedo_->setWeights(state.w);
    lighting_->setLighting(state.lighting, state.tracked);
    emit frameSynced(index);
}

void MainWindow::openTake(const QString& path) {
    auto take = std::make_shared<core::Take>();
    const std::string file = path.toStdString();
    const bool started = jobs_->start(
        tr("Opening take %1").arg(QFileInfo(path).fileName()),
        [take, file](const core::Progress& progress) {
            progress.report(0.0, "reading");
            *take = io::read_take_json(file);
            std::string why;
            if (!take->is_valid(&why)) throw io::TakeFileError(file + ": " + why);
        },
        [this, take, path] {
            recent_.add(path);
            rebuildRecentMenu();
            session_->setTake(std::move(*take));
            emit takeOpened(path, session_->take()->frame_count());
        });
    if (!started) statusBar()->showMessage(tr("Wait for %1 to finish").arg(jobs_->jobName()), 5000);
}

void MainWindow::onTakeChanged() {
    const core::Take* take = session_->take();
    curves_->setTake(take);
    std::vector<bool> flags;
    if (take)
        for (const core::TakeFrame& f : take->frames)
            flags.push_back(f.has_face);
    timeline_->setFaceFlags(std::move(flags));
    updateRetargetedTake();
    updateClockRange();
    syncFrame(clock_->current());
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
    mesh_watcher_->setFuture(
        QtConcurrent::run([this, file]() -> std::shared_ptr<retarget::Character> {
            try {
                return std::make_shared<retarget::Character>(retarget::import_character(file));
            } catch (const std::exception& e) {
                mesh_error_ = QString::fromStdString(e.what());  // read after finished()
                return nullptr;
            }
        }));
}

void MainWindow::onMeshLoaded() {
    const QString path = pending_mesh_;
    const std::shared_ptr<retarget::Character> character = mesh_watcher_->result();
    if (!character) {
        showError(tr("Cannot import %1").arg(QFileInfo(path).fileName()), mesh_error_);
        return;
    }
    const core::Mesh& mesh = character->rig.neutral;
    session_->setCharacter(character, retarget::auto_map(character->rig.shape_names));
    recent_.add(path);
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Imported %1: %2 vertices, %3 triangles, %4 shapes; %5 of 52 "
                                "channels mapped")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(mesh.vertex_count())
                                 .arg(mesh.face_count())
                                 .arg(character->rig.shape_count())
                                 .arg(session_->mapping().mapped_count()),
                             8000);
    emit meshImported(path, mesh.vertex_count(), mesh.face_count());
}

void MainWindow::rebuildPuppet() {
    const std::shared_ptr<const retarget::Character> character = session_->character();
    if (!character) {
        viewport_->setPuppet(nullptr);
        return;
    }
    try {
        core::BlendshapeRig rig = character->has_shapes()
                                      ? retarget::driven_rig(character->rig, session_->mapping())
                                      : character->rig;
        viewport_->setPuppet(std::make_shared<const retarget::Puppet>(std::move(rig)));
    } catch (const std::exception& e) {
        showError(tr("Cannot drive the character"), QString::fromStdString(e.what()));
    }
    updateRetargetedTake();
    syncFrame(clock_->current());
}

void MainWindow::updateRetargetedTake() {
    retargeted_take_.reset();
    if (!session_->character() || !session_->take()) return;
    try {
        retargeted_take_ = std::make_shared<const core::Take>(
            retarget::apply_controls(*session_->take(), session_->controls()));
    } catch (const std::exception& e) {
        showError(tr("Cannot apply the retarget controls"), QString::fromStdString(e.what()));
    }
}

void MainWindow::transferShapes() {
    const auto character = session_->character();
    const auto model = session_->model();
    if (!character || !model || !template_rig_) return;
    auto rig = template_rig_;
    auto source = std::make_shared<core::BlendshapeRig>(model->to_blendshape_rig());
    auto result = std::make_shared<std::shared_ptr<retarget::Character>>();
    jobs_->start(
        tr("Deformation transfer"),
        [rig, source, character, result](const core::Progress& progress) {
            progress.report(0.0, "finding the face on the character");
            nn::FaceLandmarker landmarker(io::find_models());
            const retarget::AutoLandmarks landmarks =
                retarget::find_landmarks(character->rig, landmarker, {}, progress);
            progress.report(0.2, "transferring the 52 shapes");
            const retarget::TemplateTransfer transfer = retarget::transfer_template_shapes(
                *rig, *source, character->rig, landmarks.pairs, {}, progress);
            auto out = std::make_shared<retarget::Character>(*character);
            out->rig = transfer.transferred.rig;
            *result = std::move(out);
        },
        [this, result] {
            const auto& character = *result;
            session_->setCharacter(character, retarget::auto_map(character->rig.shape_names));
            statusBar()->showMessage(
                tr("The character has %1 ARKit shapes now").arg(character->rig.shape_count()),
                8000);
        });
}

void MainWindow::exportDialog() {
    const std::shared_ptr<const FaceModel> model = session_->model();
    const std::shared_ptr<const retarget::Character> character = session_->character();
    if (!model && !character) {
        showError(tr("Nothing to export"), tr("The face model is still loading."));
        return;
    }
    QStringList rigs;
    if (model) rigs << tr("Face model (%1)").arg(QString::fromStdString(model->name));
    if (character)
        rigs << tr("Character driven by the take (%1)")
                    .arg(QFileInfo(QString::fromStdString(character->path)).fileName());
    ExportDialog dialog(rigs, session_->hasTake(), recent_.lastFolder(),
                        model ? QString::fromStdString(model->name) : QString("character"), this);
    if (dialog.exec() != QDialog::Accepted) return;
    io::ExportRequest request = dialog.request();
    const bool export_character = character && (!model || dialog.rigIndex() == 1);
    const bool with_take =
        session_->hasTake() && (dialog.includeAnimation() || !io::exports_rig(request.format));
    auto take = with_take ? std::make_shared<core::Take>(*session_->take()) : nullptr;
    auto rig = export_character ? nullptr
                                : std::make_shared<core::BlendshapeRig>(model->to_blendshape_rig());
    const retarget::ChannelMapping mapping = session_->mapping();
    const retarget::RetargetControls controls = session_->controls();
    const QString path = QString::fromStdString(request.path);
    jobs_->start(
        tr("Exporting %1").arg(QFileInfo(path).fileName()),
        [request, rig, take, character, mapping, controls,
         export_character](const core::Progress& progress) mutable {
            if (export_character) {  // the mapping folded into the character, the controls
                                     // applied to the take (retarget.hpp)
                if (take) {
                    retarget::Retargeted r =
                        retarget::retarget(*take, character->rig, mapping, controls, progress);
                    rig = std::make_shared<core::BlendshapeRig>(std::move(r.rig));
                    take = std::make_shared<core::Take>(std::move(r.take));
                } else {
                    rig = std::make_shared<core::BlendshapeRig>(
                        character->has_shapes() ? retarget::driven_rig(character->rig, mapping)
                                                : character->rig);
                }
            }
            request.rig = rig.get();
            request.take = take.get();
            io::export_files(request, progress);
        },
        [this, path] {
            recent_.setLastFolder(QFileInfo(path).absolutePath());
            statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
        });
}

void MainWindow::newSession() {
    if (!maybeDiscardChanges()) return;
    clock_->pause();
    session_->reset();
    video_->closeSource();
    source_label_->clear();
    updateClockRange();
    updateTitle();
}

bool MainWindow::maybeDiscardChanges() {
    if (!session_->isModified()) return true;
    const auto answer =
        QMessageBox::question(this, tr("Unsaved changes"),
                              tr("This session has changes that are not saved. Discard them?"),
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void MainWindow::updateTitle() {
    QString name = !session_->filePath().isEmpty()    ? QFileInfo(session_->filePath()).fileName()
                   : !session_->videoPath().isEmpty() ? QFileInfo(session_->videoPath()).fileName()
                                                      : tr("Untitled");
    setWindowTitle(tr("%1[*] — Likeness Studio").arg(name));
    setWindowModified(session_->isModified());
}

void MainWindow::resetLayout() {
    restoreState(default_state_);
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        dock->show();
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
    if (!maybeDiscardChanges()) {
        event->ignore();
        return;
    }
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
        openFile(url.toLocalFile());
        event->acceptProposedAction();
        return;  // one file at a time
    }
}

}  // namespace likeness::ui

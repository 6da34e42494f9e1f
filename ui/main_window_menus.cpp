// MainWindow's menus, shortcuts and the settings they remember (split from main_window.cpp to
// keep both readable; one class).
#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QUndoStack>

#include "engine/core/version.hpp"
#include "ui/frame_clock.hpp"
#include "ui/job_runner.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

namespace likeness::ui {

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), this, &MainWindow::newSession)->setShortcut(QKeySequence::New);
    file->addAction(tr("&Open…"), this, &MainWindow::openDialog)->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &video or image…"), this, &MainWindow::openVideoDialog);
    file->addAction(tr("Open &take…"), this, &MainWindow::openTakeDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    recent_menu_ = file->addMenu(tr("Open &recent"));
    file->addAction(tr("&Import character…"), this, &MainWindow::importMeshDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("&Export…"), this, &MainWindow::exportDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Open &demo"), this, &MainWindow::openDemo);
    file->addSeparator();
    file->addAction(tr("&Save project"), this, &MainWindow::saveProject)
        ->setShortcut(QKeySequence::Save);
    file->addAction(tr("Save project &as…"), this, &MainWindow::saveProjectAs)
        ->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);
    rebuildRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = session_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = session_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    playback->addAction(tr("Play / pause"), clock_, &FrameClock::togglePlay)
        ->setShortcut(Qt::Key_Space);
    playback->addAction(tr("Next frame"), clock_, &FrameClock::stepForward)
        ->setShortcut(Qt::Key_Right);
    playback->addAction(tr("Previous frame"), clock_, &FrameClock::stepBackward)
        ->setShortcut(Qt::Key_Left);
    playback->addAction(tr("First frame"), clock_, &FrameClock::first)->setShortcut(Qt::Key_Home);
    playback->addAction(tr("Last frame"), clock_, &FrameClock::last)->setShortcut(Qt::Key_End);

    view_menu_ = menuBar()->addMenu(tr("&View"));
    mode_actions_ = new QActionGroup(this);
    for (size_t i = 0; i < kViewportModes.size(); ++i) {
        const ViewportMode mode = kViewportModes[i];
        QAction* a = view_menu_->addAction(viewport_mode_name(mode));
        a->setCheckable(true);
        a->setData(viewport_mode_key(mode));
        a->setShortcut(
            QKeySequence(static_cast<int>(Qt::CTRL) | (Qt::Key_1 + static_cast<int>(i))));
        mode_actions_->addAction(a);
        connect(a, &QAction::triggered, viewport_, [this, mode] { viewport_->setMode(mode); });
    }
    connect(viewport_, &ViewportPanel::modeChanged, this, [this](ViewportMode mode) {
        for (QAction* a : mode_actions_->actions())
            a->setChecked(a->data().toString() == viewport_mode_key(mode));
        QSettings().setValue("view/mode", viewport_mode_key(mode));
    });
    view_menu_->addSeparator();
    QAction* neutral = view_menu_->addAction(tr("&Neutral expression"));
    neutral->setCheckable(true);
    neutral->setShortcut(QKeySequence(Qt::Key_N));
    connect(neutral, &QAction::toggled, viewport_, &ViewportPanel::setShowNeutral);
    QAction* side = view_menu_->addAction(tr("&Side by side: template | personalized"));
    side->setCheckable(true);
    side->setShortcut(QKeySequence(Qt::Key_B));
    connect(side, &QAction::toggled, viewport_, &ViewportPanel::setSideBySide);
    view_menu_->addAction(tr("&Reset view"), viewport_, &ViewportPanel::resetView)
        ->setShortcut(QKeySequence(Qt::Key_F));
    view_menu_->addSeparator();
    view_menu_->addAction(video_->landmarksAction());
    view_menu_->addAction(video_->wireframeAction());
    view_menu_->addAction(video_->reconstructionAction());
    connect(video_, &VideoPanel::overlayFailed, this,
            [this](const QString& message) { showError(tr("Landmarks unavailable"), message); });
    video_->landmarksAction()->setChecked(QSettings().value("view/landmarks", true).toBool());
    for (QAction* a : {video_->wireframeAction(), video_->reconstructionAction()}) {
        const QString key = "view/" + a->objectName();
        a->setChecked(QSettings().value(key, false).toBool());
        connect(a, &QAction::toggled, this, [key](bool on) { QSettings().setValue(key, on); });
    }
    view_menu_->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view_menu_->addAction(dock->toggleViewAction());
    view_menu_->addAction(tr("Reset &layout"), this, &MainWindow::resetLayout);
    viewport_->setMode(viewport_mode_from_key(QSettings().value("view/mode", "shape").toString()));

    QMenu* jobs = menuBar()->addMenu(tr("&Jobs"));
    QAction* personalize = jobs->addAction(tr("&Personalize"), this, [this] { this->personalize(); });
    personalize->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    personalize->setToolTip(tr("Personal model and tracking of the open video or photo"));
    QAction* track = jobs->addAction(tr("&Track"), this, &MainWindow::track);
    track->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    track->setToolTip(tr("Track the open video with the current personal model"));
    jobs->addAction(tr("&Settings…"), this, &MainWindow::jobSettingsDialog);
    jobs->addSeparator();
    jobs->addAction(tr("&Cancel job"), jobs_, &JobRunner::cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        auto* box = new QMessageBox(
            QMessageBox::Information, tr("Keyboard shortcuts"),
            tr("<table><tr><td>Space</td><td>play / pause</td></tr>"
               "<tr><td>← / →</td><td>previous / next frame</td></tr>"
               "<tr><td>Home / End</td><td>first / last frame</td></tr>"
               "<tr><td>Ctrl+1 … Ctrl+6</td><td>viewport modes</td></tr>"
               "<tr><td>N / B / F</td><td>neutral, side by side, reset view</td></tr>"
               "<tr><td>Ctrl+L, Ctrl+Shift+W, Ctrl+Shift+R</td><td>landmarks, wireframe, "
               "reconstruction over the video</td></tr>"
               "<tr><td>Ctrl+Z / Ctrl+Shift+Z</td><td>undo / redo</td></tr>"
               "<tr><td>Esc</td><td>cancel the running job</td></tr></table>"),
            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    help->addAction(tr("&About Likeness"), this, [this] {
        QMessageBox::about(this, tr("About Likeness"),
                           tr("<b>Likeness %1</b><p>Personalized face rigs and motion "
                              "retargeting from casual video.</p>")
                               .arg(QString::fromStdString(core::version())));
    });
}

}  // namespace likeness::ui

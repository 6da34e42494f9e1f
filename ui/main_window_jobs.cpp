// MainWindow's fitting jobs and project files (split from main_window.cpp; one class):
// Personalize and Track through the fitting engine, Open / Save / Save As of the project file
// with the studio's side file. Every one runs on the job thread; a failure shows the engine's
// message and leaves the session as it was.
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QComboBox>
#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>

#include "engine/face/template_rig.hpp"
#include "engine/fit/session.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/retarget/character.hpp"
#include "ui/face_model.hpp"
#include "ui/fit_jobs.hpp"
#include "ui/frame_clock.hpp"
#include "ui/job_runner.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/studio_state_file.hpp"
#include "ui/video_panel.hpp"

namespace likeness::ui {
namespace {
const char* const kProjectFilter = "Likeness projects (*.likeness)";
}

std::vector<std::string> MainWindow::shapeMeanings() const {
    return template_rig_ ? template_rig_->shape_meanings : std::vector<std::string>{};
}

void MainWindow::personalize(bool quick) {
    const QString input = session_->videoPath();
    if (input.isEmpty() || !template_rig_) {
        showError(tr("Nothing to personalize"),
                  input.isEmpty() ? tr("Open a video or a photo of a face first.")
                                  : tr("The template face is still loading."));
        return;
    }
    auto rig = template_rig_;
    const JobSettings settings = session_->settings();
    const std::vector<std::string> meanings = shapeMeanings();
    auto outcome = std::make_shared<FitOutcome>();
    const std::string path = input.toStdString();
    const bool started = jobs_->start(
        quick ? tr("Single-image personalization") : tr("Personalize"),
        [rig, settings, quick, meanings, outcome, path](const core::Progress& progress) {
            *outcome = personalize_video(path, *rig, settings, quick, meanings, progress);
        },
        [this, outcome] {
            session_->setFitSession(outcome->session, outcome->model);
            if (outcome->model) showFaceModel(outcome->model);
            statusBar()->showMessage(outcome->message, 15000);
            emit fitShown();
        });
    if (!started) statusBar()->showMessage(tr("Wait for %1 to finish").arg(jobs_->jobName()), 5000);
}

void MainWindow::track() {
    const QString input = session_->videoPath();
    const auto base = session_->fitSession();
    if (input.isEmpty() || !base || !base->has_model()) {
        showError(tr("Nothing to track with"),
                  input.isEmpty() ? tr("Open a video first.")
                                  : tr("Personalize first, or open a project that has a personal "
                                       "model, then open the video to track."));
        return;
    }
    const std::vector<std::string> meanings = shapeMeanings();
    auto outcome = std::make_shared<FitOutcome>();
    const std::string path = input.toStdString();
    const bool started = jobs_->start(
        tr("Track"),
        [base, meanings, outcome, path,
         focal_factor = session_->settings().focal_factor](const core::Progress& progress) {
            *outcome = track_video(path, *base, focal_factor, meanings, progress);
        },
        [this, outcome] {
            session_->setFitSession(outcome->session, nullptr);  // same model, new take
            statusBar()->showMessage(outcome->message, 15000);
            emit fitShown();
        });
    if (!started) statusBar()->showMessage(tr("Wait for %1 to finish").arg(jobs_->jobName()), 5000);
}

void MainWindow::jobSettingsDialog() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Job settings"));
    auto* frames = new QSpinBox(&dialog);
    frames->setRange(1, 256);
    frames->setToolTip(tr("K: frames sampled across the video, diverse in expression"));
    auto* ablation = new QComboBox(&dialog);
    for (const char* row : {"A", "B", "C", "D", "final"}) ablation->addItem(row, row);
    ablation->setToolTip(tr("Table 1's rows: A template only … final with every loss"));
    auto* focal = new QCheckBox(tr("Estimate the focal length"), &dialog);
    auto* lens = new QDoubleSpinBox(&dialog);
    lens->setRange(fit::kMinFocalFactor, fit::kMaxFocalFactor);
    lens->setDecimals(2);
    lens->setSingleStep(0.05);
    lens->setToolTip(tr("The camera's focal length over the frame's longer side (1.0: about 53° "
                        "across it). Personalize starts there, or keeps it when the estimate is "
                        "off; Track uses it for a video of another size."));
    auto* prior = new QComboBox(&dialog);
    prior->addItem(tr("Builtin template"));
    prior->addItem(tr("ICT-FaceKit folder"));
    prior->setToolTip(tr("The face Personalize starts from: the builtin template, or its "
                         "topology registered onto ICT-FaceKit's neutral with ICT's ARKit shapes"));
    auto* ict_folder = new QLineEdit(&dialog);
    ict_folder->setPlaceholderText(tr("folder with generic_neutral_mesh.obj"));
    auto* browse = new QPushButton(tr("Browse…"), &dialog);
    auto* ict_row = new QHBoxLayout;
    ict_row->addWidget(ict_folder, 1);
    ict_row->addWidget(browse);
    const JobSettings before = session_->settings();
    frames->setValue(before.frame_count);
    ablation->setCurrentIndex(ablation->findData(before.ablation));
    focal->setChecked(before.estimate_focal);
    lens->setValue(before.focal_factor);
    prior->setCurrentIndex(before.ict_folder.isEmpty() ? 0 : 1);
    ict_folder->setText(before.ict_folder);
    auto enable_ict = [=] {
        ict_folder->setEnabled(prior->currentIndex() == 1);
        browse->setEnabled(prior->currentIndex() == 1);
    };
    enable_ict();
    connect(prior, qOverload<int>(&QComboBox::currentIndexChanged), &dialog, enable_ict);
    connect(browse, &QPushButton::clicked, &dialog, [this, ict_folder, &dialog] {
        const QString start =
            ict_folder->text().isEmpty() ? recent_.lastFolder() : ict_folder->text();
        const QString folder =
            QFileDialog::getExistingDirectory(&dialog, tr("ICT-FaceKit folder"), start);
        if (!folder.isEmpty()) ict_folder->setText(folder);
    });
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Modeling frames (K)"), frames);
    form->addRow(tr("Ablation row"), ablation);
    form->addRow(QString(), focal);
    form->addRow(tr("Lens (focal ÷ longer side)"), lens);
    form->addRow(tr("Template prior"), prior);
    form->addRow(tr("ICT-FaceKit"), ict_row);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    // An ICT folder without ICT's neutral is refused here; the engine names any other missing
    // file when Personalize reads the folder.
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, prior, ict_folder] {
        const QString folder = ict_folder->text().trimmed();
        if (prior->currentIndex() == 1 &&
            !QFileInfo(QDir(folder).filePath("generic_neutral_mesh.obj")).isFile()) {
            QMessageBox::warning(
                &dialog, tr("Not an ICT-FaceKit folder"),
                folder.isEmpty()
                    ? tr("Choose the folder that holds ICT-FaceKit's generic_neutral_mesh.obj.")
                    : tr("%1 has no generic_neutral_mesh.obj.").arg(folder));
            return;
        }
        dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return;
    JobSettings after = before;
    after.frame_count = frames->value();
    after.ablation = ablation->currentData().toString();
    after.estimate_focal = focal->isChecked();
    after.focal_factor = lens->value();
    after.ict_folder = prior->currentIndex() == 1
                           ? QFileInfo(ict_folder->text().trimmed()).absoluteFilePath()
                           : QString();
    session_->editSettings(after, tr("Job settings"));
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open"), recent_.lastFolder(),
        tr("Projects, videos, images, takes and characters (*.likeness *.mp4 *.mov *.m4v *.avi "
           "*.mkv *.webm *.png *.jpg *.jpeg *.bmp *.tif *.tiff *.json *.obj *.fbx *.gltf *.glb "
           "*.dae);;%1;;All files (*)")
            .arg(tr(kProjectFilter)));
    if (!path.isEmpty()) openFile(path);
}

void MainWindow::openProject(const QString& path) {
    if (!maybeDiscardChanges()) return;
    const std::vector<std::string> meanings = shapeMeanings();
    auto outcome = std::make_shared<FitOutcome>();
    const std::string file = path.toStdString();
    const bool started = jobs_->start(
        tr("Opening %1").arg(QFileInfo(path).fileName()),
        [meanings, outcome, file](const core::Progress& progress) {
            *outcome = read_project(file, meanings, progress);
        },
        [this, outcome, path] {
            clock_->pause();
            session_->reset();
            session_->setFitSession(outcome->session, outcome->model);
            if (outcome->model) showFaceModel(outcome->model);
            session_->setFilePath(path);
            recent_.add(path);
            rebuildRecentMenu();
            // The video the project came from, when it is still there.
            const QString input = QString::fromStdString(outcome->session->input);
            if (!input.isEmpty() && QFileInfo::exists(input)) openVideo(input);
            applyStudioState(path);
            session_->setModified(false);
            updateTitle();
            statusBar()->showMessage(outcome->message, 8000);
            emit projectOpened(path);
        });
    if (!started) statusBar()->showMessage(tr("Wait for %1 to finish").arg(jobs_->jobName()), 5000);
}

void MainWindow::applyStudioState(const QString& project_path) {
    try {
        const std::optional<StudioState> state = read_studio_state(project_path);
        if (!state) return;
        session_->applySettings(state->settings);
        session_->applyControls(state->controls);
        if (!state->character_path.isEmpty()) {
            // The mapping waits for the character's import to finish.
            const retarget::ChannelMapping mapping = state->mapping;
            auto* once = new QObject(this);
            connect(this, &MainWindow::meshImported, once, [this, once, mapping] {
                session_->applyMapping(mapping);
                session_->setModified(false);
                once->deleteLater();
            });
            importMesh(state->character_path);
        }
    } catch (const std::exception& e) {
        showError(tr("Studio settings of the project not restored"),
                  QString::fromStdString(e.what()));
    }
}

bool MainWindow::saveProject() {
    return session_->filePath().isEmpty() ? saveProjectAs() : saveProjectTo(session_->filePath());
}

bool MainWindow::saveProjectAs() {
    const QString suggested = QDir(recent_.lastFolder())
                                  .filePath(QFileInfo(session_->videoPath()).completeBaseName() +
                                            ".likeness");
    QString path = QFileDialog::getSaveFileName(this, tr("Save project"), suggested,
                                                tr(kProjectFilter));
    if (path.isEmpty()) return false;
    if (!path.endsWith(".likeness")) path += ".likeness";
    return saveProjectTo(path);
}

bool MainWindow::saveProjectTo(const QString& path) {
    const auto base = session_->fitSession();
    auto to_save = std::make_shared<fit::Session>(session_to_save(
        base.get(), session_->take(), session_->videoPath().toStdString(),
        video_->meta().width, video_->meta().height, video_->meta().fps));
    StudioState state;
    const auto character = session_->character();
    if (character) state.character_path = QString::fromStdString(character->path);
    state.mapping = session_->mapping();
    state.controls = session_->controls();
    state.settings = session_->settings();
    const std::vector<std::string> shapes =
        character ? character->rig.shape_names : std::vector<std::string>{};
    const std::string file = path.toStdString();
    return jobs_->start(
        tr("Saving %1").arg(QFileInfo(path).fileName()),
        [to_save, state, shapes, file, path](const core::Progress& progress) {
            progress.report(0.0, "writing");
            fit::write_session(*to_save, file);
            write_studio_state(path, state, shapes);
        },
        [this, path] {
            session_->setFilePath(path);
            session_->setModified(false);
            recent_.add(path);
            rebuildRecentMenu();
            updateTitle();
            statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
            emit projectSaved(path);
        });
}

}  // namespace likeness::ui

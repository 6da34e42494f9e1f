// GUI (Qt Test, under xvfb): a character (a folder of per-shape OBJs) is imported and mapped to
// the ARKit channels automatically, plays the take beside the face in the viewport, its mapping
// and controls are edited with undo and redo, saved and loaded as JSON, and exported with the
// retargeted animation.
#include "ui/retarget_panel.hpp"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine/eval/synthetic_take.hpp"
#include "engine/io/take_json.hpp"
#include "engine/retarget/character.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/ui/ui_test_support.hpp"
#include "ui/export_dialog.hpp"
#include "ui/frame_clock.hpp"
#include "ui/job_runner.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/viewport_panel.hpp"

using likeness::ui::MainWindow;

namespace {

// A 5 x 5 vertex sheet (10 cm) and a displaced copy: one OBJ per shape.
void write_sheet(const std::string& path, float lower_jaw_cm, float left_lid_cm) {
    std::ofstream out(path);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 5; ++x) {
            float z = 0.f, dy = 0.f;
            if (y == 0) dy = -lower_jaw_cm;
            if (y == 3 && x == 3) dy = -left_lid_cm;
            out << "v " << 2.5f * x - 5.f << ' ' << 2.5f * y - 5.f + dy << ' ' << z << '\n';
        }
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x) {
            const int a = 5 * y + x + 1;
            out << "f " << a << ' ' << a + 1 << ' ' << a + 6 << '\n'
                << "f " << a << ' ' << a + 6 << ' ' << a + 5 << '\n';
        }
}

}  // namespace

class RetargetPanelTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("RetargetPanelTest");
        dir_ = QString::fromStdString(likeness::test::scratch_dir("retarget_panel"));
        folder_ = dir_ + "/sheet";
        std::filesystem::create_directories(folder_.toStdString());
        write_sheet((folder_ + "/neutral.obj").toStdString(), 0.f, 0.f);
        write_sheet((folder_ + "/jawOpen.obj").toStdString(), 2.f, 0.f);
        write_sheet((folder_ + "/eyeBlink_L.obj").toStdString(), 0.f, 1.f);
        write_sheet((folder_ + "/extraWrinkle.obj").toStdString(), 0.5f, 0.5f);
        likeness::eval::SyntheticTakeOptions options;
        options.seconds = 2.0;
        options.fps = 30.0;
        take_ = dir_ + "/take.json";
        likeness::io::write_take_json(likeness::eval::synthetic_take(options), take_.toStdString());
    }

    void importMapEditUndoAndExport() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::takeOpened);
        window.openTake(take_);
        QVERIFY(opened.wait(10000));

        QSignalSpy imported(&window, &MainWindow::meshImported);
        window.importMesh(folder_);
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.first().at(1).toInt(), 25);
        auto* session = window.session();
        QVERIFY(session->character());
        QCOMPARE(session->character()->rig.shape_count(), 3);
        QCOMPARE(session->mapping().mapped_count(), 2);  // jawOpen exact, eyeBlinkLeft normalized
        auto* panel = window.retargetPanel();
        QVERIFY(panel->summary().contains("2 of 52"));
        QVERIFY(panel->summary().contains("1 character shape"));  // extraWrinkle is unused
        QVERIFY(window.viewport()->hasMesh());

        // The character plays the take: jawOpen moves the bottom row.
        const int jaw = 17;
        window.clock()->seek(0);
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(0));
        const float rest = window.viewport()->puppetPositions()(0, 1);
        window.clock()->seek(25);  // jawOpen's period is 1 + 0.13 * 17 s: near full at 1.5 s
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(25));
        const float open = window.viewport()->puppetPositions()(0, 1);
        QVERIFY2(open < rest - 0.5f, qPrintable(QString("%1 vs %2").arg(open).arg(rest)));

        // Unmap jawOpen, undo, redo.
        panel->selectChannel(jaw);
        likeness::retarget::ChannelMapping m = session->mapping();
        m.clear(jaw);
        session->editMapping(m, "Unmap jawOpen");
        QCOMPARE(session->mapping().mapped_count(), 1);
        QCOMPARE(panel->table()->item(jaw, 1)->text(), QString("—"));
        QCOMPARE(window.viewport()->puppetPositions()(0, 1), rest);  // the jaw stays shut
        session->undoStack()->undo();
        QCOMPARE(session->mapping().mapped_count(), 2);
        QCOMPARE(window.viewport()->puppetPositions()(0, 1), open);
        session->undoStack()->redo();
        QCOMPARE(session->mapping().mapped_count(), 1);
        session->undoStack()->undo();

        // Intensity 0 holds the neutral face; a dragged slider is one undo step.
        likeness::retarget::RetargetControls c = session->controls();
        for (float v : {0.8f, 0.4f, 0.f}) {
            c.intensity = v;
            session->editControls(c, "Expression intensity");
        }
        QCOMPARE(window.viewport()->puppetPositions()(0, 1), rest);
        session->undoStack()->undo();
        QCOMPARE(session->controls().intensity, 1.f);
        QCOMPARE(window.viewport()->puppetPositions()(0, 1), open);

        // The mapping file round trip.
        const QString map_path = dir_ + "/mapping.json";
        panel->saveMapping(map_path);
        QVERIFY(QFileInfo::exists(map_path));
        session->editMapping({}, "Clear");
        QCOMPARE(session->mapping().mapped_count(), 0);
        panel->loadMapping(map_path);
        QCOMPARE(session->mapping().mapped_count(), 2);

        // Errors in a mapping file come back as a message; nothing changes.
        const QString bad = dir_ + "/bad.json";
        std::ofstream(bad.toStdString()) << R"({"format": "likeness-retarget-map", "version": 1,
            "channels": {"jawOpen": "noSuchShape"}})";
        QSignalSpy failed(panel, &likeness::ui::RetargetPanel::failed);
        panel->loadMapping(bad);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().at(1).toString().contains("noSuchShape"));
        QCOMPARE(session->mapping().mapped_count(), 2);

        // File -> Export: the character with the retargeted animation, as GLB, run as a job.
        const QString glb = dir_ + "/character.glb";
        QTimer::singleShot(200, [glb] {
            auto* dialog =
                qobject_cast<likeness::ui::ExportDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            dialog->findChild<QComboBox*>("ExportRig")->setCurrentIndex(0);  // no face model yet
            dialog->setFormat(likeness::io::ExportFormat::kGlb);
            dialog->setPath(glb);
            dialog->accept();
        });
        QSignalSpy finished(window.jobs(), &likeness::ui::JobRunner::finished);
        window.exportDialog();
        QVERIFY(finished.wait(20000));
        QVERIFY(QFileInfo(glb).size() > 1000);
        session->setModified(false);
    }

    void aBrokenCharacterFileIsReported() {
        MainWindow window;
        window.show();
        const QString broken = dir_ + "/broken.fbx";
        std::ofstream(broken.toStdString()) << "Kaydara FBX Binary  \x00 not really";
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.importMesh(broken);
        QVERIFY(errors.wait(10000));
        QVERIFY(errors.first().at(1).toString().contains("broken.fbx"));
        QVERIFY(!window.session()->character());
    }

    void deformationTransferGivesACharacterTheArkitShapes() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QSignalSpy model(&window, &MainWindow::faceModelShown);
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.loadTemplate();
        QVERIFY(model.wait(60000) || errors.count() > 0);
        if (errors.count() > 0) QSKIP(qPrintable(errors.first().at(1).toString()));
        QSignalSpy imported(&window, &MainWindow::meshImported);

        // A flat sheet has no face to find: the job fails with the engine's message and the
        // character stays as it was.
        window.importMesh(folder_);
        QVERIFY(imported.wait(10000));
        window.transferShapes();
        QVERIFY(errors.wait(60000));
        QCOMPARE(window.session()->character()->rig.shape_count(), 3);

        const auto ict = likeness::test::shared_file("data/ict-facekit");
        if (!ict) QSKIP(likeness::test::missing_shared_message("data/ict-facekit").c_str());
        window.importMesh(QString::fromStdString(*ict));
        QVERIFY(imported.wait(60000));
        QSignalSpy finished(window.jobs(), &likeness::ui::JobRunner::finished);
        QElapsedTimer clock;
        clock.start();
        window.transferShapes();
        QVERIFY(finished.wait(180000));
        qInfo("deformation transfer onto ICT-FaceKit: %.1f s", clock.elapsed() / 1000.0);
        QCOMPARE(window.session()->character()->rig.shape_count(), 52);
        QCOMPARE(window.session()->mapping().mapped_count(), 52);
        window.session()->setModified(false);
    }

  private:
    QString dir_, folder_, take_;
};

QTEST_MAIN(RetargetPanelTest)
#include "retarget_panel_test.moc"

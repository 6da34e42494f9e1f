// GUI (Qt Test, under xvfb): a take opened from a file (or dropped on the window) shows on the
// timeline and the curves; playback runs at the take's rate with video, viewport, inspectors
// and curves on the same frame; keyboard shortcuts step; the UI never stalls while it plays.
#include <QAction>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QtTest>

#include "engine/eval/synthetic_take.hpp"
#include "engine/io/take_json.hpp"
#include "tests/support/synthetic_video.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/ui/ui_test_support.hpp"
#include "ui/curve_plot.hpp"
#include "ui/curves_panel.hpp"
#include "ui/frame_clock.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/timeline_panel.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

using likeness::ui::MainWindow;

class TimelineTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("TimelineTest");
        dir_ = QString::fromStdString(likeness::test::scratch_dir("timeline"));
        likeness::eval::SyntheticTakeOptions options;
        options.seconds = 2.0;
        options.fps = 30.0;
        options.dropout_every = 20;
        options.dropout_length = 3;
        take_ = dir_ + "/take.json";
        likeness::io::write_take_json(likeness::eval::synthetic_take(options), take_.toStdString());
    }

    void aTakeDrivesEveryPanel() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy model(&window, &MainWindow::faceModelShown);
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.loadTemplate();
        QVERIFY(model.wait(60000) || errors.count() > 0);
        if (errors.count() > 0) QSKIP(qPrintable(errors.first().at(1).toString()));

        QSignalSpy opened(&window, &MainWindow::takeOpened);
        window.openTake(take_);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.first().at(1).toInt(), 60);
        QCOMPARE(window.clock()->frameCount(), qint64(60));
        QCOMPARE(window.clock()->fps(), 30.0);
        QVERIFY(window.session()->isModified());
        QVERIFY(!window.curves()->plot()->selection().empty());

        QSignalSpy synced(&window, &MainWindow::frameSynced);
        window.clock()->seek(12);
        QVERIFY(synced.count() > 0 || synced.wait(2000));
        QCOMPARE(window.viewport()->frameState().index, qint64(12));
        QVERIFY(window.viewport()->frameState().tracked);
        const Eigen::VectorXf w12 = window.viewport()->frameState().w;
        QVERIFY(w12.maxCoeff() > 0.05f);

        // Shortcuts: Right steps, End goes to the end, Home to the start. (xvfb has no window
        // manager to activate the window, so the actions bound to the keys are triggered.)
        const auto press = [&window](int key) {
            for (QAction* action : window.findChildren<QAction*>())
                if (action->shortcut() == QKeySequence(key) && action->isEnabled()) {
                    action->trigger();
                    return true;
                }
            return false;
        };
        QVERIFY(press(Qt::Key_Right));
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(13));
        QVERIFY(press(Qt::Key_End));
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(59));
        QVERIFY(press(Qt::Key_Home));
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(0));

        // Play it through at 30 fps, measuring how long the UI thread goes between turns.
        likeness::test::StallProbe probe;
        synced.clear();
        QElapsedTimer clock;
        clock.start();
        probe.start();
        window.clock()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!window.clock()->isPlaying(), 10000);
        probe.stop();
        const qint64 took = clock.elapsed();
        qInfo(
            "played 60 frames in %lld ms, %d frames synced; longest UI gap %lld ms wall, "
            "%.1f ms of UI-thread CPU",
            took, static_cast<int>(synced.count()), probe.worstWallMs(), probe.worstCpuMs());
        QVERIFY(took > 1500 && took < 4000);  // ~2 s of take at its own rate
        QVERIFY(synced.count() > 20);
        QCOMPARE(window.viewport()->frameState().index, qint64(59));
        QVERIFY(probe.worstCpuMs() < 100.0);
        QVERIFY(probe.worstWallMs() < 500);  // generous: a shared machine deschedules us

        // Frames without a face are flagged.
        QVERIFY(!window.session()->frameState(18).has_face);  // dropouts at 17-19, 37-39, ...
        window.session()->setModified(false);
    }

    void aTakeLongerThanTheVideoHoldsTheLastFrame() {
        const QString clip = dir_ + "/clip.avi";
        QVERIFY(likeness::test::write_pattern_video(clip.toStdString(), "MJPG", 20, 30.0,
                                                    cv::Size(160, 120)));
        MainWindow window;
        window.show();
        QSignalSpy model(&window, &MainWindow::faceModelShown);
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.loadTemplate();
        QVERIFY(model.wait(60000) || errors.count() > 0);
        if (errors.count() > 0) QSKIP(qPrintable(errors.first().at(1).toString()));
        QSignalSpy shown(window.videoPanel(), &likeness::ui::VideoPanel::frameShown);
        window.openVideo(clip);
        QVERIFY(shown.wait(5000));
        QCOMPARE(window.clock()->frameCount(), qint64(20));

        // Dropping a take file on the window opens it.
        QSignalSpy opened(&window, &MainWindow::takeOpened);
        errors.clear();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(take_)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY2(opened.wait(10000),
                 qPrintable(errors.isEmpty() ? window.statusBar()->currentMessage()
                                             : errors.first().at(1).toString()));
        QCOMPARE(window.clock()->frameCount(), qint64(60));

        window.clock()->seek(40);
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(40));
        QTRY_COMPARE(window.videoPanel()->currentFrame(), qint64(19));
        window.clock()->seek(5);
        QTRY_COMPARE(window.videoPanel()->currentFrame(), qint64(5));
        QTRY_COMPARE(window.viewport()->frameState().index, qint64(5));
        window.session()->setModified(false);
    }

    void curvesZoomAndSeek() {
        likeness::ui::FrameClock clock;
        clock.setRange(60, 30.0);
        likeness::ui::CurvesPanel panel(&clock);
        panel.resize(800, 300);
        panel.show();
        const likeness::core::Take take = likeness::io::read_take_json(take_.toStdString());
        panel.setTake(&take);
        auto* plot = panel.plot();
        QCOMPARE(plot->firstFrame(), 0.0);
        QCOMPARE(plot->lastFrame(), 59.0);
        plot->setFrameRange(10, 30);
        QCOMPARE(plot->firstFrame(), 10.0);
        QCOMPARE(plot->lastFrame(), 30.0);
        panel.select({17, 52});  // jawOpen and head yaw
        QCOMPARE(plot->selection().size(), size_t(2));
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier,
                          QPoint(plot->width() / 2, plot->height() / 2));
        QVERIFY(std::abs(clock.current() - 20) <= 2);
        QTest::mouseDClick(plot, Qt::LeftButton);
        QCOMPARE(plot->lastFrame(), 59.0);
        QVERIFY(panel.mostActive(3).size() == 3);
    }

  private:
    QString dir_;
    QString take_;
};

QTEST_MAIN(TimelineTest)
#include "timeline_test.moc"

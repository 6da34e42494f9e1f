// GUI (Qt Test): the job runner runs a long engine-style call on a worker thread with progress,
// stage names and an ETA; Cancel stops it within half a second and leaves the caller's state
// alone; an engine error comes back as its message; the UI thread never stalls meanwhile.
#include "ui/job_runner.hpp"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "tests/ui/ui_test_support.hpp"
#include "ui/job_panel.hpp"
#include "ui/studio_session.hpp"

using likeness::ui::JobRunner;

namespace {

/// A stand-in for a long engine call (e.g. personalization): `steps` steps of `step_ms` work,
/// reporting progress and polling cancel at every step, as the engine's contract asks.
void fake_engine_call(const likeness::core::Progress& progress, int steps, int step_ms) {
    for (int i = 0; i < steps; ++i) {
        progress.check();
        progress.report(static_cast<double>(i) / steps, i < steps / 2 ? "stage 1" : "stage 2");
        std::this_thread::sleep_for(std::chrono::milliseconds(step_ms));
    }
    progress.report(1.0, "done");
}

}  // namespace

class JobRunnerTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("JobRunnerTest");
    }

    void reportsProgressStagesAndEtaThenFinishes() {
        JobRunner runner;
        likeness::ui::JobPanel panel(&runner);
        QSignalSpy progress(&runner, &JobRunner::progress);
        QSignalSpy finished(&runner, &JobRunner::finished);
        bool done_on_ui_thread = false;
        QVERIFY(runner.start(
            "Personalize", [](const auto& p) { fake_engine_call(p, 60, 20); },
            [&] { done_on_ui_thread = QThread::currentThread() == qApp->thread(); }));
        QVERIFY(runner.isRunning());
        QVERIFY(!panel.isHidden());
        QVERIFY(!runner.start("Another", [](const auto&) {}));  // one job at a time
        likeness::test::StallProbe probe;
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 20000);
        probe.stop();
        QCOMPARE(finished.count(), 1);
        QVERIFY(done_on_ui_thread);
        QVERIFY(!runner.isRunning());
        qInfo("%d progress reports; longest UI gap %lld ms wall, %.1f ms of UI-thread CPU",
              static_cast<int>(progress.count()), probe.worstWallMs(), probe.worstCpuMs());
        QVERIFY(progress.count() >= 10);
        QVERIFY(progress.count() <= 200);  // throttled
        bool saw_stage_2 = false, saw_eta = false;
        double last_fraction = -1.0;
        for (const auto& call : progress) {
            const double f = call.at(0).toDouble();
            QVERIFY(f >= last_fraction);
            last_fraction = f;
            saw_stage_2 = saw_stage_2 || call.at(1).toString() == "stage 2";
            saw_eta = saw_eta || call.at(2).toDouble() > 0.0;
        }
        QVERIFY(saw_stage_2);
        QVERIFY(saw_eta);
        QVERIFY(probe.worstCpuMs() < 100.0);
        QVERIFY(probe.worstWallMs() < 500);
    }

    void cancelStopsWithinHalfASecondAndKeepsTheState() {
        JobRunner runner;
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        QSignalSpy progress(&runner, &JobRunner::progress);
        int state = 1;  // what the job would have changed
        auto result = std::make_shared<int>(0);
        QVERIFY(runner.start(
            "Track",
            [result](const auto& p) {
                fake_engine_call(p, 1000, 20);  // 20 s unless cancelled
                *result = 2;
            },
            [&state, result] { state = *result; }));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 5000);
        QElapsedTimer clock;
        clock.start();
        runner.cancel();
        QVERIFY(cancelled.wait(2000));
        const qint64 latency = clock.elapsed();
        qInfo("cancelled after %lld ms", latency);
        QVERIFY(latency < 500);
        QCOMPARE(state, 1);
        QVERIFY(!runner.isRunning());
    }

    void anEngineErrorComesBackAsItsMessage() {
        JobRunner runner;
        QSignalSpy failed(&runner, &JobRunner::failed);
        bool done = false;
        QVERIFY(runner.start(
            "Personalize",
            [](const auto& p) {
                fake_engine_call(p, 5, 10);
                throw std::runtime_error("no face found in any of the 16 sampled frames");
            },
            [&] { done = true; }));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).toString(),
                 QString("no face found in any of the 16 sampled frames"));
        QVERIFY(!done);
        // The runner is free again.
        QSignalSpy finished(&runner, &JobRunner::finished);
        QVERIFY(runner.start("Again", [](const auto& p) { fake_engine_call(p, 3, 5); }));
        QVERIFY(finished.wait(5000));
    }

    void resultsCanArriveWhileTheJobRuns() {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        std::vector<int> arrived;
        QVERIFY(runner.start("Track", [&runner, &arrived](const auto& p) {
            for (int frame = 0; frame < 5; ++frame) {
                p.check();
                runner.post([&arrived, frame] { arrived.push_back(frame); });
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }));
        QVERIFY(finished.wait(5000));
        QTRY_COMPARE(arrived.size(), size_t(5));
        QCOMPARE(arrived.front(), 0);
        QCOMPARE(arrived.back(), 4);
    }

    void destroyingTheRunnerCancelsItsJob() {
        QElapsedTimer clock;
        clock.start();
        {
            JobRunner runner;
            QVERIFY(runner.start("Long", [](const auto& p) { fake_engine_call(p, 1000, 20); }));
            QTest::qWait(50);
        }
        QVERIFY(clock.elapsed() < 2000);
    }

    void settingsEditsAreUndoable() {
        likeness::ui::StudioSession session;
        QSignalSpy modified(&session, &likeness::ui::StudioSession::modifiedChanged);
        QVERIFY(!session.isModified());
        likeness::ui::JobSettings s = session.settings();
        s.frame_count = 32;
        session.editSettings(s, "Frames: 32");
        QCOMPARE(session.settings().frame_count, 32);
        QVERIFY(session.isModified());
        s.ablation = "C";
        session.editSettings(s, "Ablation: C");
        session.undoStack()->undo();
        QCOMPARE(session.settings().ablation, QString("final"));
        QCOMPARE(session.settings().frame_count, 32);
        session.undoStack()->undo();
        QCOMPARE(session.settings().frame_count, 16);
        QVERIFY(!session.isModified());  // back where it was saved
        session.undoStack()->redo();
        QVERIFY(session.isModified());
        session.setModified(false);  // saved
        QVERIFY(!session.isModified());
        session.undoStack()->undo();
        QVERIFY(session.isModified());
        QVERIFY(modified.count() >= 4);
    }
};

QTEST_MAIN(JobRunnerTest)
#include "job_runner_test.moc"

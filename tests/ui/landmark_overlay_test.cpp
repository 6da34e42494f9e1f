// GUI (Qt Test, under xvfb): the landmark overlay runs in the background while a video plays,
// draws 468 points on a real face and says "no face" on a blank frame; the longest UI gap
// during playback is printed.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"
#include "ui/frame_view.hpp"
#include "ui/main_window.hpp"
#include "ui/video_panel.hpp"

using likeness::ui::MainWindow;
using likeness::ui::VideoPanel;

class LandmarkOverlayTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("LandmarkOverlayTest");
        std::string why;
        face_ = likeness::test::demo_face(&why);
        if (!face_) QSKIP(why.c_str());
        dir_ = QString::fromStdString(likeness::test::scratch_dir("landmark_overlay"));
    }

    void drawsTheLandmarksOfAStillImage() {
        const QString path = dir_ + "/face.png";
        cv::Mat bgr;
        cv::cvtColor(likeness::test::frame_with_face(*face_, 640, 480, 150, 20, 0.6), bgr,
                     cv::COLOR_RGB2BGR);
        QVERIFY(cv::imwrite(path.toStdString(), bgr));
        MainWindow window;
        window.show();
        window.videoPanel()->setOverlayEnabled(true);
        QSignalSpy overlays(window.videoPanel(), &VideoPanel::overlayShown);
        window.openVideo(path);
        QVERIFY(overlays.wait(10000));
        QVERIFY(overlays.last().at(1).toBool());
        const auto& overlay = window.videoPanel()->frameView()->overlay();
        QCOMPARE(overlay.mesh.size(), 468);
        QCOMPARE(overlay.ibug68.size(), 68);
        for (const QPointF& p : overlay.mesh)
            QVERIFY(p.x() > 150 && p.x() < 150 + 0.6 * 520);

        // Switching it off clears the drawing.
        window.videoPanel()->setOverlayEnabled(false);
        QCOMPARE(window.videoPanel()->frameView()->overlay().frame, qint64(-1));
    }

    void followsAPlayingVideoWithoutStallingTheUi() {
        const QString clip = dir_ + "/clip.avi";
        cv::VideoWriter writer(clip.toStdString(), cv::CAP_FFMPEG,
                               cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0,
                               cv::Size(640, 480));
        QVERIFY(writer.isOpened());
        cv::Mat bgr;
        for (int i = 0; i < 40; ++i) {
            const cv::Mat frame =
                i < 30 ? likeness::test::frame_with_face(*face_, 640, 480, 100 + 3 * i, 20, 0.6)
                       : cv::Mat(480, 640, CV_8UC3, cv::Scalar(128, 128, 128));
            cv::cvtColor(frame, bgr, cv::COLOR_RGB2BGR);
            writer.write(bgr);
        }
        writer.release();

        MainWindow window;
        window.show();
        window.videoPanel()->setOverlayEnabled(true);
        QSignalSpy shown(window.videoPanel(), &VideoPanel::frameShown);
        QSignalSpy overlays(window.videoPanel(), &VideoPanel::overlayShown);
        window.openVideo(clip);
        QVERIFY(shown.wait(5000));

        // Measure the longest gap between event-loop turns while it plays.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        clock.start();
        probe.start(5);
        window.videoPanel()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!window.videoPanel()->isPlaying(), 15000);
        probe.stop();
        QTRY_VERIFY_WITH_TIMEOUT(overlays.count() > 0 && overlays.last().at(0).toLongLong() >= 37,
                                 10000);

        int with_face = 0, without = 0;
        for (const auto& call : overlays)
            (call.at(1).toBool() ? with_face : without)++;
        qInfo("overlays: %d with a face, %d without, of %d frames shown; longest UI gap %lld ms",
              with_face, without, static_cast<int>(shown.count()), worst);
        QVERIFY(with_face >= 5);
        QVERIFY(without >= 1);  // the blank tail says "no face"
        QVERIFY(!overlays.last().at(1).toBool());
        // The longest gap is reported, not asserted: wall-clock limits belong to bench/, and on
        // a shared machine they measure the other processes.
    }

  private:
    std::optional<cv::Mat> face_;
    QString dir_;
};

QTEST_MAIN(LandmarkOverlayTest)
#include "landmark_overlay_test.moc"

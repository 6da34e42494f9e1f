// GUI smoke test (Qt Test, under xvfb): the studio opens and plays a video, imports a mesh
// with assimp and renders it in the Qt3D viewport, and reports bad files without blocking.
#include <QSignalSpy>
#include <QStandardPaths>
#include <Qt3DRender/QRenderCaptureReply>
#include <QtTest>
#include <fstream>

#include "tests/support/synthetic_video.hpp"
#include "tests/support/test_paths.hpp"
#include "ui/frame_view.hpp"
#include "ui/main_window.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

using likeness::ui::MainWindow;

namespace {

// A closed cube, 10 cm wide, counter-clockwise from outside.
void write_cube_obj(const std::string& path) {
    std::ofstream out(path);
    out << "v -5 -5 -5\nv 5 -5 -5\nv 5 5 -5\nv -5 5 -5\n"
           "v -5 -5 5\nv 5 -5 5\nv 5 5 5\nv -5 5 5\n"
           "f 1 4 3\nf 1 3 2\nf 5 6 7\nf 5 7 8\nf 1 2 6\nf 1 6 5\n"
           "f 4 8 7\nf 4 7 3\nf 1 5 8\nf 1 8 4\nf 2 3 7\nf 2 7 6\n";
}

// Share of pixels that differ clearly from the top-left (background) pixel.
double foreground_fraction(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    const QRgb background = rgb.pixel(0, 0);
    qint64 differ = 0;
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = rgb.pixel(x, y);
            if (std::abs(qRed(p) - qRed(background)) + std::abs(qGreen(p) - qGreen(background)) +
                    std::abs(qBlue(p) - qBlue(background)) >
                30)
                ++differ;
        }
    return static_cast<double>(differ) / (static_cast<double>(rgb.width()) * rgb.height());
}

}  // namespace

class StudioSmokeTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // never touch the user's settings
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("StudioSmokeTest");
        dir_ = QString::fromStdString(likeness::test::scratch_dir("studio_smoke"));
    }

    void opensAndPlaysAVideo() {
        const QString clip = dir_ + "/clip.avi";
        QVERIFY(likeness::test::write_pattern_video(clip.toStdString(), "MJPG", 20, 25.0,
                                                    cv::Size(128, 96)));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(window.videoPanel(), &likeness::ui::VideoPanel::frameShown);
        window.openVideo(clip);
        QVERIFY(shown.wait(5000));
        QCOMPARE(window.videoPanel()->meta().frame_count, qint64(20));
        QCOMPARE(window.videoPanel()->frameView()->image().size(), QSize(128, 96));

        window.videoPanel()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!window.videoPanel()->isPlaying(), 5000);  // stops at the end
        QCOMPARE(window.videoPanel()->currentFrame(), qint64(19));
        QVERIFY(shown.count() >= 5);  // it really played, not just jumped

        window.videoPanel()->seekTo(7);
        QTRY_COMPARE_WITH_TIMEOUT(window.videoPanel()->currentFrame(), qint64(7), 3000);
    }

    void playsTheSharedClip() {
        const auto clip = likeness::test::shared_file("data/video/d0.mp4");
        if (!clip) QSKIP(likeness::test::missing_shared_message("data/video/d0.mp4").c_str());
        MainWindow window;
        window.show();
        QSignalSpy shown(window.videoPanel(), &likeness::ui::VideoPanel::frameShown);
        window.openVideo(QString::fromStdString(*clip));
        QVERIFY(shown.wait(5000));
        QCOMPARE(window.videoPanel()->meta().frame_count, qint64(78));
        window.videoPanel()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!window.videoPanel()->isPlaying(), 10000);
        QCOMPARE(window.videoPanel()->currentFrame(), qint64(77));
    }

    void importsAndRendersAMesh() {
        const QString obj = dir_ + "/cube.obj";
        write_cube_obj(obj.toStdString());
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy imported(&window, &MainWindow::meshImported);
        window.importMesh(obj);
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.first().at(1).toInt(), 8);
        QCOMPARE(imported.first().at(2).toInt(), 12);

        // The renderer needs a few frames to upload the mesh: capture until it shows.
        double fraction = 0.0;
        for (int attempt = 0; attempt < 20 && fraction < 0.02; ++attempt) {
            std::unique_ptr<Qt3DRender::QRenderCaptureReply> reply(
                window.viewport()->requestCapture());
            QSignalSpy done(reply.get(), &Qt3DRender::QRenderCaptureReply::completed);
            QVERIFY(done.count() > 0 || done.wait(5000));
            QVERIFY(!reply->image().isNull());
            fraction = foreground_fraction(reply->image());
            if (fraction < 0.02) QTest::qWait(100);
        }
        QVERIFY2(fraction >= 0.02,
                 qPrintable(QString("mesh covers %1 of the viewport").arg(fraction)));
    }

    void reportsBadFilesWithoutBlocking() {
        const QString text = dir_ + "/notes.mp4";
        std::ofstream(text.toStdString()) << "not a video";
        const QString broken_mesh = dir_ + "/broken.obj";
        std::ofstream(broken_mesh.toStdString()) << "v 1 2\nf 1 2 99\nthis is not obj\n";
        MainWindow window;
        window.show();
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.openVideo(text);
        QVERIFY(errors.wait(5000));
        QVERIFY(errors.last().at(1).toString().contains("notes.mp4"));
        window.importMesh(broken_mesh);
        QVERIFY(errors.wait(5000));
        QCOMPARE(errors.count(), 2);
        QVERIFY(!window.viewport()->hasMesh());
    }

  private:
    QString dir_;
};

QTEST_MAIN(StudioSmokeTest)
#include "studio_smoke_test.moc"

// GUI (Qt Test, under xvfb): the template face loads on a worker, every viewport mode renders
// something (not blank) and each mode's image differs from the others; neutral vs current
// expression, side by side and the overlay through the tracked camera change the picture.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/ui/personal_fixture.hpp"
#include "tests/ui/ui_test_support.hpp"
#include "ui/face_model.hpp"
#include "ui/frame_state.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

using likeness::ui::MainWindow;
using likeness::ui::ViewportMode;

class ViewportModesTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("ViewportModesTest");
        dir_ = QString::fromStdString(likeness::test::scratch_dir("viewport_modes"));
        window_ = std::make_unique<MainWindow>();
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy shown(window_.get(), &MainWindow::faceModelShown);
        QSignalSpy errors(window_.get(), &MainWindow::errorShown);
        window_->loadTemplate();
        QVERIFY(shown.wait(60000) || errors.count() > 0);
        if (errors.count() > 0) QSKIP(qPrintable(errors.first().at(1).toString()));
        QVERIFY(window_->session()->model());

        // A frame to put the overlay on: the demo face if installed, else a grey card.
        cv::Mat rgb(480, 640, CV_8UC3, cv::Scalar(90, 110, 130));
        std::string why;
        if (auto face = likeness::test::demo_face(&why))
            rgb = likeness::test::frame_with_face(*face, 640, 480, 160, 40, 0.6);
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        const QString photo = dir_ + "/frame.png";
        QVERIFY(cv::imwrite(photo.toStdString(), bgr));
        QSignalSpy synced(window_.get(), &MainWindow::frameSynced);
        window_->openVideo(photo);
        QVERIFY(synced.wait(5000));
    }

    void cleanupTestCase() { window_.reset(); }

    void everyModeRendersAndDiffers() {
        auto* viewport = window_->viewport();
        window_->showFaceModel(
            likeness::test::synthetic_personal_model(*window_->session()->model()));
        // Some expression, so shape and lighting have something to show.
        likeness::ui::FrameState state = window_->session()->frameState(0);
        state.w[17] = 0.6f;  // jawOpen
        viewport->setFrameState(state);
        viewport->setColourMap(window_->session()->model()->vertex_attention[17], 1.f, "A jawOpen");

        std::map<ViewportMode, QImage> images;
        for (ViewportMode mode : likeness::ui::kViewportModes) {
            viewport->setMode(mode);
            QCOMPARE(viewport->mode(), mode);
            const QImage image = likeness::test::settled_capture(viewport);
            QVERIFY2(!image.isNull(), "no capture");
            const double fraction = likeness::test::foreground_fraction(image);
            qInfo("%s: %.3f of the viewport covered, %d colours",
                  qPrintable(likeness::ui::viewport_mode_key(mode)), fraction,
                  likeness::test::colour_count(image));
            QVERIFY2(fraction > 0.05, qPrintable(likeness::ui::viewport_mode_key(mode)));
            QVERIFY(likeness::test::colour_count(image) > 20);
            image.save(dir_ + "/" + likeness::ui::viewport_mode_key(mode) + ".png");
            images[mode] = image;
        }
        for (auto a = images.begin(); a != images.end(); ++a)
            for (auto b = std::next(a); b != images.end(); ++b) {
                const double d = likeness::test::mean_difference(a->second, b->second);
                QVERIFY2(d > 1.0, qPrintable(QString("%1 vs %2 differ by %3")
                                                 .arg(likeness::ui::viewport_mode_key(a->first),
                                                      likeness::ui::viewport_mode_key(b->first))
                                                 .arg(d)));
            }
    }

    void neutralSideBySideAndTemplateChangeThePicture() {
        auto* viewport = window_->viewport();
        viewport->setMode(ViewportMode::Shape);
        const QImage current = likeness::test::settled_capture(viewport);
        viewport->setShowNeutral(true);
        const QImage neutral = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(current, neutral) > 0.3);
        viewport->setShowNeutral(false);

        viewport->setShowPersonal(false);
        const QImage template_shape = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(current, template_shape) > 0.3);
        viewport->setShowPersonal(true);

        viewport->setSideBySide(true);
        const QImage pair = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(current, pair) > 1.0);
        QVERIFY(likeness::test::foreground_fraction(pair) > 0.05);
        viewport->setSideBySide(false);
    }

    void overlayFollowsTheTrackedPose() {
        auto* viewport = window_->viewport();
        viewport->setMode(ViewportMode::Overlay);
        likeness::ui::FrameState state = window_->session()->frameState(0);
        viewport->setFrameState(state);
        const QImage centred = likeness::test::settled_capture(viewport);
        state.pose.translation_cm.x() += 8.f;  // the head moves right
        viewport->setFrameState(state);
        const QImage moved = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(centred, moved) > 1.0);
        viewport->setOverlayOpacity(0.2f);
        const QImage faint = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(moved, faint) > 0.5);
        viewport->setMode(ViewportMode::Shape);
    }

  private:
    QString dir_;
    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(ViewportModesTest)
#include "viewport_modes_test.moc"

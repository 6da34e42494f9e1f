// GUI (Qt Test, under xvfb): the blend-shape, attention-mask, albedo and lighting inspectors show
// a (synthetic) personalized model: the shape list carries the frame's weights, dialling a shape
// and each colour map change the viewport, the mask and correction UV images line up, the albedo
// follows the dynamic maps, and the lighting sphere and numbers follow γ.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

#include "tests/support/test_paths.hpp"
#include "tests/ui/personal_fixture.hpp"
#include "tests/ui/ui_test_support.hpp"
#include "ui/albedo_inspector.hpp"
#include "ui/attention_inspector.hpp"
#include "ui/blendshape_inspector.hpp"
#include "ui/face_model.hpp"
#include "ui/lighting_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/studio_session.hpp"
#include "ui/viewport_panel.hpp"

using likeness::ui::BlendshapeInspector;
using likeness::ui::MainWindow;
using likeness::ui::ViewportMode;

class InspectorsTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LikenessTest");
        QCoreApplication::setApplicationName("InspectorsTest");
        dir_ = QString::fromStdString(likeness::test::scratch_dir("inspectors"));
        window_ = std::make_unique<MainWindow>();
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy shown(window_.get(), &MainWindow::faceModelShown);
        QSignalSpy errors(window_.get(), &MainWindow::errorShown);
        window_->loadTemplate();
        QVERIFY(shown.wait(60000) || errors.count() > 0);
        if (errors.count() > 0) QSKIP(qPrintable(errors.first().at(1).toString()));
        personal_ = likeness::test::synthetic_personal_model(*window_->session()->model());
        window_->showFaceModel(personal_);
        jaw_ = personal_->shape_index("jawOpen");
        QVERIFY(jaw_ >= 0);
    }

    void cleanupTestCase() { window_.reset(); }

    void blendshapeListShowsTheFrameWeights() {
        auto* inspector = window_->blendshapeInspector();
        auto* list = inspector->findChild<QTreeWidget*>("BlendshapeList");
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 52);
        Eigen::VectorXf w = Eigen::VectorXf::Zero(52);
        w[jaw_] = 0.75f;
        inspector->setWeights(w);
        QCOMPARE(list->topLevelItem(jaw_)->text(1), QString("0.75"));
        QCOMPARE(list->topLevelItem(jaw_)->text(0), QString("jawOpen"));
    }

    void dialTemplateVsCorrectedAndColourMaps() {
        auto* inspector = window_->blendshapeInspector();
        auto* viewport = window_->viewport();
        viewport->setMode(ViewportMode::Shape);
        inspector->selectShape(jaw_);
        QCOMPARE(window_->attentionInspector()->selectedShape(), jaw_);  // selection is shared
        QCOMPARE(window_->albedoInspector()->selectedShape(), jaw_);
        const QImage neutral = likeness::test::settled_capture(viewport);

        inspector->setDial(1.0);  // moving the dial shows the shape alone
        QVERIFY(inspector->soloing());
        const QImage open = likeness::test::settled_capture(viewport);
        QVERIFY2(likeness::test::mean_difference(neutral, open) > 0.3,
                 "jawOpen at 1 looks neutral");
        const float jaw_drop = viewport->facePositions().col(1).minCoeff();

        inspector->setShowCorrected(false);
        QVERIFY(!viewport->showsPersonal());
        const QImage template_open = likeness::test::settled_capture(viewport);
        QVERIFY(likeness::test::mean_difference(open, template_open) > 0.2);
        inspector->setShowCorrected(true);

        inspector->setDial(0.3);
        QVERIFY(viewport->facePositions().col(1).minCoeff() > jaw_drop);  // a smaller opening

        std::vector<QImage> maps;
        for (auto map :
             {BlendshapeInspector::Map::Correction, BlendshapeInspector::Map::GradientDeviation,
              BlendshapeInspector::Map::Attention}) {
            inspector->setMap(map);
            QCOMPARE(viewport->mode(), ViewportMode::ColourMap);
            const QImage image = likeness::test::settled_capture(viewport);
            QVERIFY(likeness::test::colour_count(image) > 20);
            for (const QImage& other : maps)
                QVERIFY(likeness::test::mean_difference(image, other) > 0.3);
            maps.push_back(image);
        }
        inspector->setMap(BlendshapeInspector::Map::None);
        QCOMPARE(viewport->mode(), ViewportMode::Shape);
        inspector->setSolo(false);
    }

    void attentionMaskAndCorrectionLineUp() {
        auto* inspector = window_->attentionInspector();
        inspector->selectShape(jaw_);
        const QImage mask = inspector->maskImage();
        const QImage correction = inspector->correctionImage();
        QVERIFY(!mask.isNull());
        QCOMPARE(mask.size(), correction.size());
        QVERIFY(likeness::test::colour_count(mask) > 5);
        QVERIFY(likeness::test::colour_count(correction) > 5);
        // The correction lives where the mask is: its hot texels are masked texels.
        const cv::Mat& A = personal_->attention_uv[static_cast<size_t>(jaw_)];
        const QImage c = correction.convertToFormat(QImage::Format_RGB32);
        int hot = 0, hot_inside = 0;
        for (int y = 0; y < c.height(); ++y)
            for (int x = 0; x < c.width(); ++x) {
                const QRgb p = c.pixel(x, y);
                if (qRed(p) > 200 && qBlue(p) < 100) {  // the top of the heat ramp
                    ++hot;
                    hot_inside += A.at<float>(y, x) > 0.05f;
                }
            }
        QVERIFY(hot > 0);
        QVERIFY(hot_inside >= 0.9 * hot);
        mask.save(dir_ + "/attention_mask.png");
        correction.save(dir_ + "/attention_correction.png");
    }

    void albedoFollowsTheDynamicMaps() {
        auto* inspector = window_->albedoInspector();
        inspector->selectShape(jaw_);
        QVERIFY(!inspector->staticImage().isNull());
        QVERIFY(!inspector->dynamicImage().isNull());
        Eigen::VectorXf w = Eigen::VectorXf::Zero(52);
        inspector->setWeights(w);
        const QImage rest = inspector->currentImage();
        w[jaw_] = 1.f;
        inspector->setWeights(w);
        const QImage open = inspector->currentImage();
        QVERIFY(likeness::test::mean_difference(rest, open) > 0.2);
        QCOMPARE(likeness::test::mean_difference(rest, inspector->staticImage()), 0.0);
    }

    void lightingSphereAndNumbersFollowGamma() {
        auto* panel = window_->lightingPanel();
        panel->setLighting(likeness::core::ShLighting::ambient(0.8f), true);
        const QImage flat = panel->sphereImage();
        QCOMPARE(panel->table()->item(0, 0)->text(),
                 QString::number(0.8 * likeness::core::sh_constant::sqrt_4pi, 'f', 3));
        likeness::core::ShLighting side = likeness::core::ShLighting::ambient(0.5f);
        for (int c = 0; c < 3; ++c)
            side.gamma[static_cast<size_t>(9 * c + 3)] = 1.5f;  // +x
        panel->setLighting(side, true);
        const QImage lit = panel->sphereImage();
        QVERIFY(likeness::test::mean_difference(flat, lit) > 2.0);
        // Lit from +x: the sphere's right side is brighter than its left.
        const QImage rgb = lit.convertToFormat(QImage::Format_RGB32);
        const int y = rgb.height() / 2;
        QVERIFY(qGray(rgb.pixel(rgb.width() * 3 / 4, y)) >
                qGray(rgb.pixel(rgb.width() / 4, y)) + 20);
    }

  private:
    QString dir_;
    std::unique_ptr<MainWindow> window_;
    std::shared_ptr<const likeness::ui::FaceModel> personal_;
    int jaw_ = -1;
};

QTEST_MAIN(InspectorsTest)
#include "inspectors_test.moc"

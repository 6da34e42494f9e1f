// The studio's FaceModel view of the template and of a personal model (Qt Test, no window):
// eq. 1 and 2 evaluate as the engine's PersonalModel does, the correction maps are zero for
// the template and follow a correction where its attention mask allows it.
#include "ui/face_model.hpp"

#include <QtTest>

#include "engine/face/personal_model.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/io/model_paths.hpp"

using likeness::ui::FaceModel;

class FaceModelTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        try {
            rig_ =
                std::make_unique<likeness::face::TemplateRig>(likeness::face::build_template_rig());
        } catch (const likeness::io::ModelsNotFound& e) {
            QSKIP(e.what());
        }
    }

    void templateHasNoCorrections() {
        FaceModel model = likeness::ui::face_model_from_template(*rig_);
        likeness::ui::compute_correction_maps(&model);
        QVERIFY(!model.personalized());
        QCOMPARE(model.shape_count(), 52);
        QCOMPARE(model.correction_magnitude[17].maxCoeff(), 0.f);
        Eigen::VectorXf w = Eigen::VectorXf::Zero(52);
        w[17] = 1.f;
        QVERIFY((model.shape(w) - rig_->evaluate(w)).cwiseAbs().maxCoeff() < 1e-5f);
    }

    void personalModelEvaluatesLikeTheEngine() {
        likeness::face::PersonalModel personal =
            likeness::face::personal_model_from_template(*rig_, 128);
        const int jaw = rig_->shape_index("jawOpen");
        personal.shape_corrections[static_cast<size_t>(jaw)].setTo(cv::Scalar(0.f, -0.3f, 0.f));
        personal.identity_shape.setTo(cv::Scalar(0.f, 0.f, 0.1f));
        personal.refresh();
        FaceModel model = likeness::ui::face_model_from_personal(personal, rig_->shape_meanings);
        likeness::ui::compute_correction_maps(&model);
        QVERIFY(model.personalized());
        QCOMPARE(model.shape_meanings.size(), size_t(52));
        Eigen::VectorXf w = Eigen::VectorXf::Zero(52);
        w[jaw] = 0.7f;
        w[0] = 0.3f;
        QVERIFY((model.shape(w) - personal.shape(w)).cwiseAbs().maxCoeff() < 1e-4f);
        // The correction lives where A_jawOpen is, nowhere else, and bends the surface.
        const Eigen::VectorXf& c = model.correction_magnitude[static_cast<size_t>(jaw)];
        const Eigen::VectorXf& A = model.vertex_attention[static_cast<size_t>(jaw)];
        QVERIFY(c.maxCoeff() > 0.2f);
        for (Eigen::Index v = 0; v < c.size(); ++v)
            if (A[v] == 0.f) QVERIFY(c[v] < 1e-4f);
        QVERIFY(model.gradient_deviation[static_cast<size_t>(jaw)].maxCoeff() > 0.f);
        QCOMPARE(model.correction_magnitude[1].maxCoeff(), 0.f);  // an uncorrected shape
        // The exchange rig for exporters is the personal one.
        const auto exported = model.to_blendshape_rig();
        QVERIFY(
            (exported.neutral.V - personal.shape(Eigen::VectorXf::Zero(52))).cwiseAbs().maxCoeff() <
            1e-4f);
    }

  private:
    std::unique_ptr<likeness::face::TemplateRig> rig_;
};

QTEST_MAIN(FaceModelTest)
#include "face_model_test.moc"

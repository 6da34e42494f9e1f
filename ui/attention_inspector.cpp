#include "ui/attention_inspector.hpp"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "engine/face/uv_raster.hpp"
#include "ui/colour_map.hpp"
#include "ui/face_model.hpp"
#include "ui/frame_view.hpp"

namespace likeness::ui {

AttentionInspector::AttentionInspector(QWidget* parent) : QWidget(parent) {
    setObjectName("AttentionInspector");
    shapes_ = new QComboBox(this);
    shapes_->setObjectName("AttentionShape");
    connect(shapes_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) {
        updateImages();
        emit shapeSelected(i);
    });
    mask_view_ = new FrameView(this);
    mask_view_->setObjectName("AttentionMaskView");
    mask_view_->setMinimumSize(140, 140);
    mask_view_->setPlaceholder(tr("No face model"));
    correction_view_ = new FrameView(this);
    correction_view_->setObjectName("AttentionCorrectionView");
    correction_view_->setMinimumSize(140, 140);
    correction_view_->setPlaceholder(tr("No face model"));
    caption_ = new QLabel(this);
    caption_->setWordWrap(true);
    auto* show_mask = new QPushButton(tr("A_i on the mesh"), this);
    connect(show_mask, &QPushButton::clicked, this, [this] {
        const int i = selectedShape();
        if (!model_ || i < 0) return;
        emit colourMapRequested(model_->vertex_attention[static_cast<size_t>(i)], 1.f,
                                tr("attention mask A_i of %1").arg(shapes_->currentText()));
    });
    auto* show_correction = new QPushButton(tr("Correction on the mesh"), this);
    connect(show_correction, &QPushButton::clicked, this, [this] {
        const int i = selectedShape();
        if (!model_ || i < 0 || static_cast<size_t>(i) >= model_->correction_magnitude.size())
            return;
        emit colourMapRequested(model_->correction_magnitude[static_cast<size_t>(i)], 0.f,
                                tr("correction magnitude of %1").arg(shapes_->currentText()));
    });

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Attention mask A_i (UV)"), this), 0, 0);
    grid->addWidget(new QLabel(tr("Correction |F(A_i Δ_i)| (UV)"), this), 0, 1);
    grid->addWidget(mask_view_, 1, 0);
    grid->addWidget(correction_view_, 1, 1);
    grid->addWidget(show_mask, 2, 0);
    grid->addWidget(show_correction, 2, 1);
    grid->setRowStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(shapes_);
    layout->addLayout(grid, 1);
    layout->addWidget(caption_);
}

void AttentionInspector::setModel(std::shared_ptr<const FaceModel> model) {
    model_ = std::move(model);
    const int keep = std::max(0, shapes_->currentIndex());
    {
        const QSignalBlocker block(shapes_);
        shapes_->clear();
        if (model_)
            for (const std::string& name : model_->shape_names)
                shapes_->addItem(QString::fromStdString(name));
        if (model_) shapes_->setCurrentIndex(std::min(keep, shapes_->count() - 1));
    }
    updateImages();
}

int AttentionInspector::selectedShape() const {
    return shapes_->currentIndex();
}

QImage AttentionInspector::maskImage() const {
    return mask_view_->image();
}

QImage AttentionInspector::correctionImage() const {
    return correction_view_->image();
}

void AttentionInspector::selectShape(int shape) {
    if (shape != shapes_->currentIndex() && shape >= 0 && shape < shapes_->count())
        shapes_->setCurrentIndex(shape);
}

void AttentionInspector::updateImages() {
    const int i = selectedShape();
    if (!model_ || i < 0) {
        mask_view_->setImage({});
        correction_view_->setImage({});
        caption_->clear();
        return;
    }
    const auto s = static_cast<size_t>(i);
    const cv::Mat& mask = model_->attention_uv[s];
    mask_view_->setImage(heat_image(mask, 1.f));
    // The correction, drawn into the same UV square so the two line up texel for texel.
    const Eigen::VectorXf magnitude = s < model_->correction_magnitude.size()
                                          ? model_->correction_magnitude[s]
                                          : Eigen::VectorXf::Zero(model_->vertex_count());
    const cv::Mat correction_uv =
        face::rasterize_uv(model_->neutral, Eigen::MatrixXf(magnitude), mask.rows);
    correction_view_->setImage(heat_image(correction_uv, 0.f));
    const double area = cv::countNonZero(mask > 0.01f) / static_cast<double>(mask.total());
    caption_->setText(
        model_->personalized()
            ? tr("A_i covers %1 % of the UV square; the correction can only live there.")
                  .arg(100.0 * area, 0, 'f', 1)
            : tr("A_i covers %1 % of the UV square. Not personalized yet: no correction.")
                  .arg(100.0 * area, 0, 'f', 1));
}

}  // namespace likeness::ui

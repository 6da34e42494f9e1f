#include "ui/albedo_inspector.hpp"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/colour_map.hpp"
#include "ui/face_model.hpp"
#include "ui/frame_view.hpp"

namespace likeness::ui {

AlbedoInspector::AlbedoInspector(QWidget* parent) : QWidget(parent) {
    setObjectName("AlbedoInspector");
    shapes_ = new QComboBox(this);
    shapes_->setObjectName("AlbedoShape");
    connect(shapes_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) {
        updateDynamic();
        emit shapeSelected(i);
    });
    const auto view = [this](const char* name) {
        auto* v = new FrameView(this);
        v->setObjectName(name);
        v->setMinimumSize(120, 120);
        v->setPlaceholder(tr("No face model"));
        return v;
    };
    static_view_ = view("AlbedoStaticView");
    dynamic_view_ = view("AlbedoDynamicView");
    current_view_ = view("AlbedoCurrentView");
    caption_ = new QLabel(this);
    caption_->setWordWrap(true);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Static albedo"), this), 0, 0);
    grid->addWidget(new QLabel(tr("Dynamic A_i Δ_i^R"), this), 0, 1);
    grid->addWidget(new QLabel(tr("At this frame"), this), 0, 2);
    grid->addWidget(static_view_, 1, 0);
    grid->addWidget(dynamic_view_, 1, 1);
    grid->addWidget(current_view_, 1, 2);
    grid->setRowStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(shapes_);
    layout->addLayout(grid, 1);
    layout->addWidget(caption_);
}

void AlbedoInspector::setModel(std::shared_ptr<const FaceModel> model) {
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
    static_view_->setImage(model_ ? rgb_image(model_->static_albedo()) : QImage());
    w_.resize(0);
    updateDynamic();
    updateCurrent();
}

void AlbedoInspector::setWeights(const Eigen::VectorXf& w) {
    if (w.size() == w_.size() && w == w_) return;
    w_ = w;
    // Without dynamic albedo the frame's albedo is the static one: nothing to redo.
    if (model_ && (model_->has_dynamic_albedo() || current_view_->image().isNull()))
        updateCurrent();
}

int AlbedoInspector::selectedShape() const {
    return shapes_->currentIndex();
}

QImage AlbedoInspector::staticImage() const {
    return static_view_->image();
}
QImage AlbedoInspector::dynamicImage() const {
    return dynamic_view_->image();
}
QImage AlbedoInspector::currentImage() const {
    return current_view_->image();
}

void AlbedoInspector::selectShape(int shape) {
    if (shape != shapes_->currentIndex() && shape >= 0 && shape < shapes_->count())
        shapes_->setCurrentIndex(shape);
}

void AlbedoInspector::updateDynamic() {
    const int i = selectedShape();
    if (!model_ || i < 0) {
        dynamic_view_->setImage({});
        caption_->clear();
        return;
    }
    if (!model_->has_dynamic_albedo()) {
        dynamic_view_->setImage({});
        dynamic_view_->setPlaceholder(
            tr("No dynamic albedo\n(%1)")
                .arg(model_->personalized() ? tr("ablation without it") : tr("not personalized")));
        caption_->setText(tr("The albedo does not change with the expression."));
        return;
    }
    const cv::Mat& map = model_->dynamic_albedo[static_cast<size_t>(i)];
    dynamic_view_->setImage(signed_image(map, 0.f));
    double lo = 0.0, hi = 0.0;
    cv::minMaxLoc(map.reshape(1), &lo, &hi);
    caption_->setText(tr("%1 changes the albedo by %2 … %3 at full weight (blue darker, red "
                         "brighter).")
                          .arg(shapes_->currentText())
                          .arg(lo, 0, 'f', 3)
                          .arg(hi, 0, 'f', 3));
}

void AlbedoInspector::updateCurrent() {
    if (!model_) {
        current_view_->setImage({});
        return;
    }
    const Eigen::VectorXf w =
        w_.size() == model_->shape_count() ? w_ : Eigen::VectorXf::Zero(model_->shape_count());
    current_view_->setImage(rgb_image(model_->albedo_at(w)));
}

}  // namespace likeness::ui

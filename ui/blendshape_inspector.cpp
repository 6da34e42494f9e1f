#include "ui/blendshape_inspector.hpp"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QRadioButton>
#include <QSlider>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/face_model.hpp"

namespace likeness::ui {
namespace {

constexpr int kWeightRole = Qt::UserRole + 1;

/// Draws a weight in [0,1] as a bar behind its number.
class WeightBarDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const double w = std::clamp(index.data(kWeightRole).toDouble(), 0.0, 1.0);
        QRectF bar = QRectF(option.rect).adjusted(2, 3, -2, -3);
        bar.setWidth(bar.width() * w);
        p->fillRect(bar, QColor(70, 150, 230, 150));
        QStyledItemDelegate::paint(p, option, index);
    }
};

}  // namespace

BlendshapeInspector::BlendshapeInspector(QWidget* parent) : QWidget(parent) {
    setObjectName("BlendshapeInspector");
    list_ = new QTreeWidget(this);
    list_->setObjectName("BlendshapeList");
    list_->setColumnCount(2);
    list_->setHeaderLabels({tr("Shape"), tr("Weight")});
    list_->setRootIsDecorated(false);
    list_->setItemDelegateForColumn(1, new WeightBarDelegate(list_));
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::Fixed);
    list_->header()->resizeSection(1, 80);
    connect(list_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) selectShape(list_->indexOfTopLevelItem(item));
    });

    title_ = new QLabel(this);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    meaning_ = new QLabel(this);
    meaning_->setWordWrap(true);
    stats_ = new QLabel(this);
    stats_->setObjectName("BlendshapeStats");
    stats_->setWordWrap(true);

    template_button_ = new QRadioButton(tr("Template S_i"), this);
    corrected_button_ = new QRadioButton(tr("Corrected S_i + A_i Δ_i"), this);
    corrected_button_->setChecked(true);
    auto* which = new QButtonGroup(this);
    which->addButton(template_button_);
    which->addButton(corrected_button_);
    connect(corrected_button_, &QRadioButton::toggled, this,
            [this](bool corrected) { emit showCorrectedChanged(corrected); });

    solo_ = new QCheckBox(tr("Dial in alone"), this);
    solo_->setObjectName("BlendshapeSolo");
    solo_->setToolTip(tr("Show only this shape, at the slider's weight"));
    dial_ = new QSlider(Qt::Horizontal, this);
    dial_->setObjectName("BlendshapeDial");
    dial_->setRange(0, 100);
    dial_->setValue(100);
    dial_value_ = new QLabel("1.00", this);
    connect(solo_, &QCheckBox::toggled, this, [this] { emitOverride(); });
    connect(dial_, &QSlider::valueChanged, this, [this](int v) {
        dial_value_->setText(QString::number(v / 100.0, 'f', 2));
        if (!solo_->isChecked()) solo_->setChecked(true);  // moving the dial means "show it"
        emitOverride();
    });

    maps_ = new QButtonGroup(this);
    auto* map_box = new QGroupBox(tr("Colour map on the mesh"), this);
    auto* map_layout = new QVBoxLayout(map_box);
    const std::pair<Map, QString> kMaps[] = {
        {Map::None, tr("None")},
        {Map::Correction, tr("Correction magnitude |F(A_i Δ_i)|")},
        {Map::GradientDeviation, tr("Deformation-gradient deviation (eq. 7)")},
        {Map::Attention, tr("Attention mask A_i")}};
    for (const auto& [map, text] : kMaps) {
        auto* button = new QRadioButton(text, map_box);
        button->setChecked(map == Map::None);
        maps_->addButton(button, static_cast<int>(map));
        map_layout->addWidget(button);
    }
    connect(maps_, &QButtonGroup::idToggled, this, [this](int id, bool on) {
        if (on) setMap(static_cast<Map>(id));
    });

    auto* details = new QWidget(this);
    auto* d = new QVBoxLayout(details);
    d->setContentsMargins(0, 0, 0, 0);
    d->addWidget(title_);
    d->addWidget(meaning_);
    auto* which_row = new QHBoxLayout;
    which_row->addWidget(template_button_);
    which_row->addWidget(corrected_button_);
    d->addLayout(which_row);
    auto* dial_row = new QHBoxLayout;
    dial_row->addWidget(solo_);
    dial_row->addWidget(dial_, 1);
    dial_row->addWidget(dial_value_);
    d->addLayout(dial_row);
    d->addWidget(map_box);
    d->addWidget(stats_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(list_, 1);
    layout->addWidget(details);
    updateDetails();
}

void BlendshapeInspector::setModel(std::shared_ptr<const FaceModel> model) {
    model_ = std::move(model);
    list_->clear();
    if (model_) {
        for (int i = 0; i < model_->shape_count(); ++i) {
            auto* item = new QTreeWidgetItem(
                list_,
                {QString::fromStdString(model_->shape_names[static_cast<size_t>(i)]), "0.00"});
            item->setData(1, kWeightRole, 0.0);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            if (i < static_cast<int>(model_->shape_meanings.size()))
                item->setToolTip(
                    0, QString::fromStdString(model_->shape_meanings[static_cast<size_t>(i)]));
        }
    }
    const int keep = shape_;
    shape_ = -1;
    selectShape(model_ ? std::clamp(keep, 0, std::max(0, model_->shape_count() - 1)) : -1);
}

void BlendshapeInspector::setWeights(const Eigen::VectorXf& w) {
    for (int i = 0; i < std::min<int>(list_->topLevelItemCount(), static_cast<int>(w.size()));
         ++i) {
        QTreeWidgetItem* item = list_->topLevelItem(i);
        if (item->data(1, kWeightRole).toDouble() == static_cast<double>(w[i])) continue;
        item->setData(1, kWeightRole, static_cast<double>(w[i]));
        item->setText(1, QString::number(w[i], 'f', 2));
    }
}

bool BlendshapeInspector::soloing() const {
    return solo_->isChecked();
}

bool BlendshapeInspector::showsCorrected() const {
    return corrected_button_->isChecked();
}

void BlendshapeInspector::selectShape(int shape) {
    if (shape == shape_) return;
    shape_ = shape;
    if (shape >= 0 && shape < list_->topLevelItemCount())
        list_->setCurrentItem(list_->topLevelItem(shape));
    updateDetails();
    emitOverride();
    emitMap();
    emit shapeSelected(shape);
}

void BlendshapeInspector::setMap(Map map) {
    map_ = map;
    if (QAbstractButton* button = maps_->button(static_cast<int>(map));
        button && !button->isChecked())
        button->setChecked(true);
    emitMap();
}

void BlendshapeInspector::setSolo(bool solo) {
    solo_->setChecked(solo);
}

void BlendshapeInspector::setDial(double weight) {
    solo_->setChecked(true);
    dial_->setValue(static_cast<int>(std::lround(std::clamp(weight, 0.0, 1.0) * 100.0)));
}

void BlendshapeInspector::setShowCorrected(bool corrected) {
    (corrected ? corrected_button_ : template_button_)->setChecked(true);
}

void BlendshapeInspector::updateDetails() {
    const bool valid = model_ && shape_ >= 0 && shape_ < model_->shape_count();
    for (QWidget* w :
         std::initializer_list<QWidget*>{template_button_, corrected_button_, solo_, dial_})
        w->setEnabled(valid);
    if (!valid) {
        title_->setText(tr("No shape selected"));
        meaning_->clear();
        stats_->clear();
        return;
    }
    const auto i = static_cast<size_t>(shape_);
    title_->setText(QString::fromStdString(model_->shape_names[i]));
    meaning_->setText(i < model_->shape_meanings.size()
                          ? QString::fromStdString(model_->shape_meanings[i])
                          : QString());
    const float template_motion = model_->template_deltas[i].rowwise().norm().maxCoeff();
    QString stats = tr("Template motion: up to %1 mm.").arg(10.f * template_motion, 0, 'f', 2);
    if (model_->personalized() && i < model_->correction_magnitude.size()) {
        const Eigen::VectorXf& c = model_->correction_magnitude[i];
        const Eigen::VectorXf& g = model_->gradient_deviation[i];
        stats +=
            tr("  Correction: max %1 mm, mean %2 mm over moving vertices.  Gradient deviation: "
               "max %3, mean %4.")
                .arg(10.f * c.maxCoeff(), 0, 'f', 2)
                .arg(10.f * (c.array() > 0.f).select(c, 0.f).sum() /
                         std::max(1.f, static_cast<float>((c.array() > 0.f).count())),
                     0, 'f', 2)
                .arg(g.maxCoeff(), 0, 'f', 3)
                .arg(g.mean(), 0, 'f', 4);
    } else {
        stats += tr("  Not personalized yet: the corrected shape is the template's.");
    }
    stats_->setText(stats);
}

void BlendshapeInspector::emitOverride() {
    if (!model_ || shape_ < 0 || !solo_->isChecked()) {
        emit expressionOverride(Eigen::VectorXf());
        return;
    }
    Eigen::VectorXf w = Eigen::VectorXf::Zero(model_->shape_count());
    w[shape_] = static_cast<float>(dial_->value() / 100.0);
    emit expressionOverride(w);
}

void BlendshapeInspector::emitMap() {
    if (!model_ || shape_ < 0 || map_ == Map::None) {
        emit colourMapCleared();
        return;
    }
    const auto i = static_cast<size_t>(shape_);
    const QString name = QString::fromStdString(model_->shape_names[i]);
    const int nv = model_->vertex_count();
    switch (map_) {
        case Map::Correction:
            emit colourMapRequested(i < model_->correction_magnitude.size()
                                        ? model_->correction_magnitude[i]
                                        : Eigen::VectorXf::Zero(nv),
                                    0.f, tr("correction magnitude of %1").arg(name));
            break;
        case Map::GradientDeviation:
            emit colourMapRequested(i < model_->gradient_deviation.size()
                                        ? model_->gradient_deviation[i]
                                        : Eigen::VectorXf::Zero(nv),
                                    0.f, tr("deformation-gradient deviation of %1").arg(name));
            break;
        case Map::Attention:
            emit colourMapRequested(model_->vertex_attention[i], 1.f,
                                    tr("attention mask A_i of %1").arg(name));
            break;
        case Map::None:
            break;
    }
}

}  // namespace likeness::ui

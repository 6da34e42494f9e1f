#include "ui/lighting_panel.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/frame_view.hpp"

namespace likeness::ui {

QImage lit_sphere_image(const core::ShLighting& lighting, int size) {
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(QColor(30, 31, 36));
    const float r = 0.5f * size - 1.f;
    const auto byte = [](float v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
    };
    for (int y = 0; y < size; ++y) {
        auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size; ++x) {
            const float nx = (x + 0.5f - 0.5f * size) / r, ny = (0.5f * size - y - 0.5f) / r;
            const float rr = nx * nx + ny * ny;
            if (rr > 1.f) continue;
            const Eigen::Vector3f s = lighting.shade({nx, ny, std::sqrt(1.f - rr)});
            out[x] = qRgb(byte(s.x()), byte(s.y()), byte(s.z()));
        }
    }
    return image;
}

LightingPanel::LightingPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("LightingPanel");
    sphere_ = new FrameView(this);
    sphere_->setObjectName("LightingSphere");
    sphere_->setMinimumSize(150, 150);
    table_ = new QTableWidget(core::kShBasisCount, 3, this);
    table_->setObjectName("LightingTable");
    table_->setHorizontalHeaderLabels({"R", "G", "B"});
    table_->setVerticalHeaderLabels({"L00", "L1-1 (y)", "L10 (z)", "L11 (x)", "L2-2 (xy)",
                                     "L2-1 (yz)", "L20", "L21 (xz)", "L22"});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setDefaultSectionSize(20);
    for (int b = 0; b < core::kShBasisCount; ++b)
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(b, c, item);
        }
    caption_ = new QLabel(this);
    caption_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(sphere_, 1);
    layout->addWidget(table_);
    layout->addWidget(caption_);
}

void LightingPanel::setLighting(const core::ShLighting& lighting, bool tracked) {
    caption_->setText(tracked ? tr("The frame's lighting γ (camera frame; 27 coefficients).")
                              : tr("Default lighting: nothing tracked for this frame."));
    if (has_shown_ && shown_.gamma == lighting.gamma) return;
    shown_ = lighting;
    has_shown_ = true;
    sphere_->setImage(lit_sphere_image(lighting, 160));
    for (int b = 0; b < core::kShBasisCount; ++b)
        for (int c = 0; c < 3; ++c)
            table_->item(b, c)->setText(
                QString::number(lighting.gamma[static_cast<size_t>(9 * c + b)], 'f', 3));
}

QImage LightingPanel::sphereImage() const {
    return sphere_->image();
}

}  // namespace likeness::ui

#include "ui/curves_panel.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include "engine/face/arkit_names.hpp"

namespace likeness::ui {

CurvesPanel::CurvesPanel(FrameClock* clock, QWidget* parent) : QWidget(parent) {
    plot_ = new CurvePlot(clock, this);
    list_ = new QTreeWidget(this);
    list_->setObjectName("CurveChannels");
    list_->setHeaderHidden(true);
    list_->setMinimumWidth(150);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter channels"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, this, &CurvesPanel::applyFilter);
    auto* active = new QPushButton(tr("Most active"), this);
    active->setToolTip(tr("Show the six channels that move the most"));
    connect(active, &QPushButton::clicked, this, [this] { select(mostActive(6)); });
    auto* none = new QPushButton(tr("None"), this);
    connect(none, &QPushButton::clicked, this, [this] { select({}); });
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show the whole take (double-click the plot)"));
    connect(fit, &QPushButton::clicked, plot_, &CurvePlot::fit);

    auto* side = new QWidget(this);
    auto* side_layout = new QVBoxLayout(side);
    side_layout->setContentsMargins(0, 0, 0, 0);
    side_layout->addWidget(filter_);
    side_layout->addWidget(list_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(active);
    buttons->addWidget(none);
    buttons->addWidget(fit);
    side_layout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(plot_);
    split->setStretchFactor(1, 1);
    split->setSizes({180, 600});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);

    // The channel tree is fixed: 52 weights and 6 pose channels, filled with names by setTake.
    auto* expression = new QTreeWidgetItem(list_, {tr("Expression (52)")});
    auto* pose = new QTreeWidgetItem(list_, {tr("Head pose")});
    for (int c = 0; c < TakeChannels::kCount; ++c) {
        auto* item = new QTreeWidgetItem(c < core::kTakeWeightCount ? expression : pose);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
        item->setData(0, Qt::UserRole, c);
        item->setForeground(0, CurvePlot::channelColour(c));
        items_.push_back(item);
    }
    expression->setExpanded(true);
    pose->setExpanded(true);
    connect(list_, &QTreeWidget::itemChanged, this, &CurvesPanel::onItemChanged);
    setTake(nullptr);
}

void CurvesPanel::setTake(const core::Take* take) {
    const std::vector<std::string> names(face::arkit_names().begin(), face::arkit_names().end());
    channels_ =
        std::make_shared<const TakeChannels>(take_channels(take ? *take : core::Take{}, names));
    {
        updating_ = true;
        for (int c = 0; c < TakeChannels::kCount; ++c)
            items_[static_cast<size_t>(c)]->setText(0, channels_->names[static_cast<size_t>(c)]);
        updating_ = false;
    }
    plot_->setChannels(take ? channels_ : nullptr);
    if (take && plot_->selection().empty()) select(mostActive(6));
}

void CurvesPanel::select(const std::vector<int>& channels) {
    updating_ = true;
    for (int c = 0; c < TakeChannels::kCount; ++c)
        items_[static_cast<size_t>(c)]->setCheckState(
            0, std::count(channels.begin(), channels.end(), c) ? Qt::Checked : Qt::Unchecked);
    updating_ = false;
    onItemChanged();
}

std::vector<int> CurvesPanel::mostActive(int count) const {
    std::vector<std::pair<float, int>> spread;
    if (!channels_ || channels_->frame_count() == 0) return {};
    for (int c = 0; c < core::kTakeWeightCount; ++c) {
        const auto& v = channels_->values[static_cast<size_t>(c)];
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        spread.push_back({*hi - *lo, c});
    }
    std::sort(spread.begin(), spread.end(), std::greater<>());
    std::vector<int> out;
    for (int i = 0; i < std::min<int>(count, static_cast<int>(spread.size())); ++i)
        if (spread[static_cast<size_t>(i)].first > 0.f)
            out.push_back(spread[static_cast<size_t>(i)].second);
    return out;
}

void CurvesPanel::onItemChanged() {
    if (updating_) return;
    std::vector<int> selection;
    for (int c = 0; c < TakeChannels::kCount; ++c)
        if (items_[static_cast<size_t>(c)]->checkState(0) == Qt::Checked) selection.push_back(c);
    plot_->setSelection(selection);
}

void CurvesPanel::applyFilter(const QString& text) {
    for (QTreeWidgetItem* item : items_)
        item->setHidden(!text.isEmpty() && !item->text(0).contains(text, Qt::CaseInsensitive));
}

}  // namespace likeness::ui

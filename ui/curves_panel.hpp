#pragma once
// The curves panel: a searchable, checkable list of a take's channels (52 weights, head pose)
// beside the CurvePlot. "Most active" picks the channels that move the most.
#include <QWidget>
#include <memory>

#include "ui/curve_plot.hpp"

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace likeness::ui {

class CurvesPanel : public QWidget {
    Q_OBJECT
  public:
    explicit CurvesPanel(FrameClock* clock, QWidget* parent = nullptr);

    /// The take to plot (nullptr: none).
    void setTake(const core::Take* take);
    CurvePlot* plot() const { return plot_; }
    /// Checks exactly these channels.
    void select(const std::vector<int>& channels);
    /// The `count` channels with the largest spread over the take.
    std::vector<int> mostActive(int count) const;

  private:
    void onItemChanged();
    void applyFilter(const QString& text);

    CurvePlot* plot_ = nullptr;
    QTreeWidget* list_ = nullptr;
    QLineEdit* filter_ = nullptr;
    std::vector<QTreeWidgetItem*> items_;  ///< one per channel
    std::shared_ptr<const TakeChannels> channels_;
    bool updating_ = false;
};

}  // namespace likeness::ui

#pragma once
// The job strip in the status bar: job and stage name, progress bar, ETA and Cancel. Hidden
// while no job runs.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace likeness::ui {

class JobRunner;

class JobPanel : public QWidget {
    Q_OBJECT
  public:
    explicit JobPanel(JobRunner* runner, QWidget* parent = nullptr);
    QString stageText() const;
    int percent() const;

  private:
    void onProgress(double fraction, const QString& stage, double eta_s);

    JobRunner* runner_;
    QLabel* stage_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QLabel* eta_ = nullptr;
    QPushButton* cancel_ = nullptr;
};

}  // namespace likeness::ui

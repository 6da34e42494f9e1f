#include "ui/job_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <cmath>

#include "ui/job_runner.hpp"

namespace likeness::ui {

JobPanel::JobPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), runner_(runner) {
    setObjectName("JobPanel");
    stage_ = new QLabel(this);
    stage_->setMinimumWidth(220);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 1000);
    bar_->setTextVisible(true);
    bar_->setFormat("%p%");
    bar_->setMaximumWidth(220);
    eta_ = new QLabel(this);
    eta_->setMinimumWidth(70);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName("JobCancel");
    cancel_->setToolTip(tr("Stop the job; the session stays as it was (Esc)"));
    cancel_->setShortcut(Qt::Key_Escape);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stage_);
    layout->addWidget(bar_);
    layout->addWidget(eta_);
    layout->addWidget(cancel_);
    setVisible(false);

    connect(cancel_, &QPushButton::clicked, runner_, [this] {
        runner_->cancel();
        stage_->setText(tr("%1: cancelling…").arg(runner_->jobName()));
        cancel_->setEnabled(false);
    });
    connect(runner_, &JobRunner::started, this, [this] {
        cancel_->setEnabled(true);
        setVisible(true);
    });
    connect(runner_, &JobRunner::progress, this, &JobPanel::onProgress);
    connect(runner_, &JobRunner::idle, this, [this] { setVisible(false); });
}

QString JobPanel::stageText() const {
    return stage_->text();
}

int JobPanel::percent() const {
    return bar_->value() / 10;
}

void JobPanel::onProgress(double fraction, const QString& stage, double eta_s) {
    if (!cancel_->isEnabled()) return;  // keep saying "cancelling"
    stage_->setText(stage == runner_->jobName() ? stage
                                                : QString("%1: %2").arg(runner_->jobName(), stage));
    bar_->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000.0)));
    if (eta_s < 0.0)
        eta_->setText(tr("ETA …"));
    else if (eta_s < 60.0)
        eta_->setText(tr("ETA %1 s").arg(std::ceil(eta_s)));
    else
        eta_->setText(tr("ETA %1 min").arg(eta_s / 60.0, 0, 'f', 1));
}

}  // namespace likeness::ui

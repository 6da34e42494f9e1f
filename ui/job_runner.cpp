#include "ui/job_runner.hpp"

#include <QPointer>
#include <QThread>
#include <mutex>

namespace likeness::ui {

/// What the worker leaves for the UI thread.
struct JobRunner::Outcome {
    enum class Kind { Done, Failed, Cancelled } kind = Kind::Done;
    QString message;
    std::mutex mutex;  ///< guards the throttle below
    double last_fraction = -1.0;
    std::string last_stage;
    QElapsedTimer since_report;
};

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
    cancel();
    wait();
}

bool JobRunner::start(const QString& name, Work work, std::function<void()> on_done) {
    if (isRunning()) return false;
    name_ = name;
    on_done_ = std::move(on_done);
    outcome_ = std::make_shared<Outcome>();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    eta_s_ = -1.0;
    clock_.start();

    auto outcome = outcome_;
    auto cancel_flag = cancel_;
    QPointer<JobRunner> self(this);
    // Reports are throttled on the worker (every 1 % or 50 ms, and every new stage) so a chatty
    // engine call cannot flood the UI thread's event queue.
    core::Progress::Callback report = [outcome, self](double fraction, const std::string& stage) {
        {
            std::lock_guard<std::mutex> lock(outcome->mutex);
            const bool due =
                stage != outcome->last_stage || fraction - outcome->last_fraction >= 0.01 ||
                !outcome->since_report.isValid() || outcome->since_report.elapsed() >= 50;
            if (!due) return;
            outcome->last_fraction = fraction;
            outcome->last_stage = stage;
            outcome->since_report.start();
        }
        const QString text = QString::fromStdString(stage);
        QMetaObject::invokeMethod(
            self.data(),
            [self, fraction, text] {
                if (self) self->onReport(fraction, text);
            },
            Qt::QueuedConnection);
    };
    thread_ = QThread::create([work = std::move(work), report, outcome, cancel_flag] {
        const core::Progress progress(report, cancel_flag.get());
        try {
            work(progress);
            if (cancel_flag->load()) outcome->kind = Outcome::Kind::Cancelled;
        } catch (const core::Cancelled&) {
            outcome->kind = Outcome::Kind::Cancelled;
        } catch (const std::exception& e) {
            outcome->kind = Outcome::Kind::Failed;
            outcome->message = QString::fromStdString(e.what());
        } catch (...) {
            outcome->kind = Outcome::Kind::Failed;
            outcome->message = QStringLiteral("unknown error");
        }
    });
    thread_->setObjectName("job");
    QThread* thread = thread_;
    connect(thread_, &QThread::finished, this, [this, thread] {
        if (thread_ == thread) onThreadDone();  // not if wait() already handled it
    });
    thread_->start();
    emit started(name);
    emit progress(0.0, name, -1.0);
    return true;
}

void JobRunner::post(std::function<void()> fn) {
    QPointer<JobRunner> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, fn = std::move(fn)] {
            if (self) fn();
        },
        Qt::QueuedConnection);
}

double JobRunner::elapsedSeconds() const {
    return isRunning() ? clock_.elapsed() / 1000.0 : last_elapsed_;
}

void JobRunner::cancel() {
    if (cancel_) cancel_->store(true);
}

void JobRunner::wait() {
    if (!thread_) return;
    thread_->wait();
    onThreadDone();
}

void JobRunner::onReport(double fraction, const QString& stage) {
    if (!isRunning()) return;
    const double elapsed = clock_.elapsed() / 1000.0;
    // ETA from the average rate so far, once there is enough of it to mean something; smoothed
    // so a stage that runs faster or slower than the last does not make it jump about.
    if (fraction > 0.02 && elapsed > 0.5) {
        const double eta = elapsed * (1.0 - fraction) / fraction;
        eta_s_ = eta_s_ < 0.0 ? eta : 0.7 * eta_s_ + 0.3 * eta;
    }
    emit progress(fraction, stage, eta_s_);
}

void JobRunner::onThreadDone() {
    if (!thread_) return;
    thread_->wait();
    thread_->deleteLater();
    thread_ = nullptr;
    last_elapsed_ = clock_.elapsed() / 1000.0;
    const auto outcome = std::move(outcome_);
    const QString name = name_;
    auto on_done = std::move(on_done_);
    on_done_ = nullptr;
    switch (outcome->kind) {
        case Outcome::Kind::Done:
            if (on_done) on_done();
            emit finished(name);
            break;
        case Outcome::Kind::Failed:
            emit failed(name, outcome->message);
            break;
        case Outcome::Kind::Cancelled:
            emit cancelled(name);
            break;
    }
    emit idle();
}

}  // namespace likeness::ui

#pragma once
// Runs one long engine call at a time on a worker thread (STYLE habit 7): progress arrives as
// queued signals with the stage name and an ETA, Cancel sets the engine's cancel flag (the
// engine polls it at least every ~100 ms and throws core::Cancelled), and errors come back as
// the engine's message. The work writes its result into state it owns; `on_done` runs on the
// UI thread after a success, so a failed or cancelled job leaves the session untouched.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

#include "engine/core/progress.hpp"

class QThread;

namespace likeness::ui {

class JobRunner : public QObject {
    Q_OBJECT
  public:
    /// The job body, on the worker thread. Report progress and call check() through `progress`;
    /// throw (any std::exception) to fail.
    using Work = std::function<void(const core::Progress& progress)>;

    explicit JobRunner(QObject* parent = nullptr);
    /// Cancels a running job and waits for it.
    ~JobRunner() override;

    /// Starts `work` unless a job is running (then returns false). `on_done` runs on the UI
    /// thread after the work returned normally.
    bool start(const QString& name, Work work, std::function<void()> on_done = {});
    bool isRunning() const { return thread_ != nullptr; }
    QString jobName() const { return name_; }
    /// Runs `fn` on the UI thread (for results that appear while the job runs). Call from the
    /// work; ignored once the runner is gone.
    void post(std::function<void()> fn);
    /// Seconds from start() to the end of the last job (or until now).
    double elapsedSeconds() const;

  public slots:
    /// Asks the running job to stop; it ends with cancelled().
    void cancel();
    /// Blocks until the running job has ended (tests, shutdown).
    void wait();

  signals:
    void started(const QString& name);
    /// fraction in [0,1]; stage from the engine; eta_s < 0 while unknown.
    void progress(double fraction, const QString& stage, double eta_s);
    void finished(const QString& name);
    void failed(const QString& name, const QString& message);
    void cancelled(const QString& name);
    /// After finished, failed or cancelled.
    void idle();

  private:
    struct Outcome;
    void onReport(double fraction, const QString& stage);
    void onThreadDone();

    QThread* thread_ = nullptr;
    QString name_;
    std::function<void()> on_done_;
    std::shared_ptr<Outcome> outcome_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    QElapsedTimer clock_;
    double last_elapsed_ = 0.0;
    double eta_s_ = -1.0;
};

}  // namespace likeness::ui

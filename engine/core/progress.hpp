#pragma once
// Progress reporting and cancellation for long engine calls. The engine never shows UI: callers
// (GUI worker thread, CLI progress bar) pass a callback and poll-free cancel flag.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace likeness::core {

/// Thrown by Progress::check() when the caller asked to stop. Not an error: callers catch it and
/// leave their state as it was before the call.
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled by the user") {}
};

class Progress {
  public:
    /// fraction in [0,1] of the whole call; stage is a short human-readable name.
    using Callback = std::function<void(double fraction, const std::string& stage)>;

    Progress() = default;
    explicit Progress(Callback callback, const std::atomic<bool>* cancel_flag = nullptr)
        : callback_(std::move(callback)), cancel_flag_(cancel_flag) {}

    void report(double fraction, const std::string& stage) const {
        if (callback_) callback_(fraction, stage);
    }
    bool cancelled() const { return cancel_flag_ && cancel_flag_->load(std::memory_order_relaxed); }
    /// Throws Cancelled when cancellation was requested; call at least every ~100 ms of work.
    void check() const {
        if (cancelled()) throw Cancelled();
    }

  private:
    Callback callback_;
    const std::atomic<bool>* cancel_flag_ = nullptr;
};

}  // namespace likeness::core

#pragma once
#include <chrono>
#include <string>

namespace likeness::cli {

/// A one-line progress bar on stderr, drawn only when stderr is a terminal and the work has
/// already taken a moment (short calls stay silent).
class ProgressBar {
  public:
    ProgressBar();
    ~ProgressBar();
    void update(double fraction, const std::string& stage);

  private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace likeness::cli

#pragma once
// The One-Euro filter (Casiez, Roussel, Vogel, CHI 2012): a low-pass filter whose cutoff rises
// with speed, so slow jitter is removed while fast motion keeps little lag. Used to steady
// landmarks for display; fitting works on unfiltered landmarks.
#include <Eigen/Core>

namespace likeness::track {

struct OneEuroOptions {
    double min_cutoff_hz = 1.0;  ///< cutoff at rest; lower = steadier, more lag
    double beta = 0.05;          ///< cutoff increase per unit of (scaled) speed
    double derivative_cutoff_hz = 1.0;
};

/// Filters a vector signal (e.g. 468×3 landmark coordinates, flattened) coordinate by coordinate.
class OneEuroFilter {
  public:
    explicit OneEuroFilter(OneEuroOptions options = {}) : options_(options) {}

    /// Returns the filtered value of `x` observed at time `t_s` (seconds, increasing).
    /// `scale` divides speeds before they raise the cutoff, so that beta does not depend on
    /// the face's size in pixels (pass the face box size in px; 1 for unscaled signals).
    /// The first call, a size change or a non-increasing time restarts the filter.
    Eigen::ArrayXd filter(const Eigen::ArrayXd& x, double t_s, double scale = 1.0);

    void reset() { initialised_ = false; }

  private:
    OneEuroOptions options_;
    bool initialised_ = false;
    double t_prev_ = 0.0;
    Eigen::ArrayXd x_prev_, dx_prev_;
};

}  // namespace likeness::track

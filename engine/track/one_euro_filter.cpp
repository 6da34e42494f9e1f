#include "engine/track/one_euro_filter.hpp"

#include <cmath>

namespace likeness::track {
namespace {

// Smoothing factor of an exponential low-pass with cutoff `cutoff_hz` sampled every dt_s.
Eigen::ArrayXd smoothing(const Eigen::ArrayXd& cutoff_hz, double dt_s) {
    const Eigen::ArrayXd tau = 1.0 / (2.0 * M_PI * cutoff_hz);
    return 1.0 / (1.0 + tau / dt_s);
}

}  // namespace

Eigen::ArrayXd OneEuroFilter::filter(const Eigen::ArrayXd& x, double t_s, double scale) {
    if (!initialised_ || x.size() != x_prev_.size() || !(t_s > t_prev_)) {
        initialised_ = true;
        t_prev_ = t_s;
        x_prev_ = x;
        dx_prev_ = Eigen::ArrayXd::Zero(x.size());
        return x;
    }
    const double dt = t_s - t_prev_;
    const Eigen::ArrayXd dx = (x - x_prev_) / dt;
    const Eigen::ArrayXd a_d =
        smoothing(Eigen::ArrayXd::Constant(x.size(), options_.derivative_cutoff_hz), dt);
    const Eigen::ArrayXd dx_hat = a_d * dx + (1.0 - a_d) * dx_prev_;
    const Eigen::ArrayXd cutoff =
        options_.min_cutoff_hz + options_.beta * dx_hat.abs() / std::max(scale, 1e-9);
    const Eigen::ArrayXd a = smoothing(cutoff, dt);
    const Eigen::ArrayXd x_hat = a * x + (1.0 - a) * x_prev_;
    x_prev_ = x_hat;
    dx_prev_ = dx_hat;
    t_prev_ = t_s;
    return x_hat;
}

}  // namespace likeness::track

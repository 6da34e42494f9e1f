#include "engine/track/one_euro_filter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace likeness::track {
namespace {

TEST(OneEuroFilter, ConstantSignalPassesUnchanged) {
    OneEuroFilter f;
    const Eigen::ArrayXd x = Eigen::ArrayXd::LinSpaced(5, -2.0, 7.0);
    for (int i = 0; i < 20; ++i)
        EXPECT_TRUE(f.filter(x, i / 30.0).isApprox(x, 1e-12));
}

TEST(OneEuroFilter, RemovesJitterAtRest) {
    OneEuroFilter f({1.0, 0.05, 1.0});
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    double raw_var = 0.0, filtered_var = 0.0;
    const int n = 300;
    for (int i = 0; i < n; ++i) {
        Eigen::ArrayXd x(1);
        x[0] = 100.0 + noise(rng);
        const double y = f.filter(x, i / 30.0, 100.0)[0];
        if (i > 30) {
            raw_var += (x[0] - 100.0) * (x[0] - 100.0);
            filtered_var += (y - 100.0) * (y - 100.0);
        }
    }
    EXPECT_LT(filtered_var, 0.25 * raw_var);
}

TEST(OneEuroFilter, FollowsFastMotionWithLittleLag) {
    // A face moving 3 box-sizes per second: a high beta keeps the lag small.
    OneEuroFilter fast({1.0, 5.0, 1.0}), slow({1.0, 0.0, 1.0});
    double lag_fast = 0.0, lag_slow = 0.0;
    for (int i = 0; i < 60; ++i) {
        const double t = i / 30.0;
        Eigen::ArrayXd x(1);
        x[0] = 300.0 * t;
        lag_fast = x[0] - fast.filter(x, t, 100.0)[0];
        lag_slow = x[0] - slow.filter(x, t, 100.0)[0];
    }
    EXPECT_GT(lag_fast, 0.0);
    EXPECT_LT(lag_fast, 0.5 * lag_slow);
}

TEST(OneEuroFilter, RestartsOnSizeChangeOrTimeGoingBack) {
    OneEuroFilter f;
    Eigen::ArrayXd a = Eigen::ArrayXd::Constant(3, 1.0), b = Eigen::ArrayXd::Constant(4, 9.0);
    f.filter(a, 0.0);
    EXPECT_TRUE(f.filter(b, 0.1).isApprox(b));  // new size: passes through
    Eigen::ArrayXd c = Eigen::ArrayXd::Constant(4, -5.0);
    EXPECT_TRUE(f.filter(c, 0.05).isApprox(c));  // time went back (a seek): restart
}

}  // namespace
}  // namespace likeness::track

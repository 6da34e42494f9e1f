#include "app/cli/progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace likeness::cli {
namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kQuietStart = std::chrono::milliseconds(300);
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr int kWidth = 30;
}  // namespace

ProgressBar::ProgressBar()
    : enabled_(isatty(fileno(stderr)) != 0), start_(Clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::fputs("\n", stderr);
}

void ProgressBar::update(double fraction, const std::string& stage) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < kQuietStart || (now - last_draw_ < kRedrawEvery && fraction < 1.0)) return;
    last_draw_ = now;
    drawn_ = true;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = fraction > 0.01 ? elapsed * (1.0 - fraction) / fraction : 0.0;
    std::fprintf(stderr, "\r%-24.24s [%.*s%*s] %3d%%  eta %4.0fs ", stage.c_str(), filled,
                 "##############################", kWidth - filled, "",
                 static_cast<int>(fraction * 100.0 + 0.5), eta);
    std::fflush(stderr);
}

}  // namespace likeness::cli

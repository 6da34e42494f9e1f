#include "engine/retarget/retarget_controls.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

bool in(float v, float lo, float hi) {
    return std::isfinite(v) && v >= lo && v <= hi;
}

/// Zero-lag Gaussian smoothing of one channel (n samples), the kernel renormalised where it
/// leaves the take so the ends are not pulled towards zero.
void smooth(const std::vector<float>& x, double sigma_frames, std::vector<float>* y) {
    const int n = static_cast<int>(x.size());
    const int radius = static_cast<int>(std::ceil(3.0 * sigma_frames));
    std::vector<double> kernel(static_cast<size_t>(radius) + 1);
    for (int k = 0; k <= radius; ++k)
        kernel[static_cast<size_t>(k)] = std::exp(-0.5 * k * k / (sigma_frames * sigma_frames));
    y->resize(x.size());
    for (int i = 0; i < n; ++i) {
        double sum = 0.0, weight = 0.0;
        for (int k = -radius; k <= radius; ++k) {
            const int j = i + k;
            if (j < 0 || j >= n) continue;
            const double g = kernel[static_cast<size_t>(std::abs(k))];
            sum += g * x[static_cast<size_t>(j)];
            weight += g;
        }
        (*y)[static_cast<size_t>(i)] = static_cast<float>(sum / weight);
    }
}

}  // namespace

bool ChannelControl::is_default() const {
    return *this == ChannelControl{};
}

bool ChannelControl::operator==(const ChannelControl& o) const {
    return gain == o.gain && offset == o.offset && min == o.min && max == o.max &&
           smoothing_s == o.smoothing_s;
}

bool RetargetControls::is_valid(std::string* error) const {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (!in(intensity, 0.f, 3.f)) return fail("intensity must be in [0, 3]");
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        const ChannelControl& k = channels[static_cast<size_t>(c)];
        const std::string name = face::arkit_names()[static_cast<size_t>(c)];
        if (!in(k.gain, 0.f, 10.f)) return fail(name + ": gain must be in [0, 10]");
        if (!in(k.offset, -1.f, 1.f)) return fail(name + ": offset must be in [-1, 1]");
        if (!in(k.min, 0.f, 1.f) || !in(k.max, 0.f, 1.f) || k.min > k.max)
            return fail(name + ": clamp needs 0 <= min <= max <= 1");
        if (!in(k.smoothing_s, 0.f, 2.f))
            return fail(name + ": smoothing must be in [0, 2] seconds");
    }
    return true;
}

float controlled_weight(const ChannelControl& control, float intensity, float weight) {
    return std::clamp(control.offset + control.gain * intensity * weight, control.min, control.max);
}

core::Take apply_controls(const core::Take& take, const RetargetControls& controls,
                          const core::Progress& progress) {
    std::string why;
    if (!controls.is_valid(&why)) throw RetargetError("retarget controls: " + why);
    core::Take out = take;
    const int n = take.frame_count();
    if (n == 0) return out;
    const core::HeldFrames held(take);
    std::vector<float> x(static_cast<size_t>(n)), y;
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        progress.check();
        const ChannelControl& k = controls.channels[static_cast<size_t>(c)];
        for (int i = 0; i < n; ++i)
            x[static_cast<size_t>(i)] = held[i].weights[static_cast<size_t>(c)];
        const double sigma_frames = k.smoothing_s * take.fps;
        if (sigma_frames >= 0.1)
            smooth(x, sigma_frames, &y);
        else
            y = x;
        for (int i = 0; i < n; ++i)
            out.frames[static_cast<size_t>(i)].weights[static_cast<size_t>(c)] =
                controlled_weight(k, controls.intensity, y[static_cast<size_t>(i)]);
        progress.report(static_cast<double>(c + 1) / face::kArkitShapeCount, "channel controls");
    }
    if (!controls.head_rotation)
        for (core::TakeFrame& f : out.frames)
            f.head_rotation.setZero();
    return out;
}

}  // namespace likeness::retarget

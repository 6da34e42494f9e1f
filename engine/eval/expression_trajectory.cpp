#include "engine/eval/expression_trajectory.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace likeness::eval {
namespace {

struct Event {
    std::string label;
    double start_s = 0.0, length_s = 0.0;
    std::vector<std::pair<int, float>> peaks;  ///< (shape, weight at the plateau)
};

/// 0 outside [0, 1], raised-cosine rise over the first quarter, plateau, fall over the last.
double envelope(double u) {
    if (u <= 0.0 || u >= 1.0) return 0.0;
    const double ramp = 0.25;
    const double x = std::min(u, 1.0 - u) / ramp;
    return x >= 1.0 ? 1.0 : 0.5 - 0.5 * std::cos(3.141592653589793 * x);
}

class Programme {
  public:
    Programme(const std::vector<std::string>& names, const ExpressionTrajectoryOptions& o, Rng& rng)
        : names_(names), o_(o), rng_(rng) {}

    int index(const std::string& name) const {
        const auto it = std::find(names_.begin(), names_.end(), name);
        return it == names_.end() ? -1 : static_cast<int>(it - names_.begin());
    }
    void add(Event& e, const std::string& name, double lo, double hi) {
        const int i = index(name);
        if (i >= 0) e.peaks.emplace_back(i, static_cast<float>(rng_.uniform(lo, hi)));
    }
    Event make(const std::string& kind, double start) {
        Event e{kind, start, o_.event_s, {}};
        if (kind == "blink") {
            e.length_s = o_.event_s / 3.0;
            const double amount = rng_.uniform(0.9, 1.0);
            add(e, "eyeBlinkLeft", amount, amount);
            add(e, "eyeBlinkRight", amount, amount);
        } else if (kind == "smile") {
            add(e, "mouthSmileLeft", 0.6, 1.0);
            add(e, "mouthSmileRight", 0.6, 1.0);
            add(e, "cheekSquintLeft", 0.2, 0.5);
            add(e, "cheekSquintRight", 0.2, 0.5);
            add(e, "eyeSquintLeft", 0.0, 0.3);
            add(e, "eyeSquintRight", 0.0, 0.3);
        } else if (kind == "jaw_open") {
            add(e, "jawOpen", 0.55, 0.9);
            add(e, "mouthLowerDownLeft", 0.0, 0.3);
            add(e, "mouthLowerDownRight", 0.0, 0.3);
        } else if (kind == "pucker") {
            add(e, "mouthPucker", 0.7, 1.0);
            add(e, "mouthFunnel", 0.0, 0.3);
        } else if (kind == "brow_raise") {
            add(e, "browInnerUp", 0.6, 1.0);
            add(e, "browOuterUpLeft", 0.5, 0.9);
            add(e, "browOuterUpRight", 0.5, 0.9);
            add(e, "eyeWideLeft", 0.0, 0.4);
            add(e, "eyeWideRight", 0.0, 0.4);
        } else if (kind == "frown") {
            add(e, "browDownLeft", 0.5, 0.9);
            add(e, "browDownRight", 0.5, 0.9);
            add(e, "mouthFrownLeft", 0.3, 0.8);
            add(e, "mouthFrownRight", 0.3, 0.8);
        } else {  // random mixture
            const int count = 3 + rng_.below(3);
            for (int k = 0; k < count; ++k) {
                const int i = rng_.below(static_cast<int>(names_.size()));
                if (std::find(o_.excluded.begin(), o_.excluded.end(),
                              names_[static_cast<size_t>(i)]) != o_.excluded.end())
                    continue;
                e.peaks.emplace_back(i, static_cast<float>(rng_.uniform(0.3, 0.9)));
            }
        }
        return e;
    }

  private:
    const std::vector<std::string>& names_;
    const ExpressionTrajectoryOptions& o_;
    Rng& rng_;
};

}  // namespace

ExpressionTrajectory expression_trajectory(int frames, double fps,
                                           const std::vector<std::string>& names,
                                           const ExpressionTrajectoryOptions& o, Rng& rng) {
    frames = std::max(frames, 0);
    const double duration = frames / fps;
    Programme programme(names, o, rng);

    std::vector<std::string> order{"blink", "smile", "jaw_open", "pucker"};
    for (size_t k = order.size(); k > 1; --k)  // Fisher–Yates with our own generator
        std::swap(order[k - 1], order[static_cast<size_t>(rng.below(static_cast<int>(k)))]);
    const std::vector<std::string> later{"brow_raise", "frown", "random",
                                         "random",     "smile", "jaw_open"};
    std::vector<Event> events;
    double t = std::max(o.lead_neutral_s, 3.0 / fps);
    for (size_t k = 0; t < duration; ++k) {
        const std::string kind =
            k < order.size()
                ? order[k]
                : later[static_cast<size_t>(rng.below(static_cast<int>(later.size())))];
        events.push_back(programme.make(kind, t));
        t += events.back().length_s + rng.uniform(o.min_rest_s, o.max_rest_s);
    }
    // Spontaneous blinks over non-blink events (never in a neutral rest: those stay neutral).
    if (o.blink_interval_s > 0.0) {
        const size_t planned = events.size();
        for (size_t k = 0; k < planned; ++k) {
            const Event& e = events[k];
            if (e.label == "blink" || rng.uniform() > e.length_s / o.blink_interval_s) continue;
            const double blink_len = o.event_s / 3.0;
            const double start =
                e.start_s + rng.uniform(0.0, std::max(0.0, e.length_s - blink_len));
            Event b = programme.make("blink", start);
            b.label = "blink";
            events.push_back(b);
        }
    }

    ExpressionTrajectory out;
    out.weights.assign(static_cast<size_t>(frames), {});
    out.labels.assign(static_cast<size_t>(frames), "neutral");
    for (int f = 0; f < frames; ++f) {
        const double time = f / fps;
        auto& w = out.weights[static_cast<size_t>(f)];
        double strongest = 0.0;
        for (const Event& e : events) {
            const double a = envelope((time - e.start_s) / e.length_s);
            if (a <= 0.0) continue;
            for (const auto& [shape, peak] : e.peaks)
                w[static_cast<size_t>(shape)] += static_cast<float>(a * peak);
            // Blinks superimposed on another event do not rename the frame.
            const double weight = e.label == "blink" ? 0.5 * a : a;
            if (weight > strongest) {
                strongest = weight;
                out.labels[static_cast<size_t>(f)] = e.label;
            }
        }
        for (float& x : w)
            x = std::clamp(x, 0.f, 1.f);
        if (std::all_of(w.begin(), w.end(), [](float x) { return x == 0.f; }))
            out.labels[static_cast<size_t>(f)] = "neutral";
    }
    return out;
}

}  // namespace likeness::eval

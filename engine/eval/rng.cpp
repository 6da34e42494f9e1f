#include "engine/eval/rng.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace likeness::eval {

std::uint64_t mix_seed(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

Rng::Rng(std::uint64_t seed) : seed_(seed), engine_(mix_seed(seed)) {}

Rng Rng::fork(std::uint64_t stream) const {
    return Rng(mix_seed(seed_ ^ mix_seed(stream + 1)));
}

double Rng::uniform() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double lo, double hi) {
    return lo + (hi - lo) * uniform();
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    // 1 - uniform() lies in (0, 1]: the logarithm stays finite.
    const double r = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    const double phi = 6.283185307179586 * uniform();
    spare_ = r * std::sin(phi);
    has_spare_ = true;
    return r * std::cos(phi);
}

double Rng::normal(double mean, double sigma) {
    return mean + sigma * normal();
}

double Rng::clamped_normal(double limit) {
    return std::clamp(normal(), -limit, limit);
}

int Rng::below(int n) {
    assert(n > 0 && "Rng::below needs a positive bound");
    return static_cast<int>(uniform() * n);
}

}  // namespace likeness::eval

#pragma once
// The one source of randomness of the synthetic ground truth. std::mt19937_64 is specified bit
// for bit by the standard, but std::normal_distribution is not (each standard library draws
// differently), so normal and uniform draws are made here from the raw 64-bit stream: the same
// seed gives the same subjects and sequences with any compiler and library.
#include <cstdint>
#include <random>

namespace likeness::eval {

class Rng {
  public:
    explicit Rng(std::uint64_t seed);

    /// An independent generator for one component (identity, albedo, motion...): its stream
    /// depends only on this generator's seed and `stream`, not on how much was drawn before, so
    /// adding frames to a sequence does not change the subject.
    Rng fork(std::uint64_t stream) const;

    std::uint64_t seed() const { return seed_; }
    std::uint64_t next() { return engine_(); }
    double uniform();                          ///< [0, 1), 53 random bits
    double uniform(double lo, double hi);      ///< [lo, hi)
    double normal();                           ///< N(0, 1), Box–Muller
    double normal(double mean, double sigma);  ///< N(mean, sigma²)
    /// N(0, 1) clamped to [-limit, limit]: bounded parameters that are still mostly normal.
    double clamped_normal(double limit);
    int below(int n);  ///< uniform integer in [0, n), n > 0

  private:
    std::uint64_t seed_;
    std::mt19937_64 engine_;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

/// SplitMix64 (Steele, Lea & Flood 2014): a well-mixed 64-bit hash used to derive seeds.
std::uint64_t mix_seed(std::uint64_t x);

}  // namespace likeness::eval

#pragma once
// A synthetic take with known values: every ARKit weight sweeps [0,1] on its own period, the
// head nods, turns and moves, the eyes look around, and optional face dropouts test the
// "no face" path. For tests, benchmarks and `likeness export --demo-take`.
#include "engine/core/take.hpp"

namespace likeness::eval {

struct SyntheticTakeOptions {
    double seconds = 10.0;
    double fps = 60.0;
    /// Every `dropout_every` frames, `dropout_length` frames have no face (0: never).
    int dropout_every = 0;
    int dropout_length = 0;
    bool eyes = true;
};

/// Frame i at t = i / fps: w_k = 0.5 - 0.5 cos(2 pi t / (1 + 0.13 k)) (0 at t = 0, full
/// activation at half a period), head yaw 0.35 sin(0.9 t), pitch 0.15 sin(1.3 t), roll
/// 0.1 sin(0.7 t) rad (R = Ry Rx Rz), translation (3 sin 0.5t, 2 sin 0.8t, -60 + 5 sin 0.3t) cm.
core::Take synthetic_take(const SyntheticTakeOptions& options = {});

}  // namespace likeness::eval

#pragma once
// Expression trajectories for synthetic sequences: the ARKit weights w of every frame. A
// sequence opens on a neutral face, then plays a seeded programme of events separated by short
// neutral rests:
//   - the ARKit pose sequences a capture session asks for: blink, smile, jaw open, pucker
//     (these four always come first, in a seeded order), brow raise, frown;
//   - smooth random mixtures of 3–5 shapes;
// and spontaneous blinks on top. Each event rises and falls with raised-cosine ramps, so every
// weight is smooth in time and exactly 0 outside its events: frames labelled "neutral" have
// w = 0 (the disentanglement metric needs true neutral frames, seed 003 §4).
#include <array>
#include <string>
#include <vector>

#include "engine/core/take.hpp"
#include "engine/eval/rng.hpp"

namespace likeness::eval {

struct ExpressionTrajectoryOptions {
    double lead_neutral_s = 0.4;  ///< neutral opening (at least 3 frames)
    double event_s = 1.0;         ///< length of one event (a blink takes a third of it)
    double min_rest_s = 0.15;     ///< neutral rest between events, drawn in [min, max]
    double max_rest_s = 0.4;
    double blink_interval_s = 3.5;  ///< mean time between spontaneous blinks (0: none)
    /// Shapes random mixtures never use (our template has no tongue).
    std::vector<std::string> excluded{"tongueOut"};
};

/// Per-frame weights and what the frame shows.
struct ExpressionTrajectory {
    std::vector<std::array<float, core::kTakeWeightCount>> weights;  ///< #frames, ARKit order
    /// #frames: "neutral" (w = 0), or the dominant event: "blink", "smile", "jaw_open",
    /// "pucker", "brow_raise", "frown", "random".
    std::vector<std::string> labels;
};

/// `frames` frames at `fps`; `shape_names` are the 52 ARKit names (face::arkit_names()).
ExpressionTrajectory expression_trajectory(int frames, double fps,
                                           const std::vector<std::string>& shape_names,
                                           const ExpressionTrajectoryOptions& options, Rng& rng);

}  // namespace likeness::eval

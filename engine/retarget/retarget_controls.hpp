#pragma once
// The per-channel controls artists expect when a performance drives a character: gain, offset,
// clamp and temporal smoothing per ARKit channel, a global expression intensity, and head
// rotation on/off. They act on the take's weights before the mapping (channel_mapping.hpp)
// spreads them over the character's shapes; the mapping panel binds to these fields.
//
// Per channel c and frame f, with w the tracked weight:
//   w~ = Gaussian-smoothed w over time (standard deviation smoothing_s, zero lag)
//   v  = clamp(offset + gain * intensity * w~, min, max)
#include <array>
#include <string>

#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/face/arkit_names.hpp"

namespace likeness::retarget {

struct ChannelControl {
    float gain = 1.f;         ///< scales the tracked weight, in [0, 10]
    float offset = 0.f;       ///< added after the gain, in [-1, 1]
    float min = 0.f;          ///< clamp: 0 <= min <= max <= 1 (a take holds weights in [0, 1];
    float max = 1.f;          ///< exaggeration beyond 1 is a mapping gain)
    float smoothing_s = 0.f;  ///< temporal smoothing, seconds (Gaussian sigma), in [0, 2]

    bool is_default() const;
    bool operator==(const ChannelControl& o) const;
    bool operator!=(const ChannelControl& o) const { return !(*this == o); }
};

struct RetargetControls {
    /// One per ARKit channel, Apple's order.
    std::array<ChannelControl, face::kArkitShapeCount> channels;
    /// Global expression intensity, multiplies every gain: 0 holds the neutral face, 1 plays
    /// the performance as tracked; in [0, 3].
    float intensity = 1.f;
    /// False: the head keeps still (the take's rotation is set to zero).
    bool head_rotation = true;

    /// False, with a reason naming the channel and field, when a value is out of its range.
    bool is_valid(std::string* error) const;
};

/// v for one channel and a (smoothed) weight.
float controlled_weight(const ChannelControl& control, float intensity, float weight);

/// The take as the character plays it: every channel smoothed, scaled, offset and clamped as
/// above; head rotation zeroed when controls.head_rotation is false. Frames without a face
/// keep has_face = false; their weights are the nearest earlier face frame's (core::HeldFrames)
/// so smoothing does not pull towards zeros that were never measured. Throws RetargetError for
/// invalid controls; core::Cancelled when progress asks to stop.
core::Take apply_controls(const core::Take& take, const RetargetControls& controls,
                          const core::Progress& progress = {});

}  // namespace likeness::retarget

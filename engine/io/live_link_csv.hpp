#pragma once
// Takes as CSV in the layout of Epic's Live Link Face app, which Unreal, MotionBuilder and
// Blender add-ons import:
//   Timecode,BlendShapeCount,EyeBlinkLeft,...,TongueOut,HeadYaw,HeadPitch,HeadRoll,
//   LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,RightEyePitch,RightEyeRoll
// - Timecode HH:MM:SS:FF.mmm at the take's nominal integer rate (FF the frame in the second,
//   .mmm the sub-frame part, 000 here), starting at 00:00:00:00;
// - BlendShapeCount 61 (52 weights + 3 head + 6 eye values), as the app writes;
// - the 52 ARKit weights in Apple's order, capitalised as the app capitalises them;
// - head and eye yaw/pitch/roll in radians (core::yaw_pitch_roll: yaw about +y, pitch about +x,
//   roll about +z); eyes 0 when the frame has no eye measurement.
// Frames without a face hold the last face frame (core::HeldFrames), as the animation exports.
#include <string>

#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

/// The header line (without newline).
std::string live_link_csv_header();

/// Live Link Face's timecode of frame `i` at `fps` (rounded to an integer rate).
std::string live_link_timecode(long long frame, double fps);

/// Streams the take to `path`. Throws ExportError; core::Cancelled when progress asks to stop.
ExportedFiles write_live_link_csv(const core::Take& take, const std::string& path,
                                  const core::Progress& progress = {});

}  // namespace likeness::io

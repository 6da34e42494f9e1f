#pragma once
// Take: one tracked performance, the exchange form of the tracker's output (paper §3.3: per
// frame the blend-shape weights w and the head pose R, t) that exporters, retargeting and the
// project file share. Lighting and fit residuals stay with the tracker; a take is what a user
// takes to another tool.
#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

namespace likeness::core {

/// Number of weights per frame: the 52 ARKit blend shapes.
constexpr int kTakeWeightCount = 52;

struct TakeFrame {
    /// w: 52 weights in [0,1], ARKit order (face::arkit_names()).
    std::array<float, kTakeWeightCount> weights{};
    /// Head rotation, axis-angle (rad): R_cam_from_model = exp([head_rotation]x).
    Eigen::Vector3f head_rotation = Eigen::Vector3f::Zero();
    /// Model origin in camera space (cm; x right, y up, the camera looks down -z).
    Eigen::Vector3f head_translation_cm{0.f, 0.f, -60.f};
    /// False when no face was found in this frame: weights and pose then hold no measurement.
    bool has_face = true;
    /// True when eye_rotation_left/right hold a measurement.
    bool has_eyes = false;
    /// Eyeball rotations, axis-angle (rad) in model space relative to looking along +z.
    Eigen::Vector3f eye_rotation_left = Eigen::Vector3f::Zero();
    Eigen::Vector3f eye_rotation_right = Eigen::Vector3f::Zero();
};

struct Take {
    std::string name = "take";
    double fps = 30.0;  ///< frames per second, > 0
    std::vector<TakeFrame> frames;

    int frame_count() const { return static_cast<int>(frames.size()); }
    double duration_s() const { return frames.empty() ? 0.0 : (frames.size() - 1) / fps; }
    /// Time (s) of frame i: i / fps (frame 0 at t = 0).
    double time_s(int i) const { return i / fps; }

    /// False, with a reason naming the frame and field, when fps is not positive or a value is
    /// not finite or a weight is outside [0,1].
    bool is_valid(std::string* error) const;
};

/// For animation exports: the frames with every frame without a face replaced by the nearest
/// earlier face frame (leading ones by the first face frame), so a lost face holds its last
/// expression and pose instead of snapping to neutral. Returns frame i of that sequence.
class HeldFrames {
  public:
    explicit HeldFrames(const Take& take);
    const TakeFrame& operator[](int i) const;
    int size() const { return static_cast<int>(source_.size()); }

  private:
    std::vector<int> source_;  ///< #frames: index of the frame shown at frame i
    const Take& take_;
};

/// Yaw, pitch and roll (rad) of an axis-angle rotation, for formats that want angles:
/// R = Ry(yaw) * Rx(pitch) * Rz(roll) (yaw about +y up, pitch about +x, roll about +z, all
/// right-handed), yaw and roll in (-pi, pi], pitch in [-pi/2, pi/2].
Eigen::Vector3f yaw_pitch_roll(const Eigen::Vector3f& axis_angle);

}  // namespace likeness::core

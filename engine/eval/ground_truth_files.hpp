#pragma once
// The ground-truth folder of a synthetic sequence, as `likeness synth` writes it and `likeness
// eval` and the bench read it:
//   video.avi          the rendered frames (MJPG, quality 95; or video.mp4)
//   ground_truth.json  {"format": "likeness-ground-truth", "version": 1, "seed", "subject":
//                       {"identity": "smooth"|"ict", "ict_coefficients": [...], "albedo"},
//                       "camera": {"width", "height", "focal_px", "cx_px", "cy_px"}, "fps",
//                       "video", "weight_names": [52], "landmarks68_vertices": [68],
//                       "face_area_vertices": [...], "frame_count",
//                       "frames": [{"index", "label", "w": [52], "r": [3] axis-angle rad,
//                       "t": [3] cm, "gamma": [27], "landmarks68": [[x, y]] px,
//                       "landmarks468": [[x, y, depth_cm]]}]}
//   subject.bin        the personal model, little-endian: "LKGTSUBJ", u32 version (1), u32 #V,
//                       #F, #shapes, texture size, #wrinkle maps; f32 neutral #V×3 (cm), i32 F
//                       #F×3, f32 UV #V×2, f32 identity Δ0 #V×3, per shape f32 delta #V×3 then
//                       f32 deviation D_i #V×3, f32 albedo size²×3 (RGB, row 0 = top), per
//                       wrinkle map i32 shape, x, y, w, h, f32 offset w×h×3
//   labels.png         the parsing map T (8-bit labels) used to draw the photometric mask
//   albedo.png         the static albedo, for viewing
//   take.json          the true motion as a Likeness take file (io/take_json.hpp)
// Per frame everything needed to rebuild the true mesh: S(w) from subject.bin and "w".
#include <string>
#include <vector>

#include "engine/eval/synthetic_sequence.hpp"
#include "engine/eval/synthetic_subject.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

/// A ground-truth folder that cannot be read; the message names the file and what is wrong.
class GroundTruthError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

constexpr int kGroundTruthVersion = 1;

/// Everything a ground-truth folder holds, read back.
struct GroundTruth {
    std::string folder;
    std::string video_path;    ///< absolute or relative to the working folder
    SyntheticSubject subject;  ///< rig, identity, deviations, wrinkles, sources, seed
    GroundTruthSequence sequence;
    cv::Mat labels_uv;             ///< CV_8U parsing map T
    std::vector<int> landmarks68;  ///< iBUG-68 vertex indices of the subject's mesh
    std::vector<int> face_area;    ///< vertices scored by the 3D metric (face_area.hpp)
};

/// Writes every file but the video into `folder` (created if needed). `video_file` is the name
/// recorded in ground_truth.json. Throws io::ExportError when a file cannot be written.
void write_ground_truth(const std::string& folder, const SyntheticSubject& subject,
                        const GroundTruthSequence& sequence, const face::TemplateRig& rig,
                        const std::string& video_file);

/// Reads a folder written by write_ground_truth. Throws GroundTruthError.
GroundTruth read_ground_truth(const std::string& folder);

}  // namespace likeness::eval

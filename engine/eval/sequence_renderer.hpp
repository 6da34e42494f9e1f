#pragma once
// Renders the frames of a synthetic sequence as a camera would see them: the subject's face
// (ground-truth geometry, photo albedo plus wrinkles, SH lighting) with a dark mouth interior
// and teeth behind the lips, composited over a background, anti-aliased by supersampling, with
// sensor noise. The renderer is Likeness's own (engine/render), i.e. the image formation model
// the fitting assumes (paper §3.3) — the synthetic set isolates the solver, not the renderer.
#include <cstdint>
#include <opencv2/core.hpp>

#include "engine/core/camera.hpp"
#include "engine/eval/synthetic_sequence.hpp"
#include "engine/eval/synthetic_subject.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::eval {

struct RenderStyle {
    int supersampling = 2;        ///< samples per pixel along each axis (1: aliased edges)
    float sensor_noise = 1.5f;    ///< standard deviation of Gaussian noise, 8-bit units
    bool mouth_interior = true;   ///< draw a mouth cavity with teeth behind the lips
    float mouth_depth_cm = 0.7f;  ///< how far behind the lip ring the cavity sits
};

class SequenceRenderer {
  public:
    /// Keeps references to `subject` (must outlive the renderer); `rig` gives the template's
    /// mouth and parsing map. `background` (CV_8UC3 RGB) is resized to the camera's image size.
    /// Noise for frame i depends only on `noise_seed` and i.
    SequenceRenderer(const SyntheticSubject& subject, const face::TemplateRig& rig,
                     const cv::Mat& background, const core::Camera& camera,
                     const RenderStyle& style = {}, std::uint64_t noise_seed = 0);

    /// The frame as CV_8UC3 RGB. `face_mask` (optional) receives the photometric mask M of
    /// eq. 4 at image resolution (CV_8U, 255 on skin, brows, nose and lips).
    cv::Mat render(const GroundTruthFrame& frame, cv::Mat* face_mask = nullptr);

    /// The subject's albedo with the mouth-cavity patch this renderer draws from.
    const cv::Mat& albedo() const { return albedo_; }

  private:
    /// Cavity vertices from the lip ring in vertices_'s first n rows (model space).
    void place_cavity(int n);

    const SyntheticSubject& subject_;
    core::Camera camera_, camera_hi_;
    RenderStyle style_;
    std::uint64_t noise_seed_;
    core::Mesh mesh_;               ///< face + cavity: F and UV (V comes per frame)
    std::vector<int> cavity_ring_;  ///< template vertex behind which each cavity vertex sits
    cv::Mat albedo_, labels_, frame_albedo_;
    cv::Mat background_hi_;  ///< CV_32FC3, supersampled size
    core::MatrixX3fR vertices_;
    render::RenderOptions options_;
    render::Rendering rendering_;
};

/// The template's photometric mask exclusions (eq. 4): outside, eyes and mouth interior.
std::bitset<256> photometric_exclusions();

}  // namespace likeness::eval

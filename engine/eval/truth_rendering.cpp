#include "engine/eval/truth_rendering.hpp"

#include <stdexcept>

#include "engine/render/renderer.hpp"
#include "engine/render/scene.hpp"

namespace likeness::eval {

cv::Mat render_truth_texture(const SyntheticSubject& subject, const GroundTruthFrame& frame,
                             const core::Camera& camera, const cv::Mat& texture) {
    if (texture.type() != CV_32FC3 || texture.empty())
        throw std::invalid_argument("render_truth_texture: a CV_32FC3 texture is required");
    const core::MatrixX3fR vertices = subject.vertices(frame.w.data());
    render::Scene scene;
    scene.mesh = &subject.rig.neutral;
    scene.vertices = &vertices;
    scene.albedo_uv = &texture;
    scene.camera = camera;
    scene.pose = frame.pose;
    render::RenderOptions options;
    options.lit = false;
    render::Rendering rendering;
    render::render(scene, options, &rendering);
    return rendering.colour;
}

}  // namespace likeness::eval

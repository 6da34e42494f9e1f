#include "engine/eval/synthetic_sequence.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/render/landmark_projection.hpp"

namespace likeness::eval {
namespace {

enum Stream : std::uint64_t { kExpression = 10, kMotion = 11, kLighting = 12, kFraming = 13 };

bool fail(std::string* error, const std::string& why) {
    if (error) *error = why;
    return false;
}

}  // namespace

bool SequenceOptions::is_valid(std::string* error) const {
    if (frames < 1) return fail(error, "frames must be at least 1");
    if (!(fps > 0.0 && fps <= 1000.0)) return fail(error, "fps must be in (0, 1000]");
    if (width < 64 || height < 64 || width > 8192 || height > 8192)
        return fail(error, "the frame size must be between 64 and 8192 pixels a side");
    if (!(focal_scale > 0.1f && focal_scale < 10.f))
        return fail(error, "focal_scale must be in (0.1, 10)");
    if (!(face_height_fraction > 0.05f && face_height_fraction < 1.5f))
        return fail(error, "face_height_fraction must be in (0.05, 1.5)");
    return true;
}

bool GroundTruthFrame::neutral() const {
    return std::all_of(w.begin(), w.end(), [](float x) { return x == 0.f; });
}

core::Take GroundTruthSequence::take(const std::string& name) const {
    core::Take take;
    take.name = name;
    take.fps = fps;
    for (const GroundTruthFrame& f : frames) {
        core::TakeFrame t;
        t.weights = f.w;
        t.head_rotation = f.pose.rotation;
        t.head_translation_cm = f.pose.translation_cm;
        t.has_face = true;
        take.frames.push_back(t);
    }
    return take;
}

GroundTruthSequence plan_sequence(const SyntheticSubject& subject, const SequenceOptions& o,
                                  std::uint64_t seed) {
    std::string why;
    if (!o.is_valid(&why)) throw std::invalid_argument("sequence options: " + why);
    const Rng root(seed);
    GroundTruthSequence seq;
    seq.seed = seed;
    seq.fps = o.fps;
    seq.camera =
        core::Camera::centered(o.width, o.height, o.focal_scale * static_cast<float>(o.width));

    core::Mesh neutral;
    neutral.V = subject.rig.neutral.V;
    const core::Bounds box = core::bounds(neutral);
    Rng framing = root.fork(kFraming);
    const float fraction = o.face_height_fraction * static_cast<float>(framing.uniform(0.85, 1.15));
    const float face_height_cm = box.max.y() - box.min.y();
    const float distance_cm = seq.camera.focal_px * face_height_cm / (fraction * o.height);

    Rng expression_rng = root.fork(kExpression);
    const ExpressionTrajectory expression = expression_trajectory(
        o.frames, o.fps, subject.rig.shape_names, o.expression, expression_rng);
    Rng motion_rng = root.fork(kMotion);
    const std::vector<core::Pose> poses =
        head_motion(o.frames, o.fps, box.center(), distance_cm, o.head, motion_rng);
    Rng lighting_rng = root.fork(kLighting);
    const core::ShLighting first = random_lighting(o.lighting, lighting_rng);
    const core::ShLighting second =
        o.lighting_drift ? random_lighting(o.lighting, lighting_rng) : first;

    std::vector<int> landmark_vertices(468);
    for (int i = 0; i < 468; ++i)
        landmark_vertices[static_cast<size_t>(i)] = i;
    render::ProjectedLandmarks projected;
    seq.frames.resize(static_cast<size_t>(o.frames));
    for (int f = 0; f < o.frames; ++f) {
        GroundTruthFrame& g = seq.frames[static_cast<size_t>(f)];
        g.index = f;
        g.label = expression.labels[static_cast<size_t>(f)];
        g.w = expression.weights[static_cast<size_t>(f)];
        g.pose = poses[static_cast<size_t>(f)];
        // At most a third of the way to the second lighting: a drift, not a change of scene.
        const float s =
            o.frames > 1 ? static_cast<float>(f) / static_cast<float>(o.frames - 1) : 0.f;
        g.lighting = blend(first, second, s * s * (3.f - 2.f * s) / 3.f);
        const core::MatrixX3fR V = subject.vertices(g.w.data());
        render::project_landmarks(V, landmark_vertices, seq.camera, g.pose, false, &projected);
        g.landmarks468 = projected.points_px;
        g.depth468 = projected.depth_cm;
    }
    return seq;
}

}  // namespace likeness::eval

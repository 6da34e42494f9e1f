#include "engine/render/scene_parameters.hpp"

namespace likeness::render {

SceneVector scene_parameters(const Scene& scene) {
    SceneVector p;
    p.segment<3>(SceneParameter::kRotation) = scene.pose.rotation.cast<double>();
    p.segment<3>(SceneParameter::kTranslation) = scene.pose.translation_cm.cast<double>();
    p[SceneParameter::kFocal] = scene.camera.focal_px;
    for (int i = 0; i < core::kShCoefficientCount; ++i)
        p[SceneParameter::kLighting + i] = scene.lighting.gamma[static_cast<size_t>(i)];
    return p;
}

void set_scene_parameters(const SceneVector& p, Scene* scene) {
    scene->pose.rotation = p.segment<3>(SceneParameter::kRotation).cast<float>();
    scene->pose.translation_cm = p.segment<3>(SceneParameter::kTranslation).cast<float>();
    scene->camera.focal_px = static_cast<float>(p[SceneParameter::kFocal]);
    for (int i = 0; i < core::kShCoefficientCount; ++i)
        scene->lighting.gamma[static_cast<size_t>(i)] =
            static_cast<float>(p[SceneParameter::kLighting + i]);
}

}  // namespace likeness::render

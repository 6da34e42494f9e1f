#pragma once
// Choices shared by the animation exporters (glTF, FBX).
#include <string>
#include <vector>

namespace likeness::io {

/// How the take's head pose reaches the exported head node.
enum class HeadMotion {
    /// Rotation and translation as tracked: the scene origin is the camera (x right, y up,
    /// looking down -z), so the head moves as it did in front of the camera.
    kCameraSpace,
    /// Rotation only, the head stays at the origin: what a character rig usually wants.
    kRotationOnly,
    /// No head animation: the face stays at the origin, only the blend shapes move.
    kNone,
};

/// The files an export wrote, main file first.
struct ExportedFiles {
    std::vector<std::string> paths;
    unsigned long long bytes = 0;  ///< total size
};

}  // namespace likeness::io

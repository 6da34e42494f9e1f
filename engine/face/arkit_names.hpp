#pragma once
// The 52 ARKit blend-shape names in Apple's order (ARFaceAnchor.BlendShapeLocation as Apple
// documents them: left eye, right eye, mouth and jaw, brows, cheeks, nose, tongue). They are the
// blend-shape vocabulary of the whole product: tracking outputs, retargeting and exports.
#include <array>
#include <string>

namespace likeness::face {

constexpr int kArkitShapeCount = 52;

const std::array<std::string, kArkitShapeCount>& arkit_names();

/// Index of `name` in arkit_names(), or -1.
int arkit_index(const std::string& name);

/// The mirror partner of a name (eyeBlinkLeft <-> eyeBlinkRight, jawLeft <-> jawRight,
/// mouthLeft <-> mouthRight); a name without a side returns itself.
std::string arkit_mirror_name(const std::string& name);

}  // namespace likeness::face

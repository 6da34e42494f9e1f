#include "engine/fit/session.hpp"

#include <cmath>

namespace likeness::fit {

bool Session::is_valid(std::string* error) const {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (width < 0 || height < 0) return fail("frame size is negative");
    if (!(fps > 0.0 && std::isfinite(fps))) return fail("fps must be positive");
    if (!(camera.focal_px > 0.f && std::isfinite(camera.focal_px)))
        return fail("camera focal length must be positive");
    if (frames.size() != take.frames.size())
        return fail("per-frame fits (" + std::to_string(frames.size()) + ") and take frames (" +
                    std::to_string(take.frames.size()) + ") differ");
    std::string why;
    if (!take.is_valid(&why)) return fail("take: " + why);
    if (has_model() && !model.is_valid(&why)) return fail("personal model: " + why);
    return true;
}

std::vector<core::ShLighting> frame_lighting(const Session& session) {
    std::vector<core::ShLighting> out;
    out.reserve(session.frames.size());
    for (const FrameFit& f : session.frames)
        out.push_back(f.lighting);
    return out;
}

}  // namespace likeness::fit

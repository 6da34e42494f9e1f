#pragma once
// Project files for the CLI tests of export and retarget without running the fitting engine: the
// template as a personal model moved by a known identity correction, a synthetic take, either
// part left out, and damaged copies of a file.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/eval/synthetic_take.hpp"
#include "engine/face/personal_model.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/session.hpp"

namespace likeness::test {

struct SessionParts {
    bool model = true;
    /// Δ0^S, the same everywhere: the personal neutral is the template's moved by this (cm).
    float identity_z_cm = 0.5f;
    double take_seconds = 1.0;  ///< 0: no take
    double fps = 30.0;
};

inline fit::Session synthetic_session(const face::TemplateRig& rig, const SessionParts& parts) {
    fit::Session s;
    s.input = "synthetic";
    s.fps = parts.fps;
    if (parts.model) {
        s.model = face::personal_model_from_template(rig, 64);
        s.model.identity_shape.setTo(cv::Scalar(0.f, 0.f, parts.identity_z_cm));
        s.model.refresh();
    }
    if (parts.take_seconds > 0.0) {
        eval::SyntheticTakeOptions o;
        o.seconds = parts.take_seconds;
        o.fps = parts.fps;
        o.eyes = false;  // a project file keeps w, R, t and the face flag per frame
        s.take = eval::synthetic_take(o);
        s.frames.resize(s.take.frames.size());
    }
    return s;
}

/// `path`'s bytes with the last `drop` removed (a truncated copy) or, when `flip` >= 0, the
/// byte at `flip` inverted (a damaged one), written to `out`.
inline void damaged_copy(const std::string& path, const std::string& out, size_t drop, long flip) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    b.resize(b.size() > drop ? b.size() - drop : 0);
    if (flip >= 0 && static_cast<size_t>(flip) < b.size())
        b[static_cast<size_t>(flip)] = static_cast<char>(~b[static_cast<size_t>(flip)]);
    std::ofstream(out, std::ios::binary).write(b.data(), static_cast<std::streamsize>(b.size()));
}

}  // namespace likeness::test

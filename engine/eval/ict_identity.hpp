#pragma once
// Synthetic identities from ICT-FaceKit's PCA identity modes (optional test data, MIT, never
// shipped): a person is ICT's neutral + Σ_k c_k (identity_k − neutral) with c_k ~ N(0, 1) (ICT
// README), carried onto our template topology.
//
// Protocol: the template is registered once onto ICT's generic neutral with the template
// issue's registration (68-landmark similarity, then non-rigid refinement onto ICT's face
// area: face::register_mesh, as the ICT yardstick does). Every registered template vertex then
// gets its closest point on ICT's face-and-head surface (a triangle and barycentric weights),
// and each identity mode is sampled there. ICT persons share the neutral's topology, so this
// one dense correspondence serves all of them; it is equivalent to registering each person
// separately, minus that registration's noise. Positions are brought back into the template's
// model frame by the inverse of the registration's similarity, so ICT's average face has the
// template's size and placement and only the person-to-person variation (and the difference
// between ICT's average face and ours) remains.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/eval/rng.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

/// The identity modes of ICT-FaceKit, sampled at our template's vertices.
struct IctIdentityBasis {
    /// #V by 3 (template model space, cm): ICT's generic neutral at the corresponding points,
    /// minus the template neutral. An "ICT average" person is S0 + offset.
    core::MatrixX3fR offset;
    /// K modes, each #V by 3 (template model space, cm): identity_k − neutral at the
    /// corresponding points.
    std::vector<core::MatrixX3fR> modes;
    float registration_landmark_rms_cm = 0.f;  ///< 68-landmark RMS after the registration
    float registration_surface_cm = 0.f;       ///< mean distance of template vertices to ICT
    float scale = 1.f;                         ///< similarity scale template -> ICT
};

/// The identity archive inside ICT's folder.
constexpr const char* kIctIdentityArchive = "identities_000-079.tar.xz";
constexpr int kIctIdentityModeCount = 80;

/// Where extracted ICT identities are cached: $LIKENESS_CACHE, else $XDG_CACHE_HOME/likeness,
/// else $HOME/.cache/likeness, else the system temporary folder; with "/ict-identities".
std::string default_ict_cache_folder();

/// Extracts identity000.obj ... identityNNN.obj (the first `modes`) from ICT's archive into
/// `cache_folder` unless they are already there, and returns that folder. Uses the system's
/// `tar` (with xz); files appear atomically, so concurrent callers are safe. Throws
/// std::runtime_error naming the archive or the tar message when extraction fails.
std::string extract_ict_identities(const std::string& ict_folder, const std::string& cache_folder,
                                   int modes = kIctIdentityModeCount);

/// Registers the template onto ICT's neutral and samples the first `modes` identity modes (read
/// from `identities_folder`, see extract_ict_identities). Throws face::TemplateError for an
/// incomplete ICT folder, std::runtime_error for a missing identity file.
IctIdentityBasis ict_identity_basis(const face::TemplateRig& rig, const std::string& ict_folder,
                                    const std::string& identities_folder, int modes = 40,
                                    const core::Progress& progress = {});

/// K coefficients c_k ~ N(0, 1), clamped at ±3 (an ICT person).
Eigen::VectorXf random_ict_coefficients(int modes, Rng& rng);

/// Δ0 of the ICT person with coefficients c (#K <= modes): offset + Σ_k c_k modes_k, #V by 3.
core::MatrixX3fR ict_identity(const IctIdentityBasis& basis, const Eigen::VectorXf& coefficients);

}  // namespace likeness::eval

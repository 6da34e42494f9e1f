#pragma once
// Everything synthetic subjects are made from, loaded once: the template rig, real faces
// unwrapped into its UV layout (albedo), real photos cut into backgrounds, and optionally ICT's
// identity modes. Loading takes a few seconds (front end on the demo photos, ICT registration);
// the bench and `likeness synth` load once and make many subjects.
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/eval/ict_identity.hpp"
#include "engine/eval/photo_albedo.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

struct SynthAssetOptions {
    /// ICT-FaceKit folder for ICT identities; empty: none (smooth identities only).
    std::string ict_folder;
    std::string ict_cache_folder;  ///< empty: default_ict_cache_folder()
    int ict_modes = 40;            ///< leading identity modes used (of 80)
    /// Use real photos for albedo and backgrounds (false: template albedo, noise backgrounds,
    /// and a faster start).
    bool photos = true;
    /// Folder of face photos for albedo and backgrounds; empty: the installed demo photos.
    std::string photo_folder;
    int background_max_side = 960;  ///< photos for backgrounds are shrunk to this
};

struct SynthAssets {
    face::TemplateRig rig;
    std::vector<PhotoAlbedo> albedos;        ///< may be empty (template albedo then)
    std::vector<cv::Mat> background_photos;  ///< CV_8UC3 RGB; may be empty (noise then)
    /// Per background photo, its faces (grown boxes, photo px): backgrounds leave them out.
    std::vector<std::vector<cv::Rect>> background_faces;
    std::optional<IctIdentityBasis> ict;
    std::vector<std::string> notes;  ///< what was not available and why, for reports
};

/// Builds the template (throws what build_template_rig throws: io::ModelsNotFound when the model
/// packages are missing). Photos and ICT are optional: their absence or failure is recorded in
/// `notes`, never thrown. core::Cancelled when progress asks to stop.
SynthAssets load_synth_assets(const SynthAssetOptions& options = {},
                              const core::Progress& progress = {});

}  // namespace likeness::eval

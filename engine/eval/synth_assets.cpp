#include "engine/eval/synth_assets.hpp"

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/face/canonical_mesh.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/natural_sort.hpp"
#include "engine/nn/face_landmarker.hpp"

namespace likeness::eval {
namespace {

std::vector<cv::Mat> read_photos(const std::string& folder, int max_side) {
    namespace fs = std::filesystem;
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string ext = entry.path().extension().string();
        if (ext == ".jpg" || ext == ".JPG" || ext == ".jpeg" || ext == ".png")
            paths.push_back(entry.path().string());
    }
    io::natural_sort(paths);
    std::vector<cv::Mat> out;
    for (const std::string& p : paths) {
        cv::Mat bgr = cv::imread(p, cv::IMREAD_COLOR);
        if (bgr.empty()) continue;
        const double s = static_cast<double>(max_side) / std::max(bgr.cols, bgr.rows);
        if (s < 1.0) cv::resize(bgr, bgr, cv::Size(), s, s, cv::INTER_AREA);
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        out.push_back(rgb);
    }
    return out;
}

}  // namespace

SynthAssets load_synth_assets(const SynthAssetOptions& o, const core::Progress& progress) {
    SynthAssets a;
    progress.report(0.0, "building the template");
    a.rig = face::build_template_rig(
        {}, core::Progress([&](double f, const std::string& s) { progress.report(0.3 * f, s); }));
    progress.check();
    if (o.photos) {
        try {
            const io::ModelPaths models = io::find_models();
            const std::string photos =
                o.photo_folder.empty() ? models.demo_images() : o.photo_folder;
            progress.report(0.3, "unwrapping photo albedos");
            nn::FaceLandmarker landmarker(models);
            const core::Mesh canonical = face::read_canonical_mesh(models.mediapipe_face_mesh());
            PhotoAlbedoOptions albedo_options;
            albedo_options.size = a.rig.texture_size;
            a.albedos = photo_albedos(photos, landmarker, canonical, albedo_options);
            a.background_photos = read_photos(photos, o.background_max_side);
            for (const cv::Mat& photo : a.background_photos) {
                std::vector<cv::Rect> faces;
                for (const nn::FaceDetection& d : landmarker.detect(photo)) {
                    // Twice the detector's box: hair, ears and chin go too.
                    const double cx = d.crop.center_x(), cy = d.crop.center_y();
                    const double half = d.crop.width();
                    faces.emplace_back(static_cast<int>(cx - half), static_cast<int>(cy - half),
                                       static_cast<int>(2 * half), static_cast<int>(2 * half));
                }
                a.background_faces.push_back(std::move(faces));
            }
        } catch (const std::exception& e) {
            a.notes.push_back(std::string("photo albedo unavailable (template albedo used): ") +
                              e.what());
        }
    }
    progress.check();
    if (!o.ict_folder.empty()) {
        try {
            progress.report(0.5, "extracting ICT identities");
            const std::string cache = extract_ict_identities(
                o.ict_folder,
                o.ict_cache_folder.empty() ? default_ict_cache_folder() : o.ict_cache_folder,
                o.ict_modes);
            a.ict = ict_identity_basis(a.rig, o.ict_folder, cache, o.ict_modes,
                                       core::Progress([&](double f, const std::string& s) {
                                           progress.report(0.5 + 0.5 * f, s);
                                       }));
        } catch (const core::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            a.notes.push_back(std::string("ICT identities unavailable: ") + e.what());
        }
    }
    progress.report(1.0, "assets ready");
    return a;
}

}  // namespace likeness::eval

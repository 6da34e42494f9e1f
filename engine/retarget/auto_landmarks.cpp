#include "engine/retarget/auto_landmarks.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "engine/core/camera.hpp"
#include "engine/face/landmark_groups.hpp"
#include "engine/render/renderer.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

/// Front-and-above light over a dim ambient term: enough relief for the face detector.
core::ShLighting studio_light() {
    core::ShLighting l;
    for (int c = 0; c < 3; ++c) {
        l.gamma[static_cast<size_t>(9 * c + 0)] =
            0.55f * static_cast<float>(core::sh_constant::sqrt_4pi);
        l.gamma[static_cast<size_t>(9 * c + 1)] = 0.5f;  // y: from above
        l.gamma[static_cast<size_t>(9 * c + 2)] = 1.3f;  // z: from the camera
    }
    return l;
}

struct View {
    const char* name;
    float top_fraction;  ///< the part of the bounding box's height (from the top) to frame
};

/// The covered pixel nearest to (x, y) within `radius`, or (-1, -1).
cv::Point nearest_covered(const cv::Mat& triangle, float x, float y, int radius) {
    const int cx = static_cast<int>(std::lround(x)), cy = static_cast<int>(std::lround(y));
    cv::Point best(-1, -1);
    int best_d = std::numeric_limits<int>::max();
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const int px = cx + dx, py = cy + dy;
            if (px < 0 || py < 0 || px >= triangle.cols || py >= triangle.rows) continue;
            if (triangle.at<int>(py, px) < 0) continue;
            const int d = dx * dx + dy * dy;
            if (d < best_d) {
                best_d = d;
                best = {px, py};
            }
        }
    return best;
}

}  // namespace

bool AutoLandmarkOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (image_size < 128 || image_size > 4096) return fail("image_size must be in [128, 4096]");
    if (!view_rotation.allFinite() ||
        (view_rotation * view_rotation.transpose() - Eigen::Matrix3f::Identity()).norm() > 1e-3f)
        return fail("view_rotation must be a rotation");
    for (int v : template_vertices)
        if (v < 0 || v >= 468) return fail("template_vertices must be FaceMesh points (< 468)");
    if (!(min_face_flag >= 0.f && min_face_flag <= 1.f))
        return fail("min_face_flag must be in [0, 1]");
    return true;
}

AutoLandmarks find_landmarks(const core::BlendshapeRig& character, nn::FaceLandmarker& landmarker,
                             const AutoLandmarkOptions& options, const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw RetargetError("automatic landmarks: " + why);
    std::vector<int> wanted = options.template_vertices;
    if (wanted.empty()) {
        const std::vector<int>& ibug = face::ibug68_landmarks();
        wanted.assign(ibug.begin() + 17, ibug.end());
    }

    // The character turned towards the camera, with UVs and an albedo the renderer can sample.
    core::Mesh mesh = character.neutral;
    mesh.V = (character.neutral.V * options.view_rotation.transpose()).eval();
    cv::Mat albedo = character.albedo;
    if (mesh.UV.rows() != mesh.V.rows() || albedo.empty()) {
        mesh.UV = core::MatrixX2fR::Constant(mesh.V.rows(), 2, 0.5f);
        albedo = cv::Mat(1, 1, CV_32FC3, cv::Scalar(0.82, 0.62, 0.52));  // RGB skin tone
    }
    const core::Bounds box = core::bounds(mesh);
    if (box.empty() || !(box.diagonal() > 0.f))
        throw RetargetError("the character mesh is empty or flat; landmarks cannot be found");

    const int size = options.image_size;
    const float focal = 2.f * size;  // a 28-degree view: little perspective
    render::Rendering rendering;
    render::RenderOptions ro;
    ro.culling = render::FaceCulling::None;
    ro.background = cv::Vec3f(0.1f, 0.1f, 0.12f);
    for (const View& view : {View{"whole", 1.f}, View{"top 40%", 0.4f}, View{"top 20%", 0.2f}}) {
        progress.check();
        const Eigen::Vector3f extent = box.max - box.min;
        const float top = box.max.y(), height = view.top_fraction * extent.y();
        const Eigen::Vector3f centre(box.center().x(), top - 0.5f * height, box.center().z());
        const float half = 0.5f * std::max(extent.x(), height) * 1.1f;
        const float distance = focal * half / (0.5f * size);
        render::Scene scene;
        scene.mesh = &mesh;
        scene.albedo_uv = &albedo;
        scene.camera = core::Camera::centered(size, size, focal);
        scene.pose.rotation.setZero();
        scene.pose.translation_cm =
            Eigen::Vector3f(-centre.x(), -centre.y(), -(box.max.z() + distance));
        ro.near_cm = std::max(0.01f, 0.01f * distance);
        scene.lighting = studio_light();
        render::render(scene, ro, &rendering);
        cv::Mat rgb8;
        rendering.colour.convertTo(rgb8, CV_8UC3, 255.0);
        progress.report(0.3, std::string("looking for the face (") + view.name + ")");

        const std::optional<nn::FrameLandmarks> found = landmarker.find_face(rgb8);
        if (!found || found->face_flag < options.min_face_flag) continue;

        AutoLandmarks out;
        out.image = rgb8;
        out.face_flag = found->face_flag;
        out.view = view.name;
        out.image_points.resize(static_cast<Eigen::Index>(wanted.size()), 2);
        for (size_t k = 0; k < wanted.size(); ++k) {
            const float x = found->mesh(wanted[k], 0), y = found->mesh(wanted[k], 1);
            const cv::Point p = nearest_covered(rendering.triangle, x, y, 4);
            if (p.x < 0) continue;  // a point off the character (hair, background)
            const int f = rendering.triangle.at<int>(p.y, p.x);
            const cv::Vec3f b = rendering.barycentric.at<cv::Vec3f>(p.y, p.x);
            int corner = 0;
            for (int c = 1; c < 3; ++c)
                if (b[c] > b[corner]) corner = c;
            out.pairs.push_back({wanted[k], character.neutral.F(f, corner)});
            out.image_points.row(static_cast<Eigen::Index>(out.pairs.size() - 1)) << x, y;
        }
        out.image_points.conservativeResize(static_cast<Eigen::Index>(out.pairs.size()), 2);
        if (out.pairs.size() < wanted.size() / 2) continue;
        progress.report(1.0, "landmarks found");
        return out;
    }
    throw RetargetError(
        "no face was found on a frontal rendering of the character. It may face another "
        "direction than +z with +y up (turn it with the view rotation), or not look human "
        "enough for the detector: give landmark pairs instead");
}

}  // namespace likeness::retarget

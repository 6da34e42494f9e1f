// Issue #10's "done when", end to end: a personal session made by `likeness personalize` from a
// short clip of a real face, exported by `likeness export` as .glb and .fbx, imported by
// Blender headless — 52 shape keys by ARKit name, an fcurve on each over exactly the take's
// frames at its rate, and the basis is the personal neutral S0 + F(Δ0^S), not the template's S0.
// Skips with a message when Blender or the model packages are absent.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/fit/session_file.hpp"
#include "tests/blender/blender_import.hpp"
#include "tests/cli/face_clip.hpp"
#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

using nlohmann::json;
using test::cli_path;
using test::run_command;

/// RMS distance (cm) between `model_cm` (#V by 3) and `blender` (Blender's basis, x y z per
/// vertex, in whatever unit and axes the importer chose) after the best similarity transform:
/// how far the imported neutral is from `model_cm` in shape, independent of units and axes.
double shape_distance_cm(const json& blender, const core::MatrixX3fR& model_cm) {
    const std::vector<double> flat = blender.get<std::vector<double>>();
    const Eigen::Index n = model_cm.rows();
    EXPECT_EQ(static_cast<Eigen::Index>(flat.size()), 3 * n);
    if (static_cast<Eigen::Index>(flat.size()) != 3 * n) return -1.0;
    // Dynamic sizes: GCC 12 warns about Eigen's AVX-512 path for umeyama's fixed 3-vectors.
    const Eigen::MatrixXd src = Eigen::Map<const Eigen::MatrixXd>(flat.data(), 3, n);
    const Eigen::MatrixXd dst = model_cm.cast<double>().transpose();
    const Eigen::MatrixXd T = Eigen::umeyama(src, dst, true);
    const Eigen::MatrixXd moved =
        (T.topLeftCorner(3, 3) * src).colwise() + T.topRightCorner(3, 1).col(0);
    return std::sqrt((moved - dst).colwise().squaredNorm().mean());
}

TEST(BlenderPersonalRig, GlbAndFbxOfASessionHaveItsShapesTakeAndNeutral) {
    if (!test::blender_installed()) GTEST_SKIP() << test::blender_missing_message();
    std::string why;
    const std::optional<cv::Mat> face = test::demo_face(&why);
    if (!face) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("blender_personal_rig");

    test::FaceClip clip;
    clip.frames = 8;
    clip.fps = 25.0;
    clip.gap_frame = 5;  // a frame without a face still gets keys (the last expression held)
    test::write_face_clip(dir + "/clip.avi", *face, clip);
    const std::string session_path = dir + "/person.likeness";
    auto r = run_command(cli_path() + " personalize " + dir + "/clip.avi --out " + session_path +
                         " --quick --frames 2");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fit::Session session = fit::read_session(session_path);
    ASSERT_TRUE(session.has_model());
    const int frames = session.take.frame_count();
    ASSERT_EQ(frames, clip.frames);
    ASSERT_DOUBLE_EQ(session.take.fps, clip.fps);
    const std::vector<std::string>& names = session.model.shape_names;
    ASSERT_EQ(names.size(), 52u);
    const core::MatrixX3fR& template_neutral = session.model.neutral.V;  // S0
    const core::MatrixX3fR personal_neutral = template_neutral + session.model.identity_offset;

    for (const std::string format : {"glb", "fbx"}) {
        SCOPED_TRACE(format);
        const std::string file = dir + "/person." + format;
        r = run_command(cli_path() + " export " + session_path + " --format " + format + " --out " +
                        file);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const bool gltf = format == "glb";
        // glTF keys are seconds, keyed by Blender at the scene rate (set to the take's first);
        // FBX carries its rate, and Blender's FBX import starts keys at frame 1.
        const json report =
            test::blender_report(file, dir, gltf ? std::optional<double>(clip.fps) : std::nullopt);
        ASSERT_TRUE(report.is_object());
        EXPECT_NEAR(report.at("scene_fps").get<double>(), clip.fps, 1e-6);
        test::expect_named_shape_keys(report, names);
        test::expect_shape_key_fcurves(report, names, frames, gltf ? 0.0 : 1.0);
        EXPECT_GE(test::transform_fcurves(report, frames), 6);  // the head pose

        const json& basis = report.at("meshes").at(0).at("basis");
        const double to_personal = shape_distance_cm(basis, personal_neutral);
        const double to_template = shape_distance_cm(basis, template_neutral);
        std::cout << format << " basis: " << to_personal << " cm from the personal neutral, "
                  << to_template << " cm from the template's (after a similarity)\n";
        EXPECT_LT(to_personal, 1e-3);
        EXPECT_GT(to_template, 10.0 * to_personal + 1e-3);
    }
}

}  // namespace
}  // namespace likeness

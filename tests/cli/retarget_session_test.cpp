// End-to-end: `likeness retarget` takes its take from a session (.likeness) and drives another
// person's session — their personal model, not the template — and says what is missing when a
// session lacks the take or the model, or cannot be read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/fit/session_file.hpp"
#include "engine/io/blendshape_import.hpp"
#include "tests/cli/session_fixture.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

using nlohmann::json;
using test::cli_path;
using test::run_command;

TEST(CliRetargetSession, TakeOfOneSessionDrivesAnotherPersonsModel) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("cli_retarget_session");
    test::SessionParts a;  // performer: a take and a model
    a.identity_z_cm = 0.5f;
    const fit::Session performer = test::synthetic_session(*rig, a);
    fit::write_session(performer, dir + "/a.likeness");
    test::SessionParts b;  // target: a model only
    b.identity_z_cm = -0.8f;
    b.take_seconds = 0.0;
    fit::write_session(test::synthetic_session(*rig, b), dir + "/b.likeness");

    const auto r = run_command(cli_path() + " retarget --take " + dir + "/a.likeness --to " + dir +
                               "/b.likeness --out " + dir + "/b.glb --json " + dir + "/r.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir + "/r.json");
    const json report = json::parse(in);
    EXPECT_EQ(report.at("mapped_channels"), 52);
    EXPECT_TRUE(report.at("unmatched_channels").empty());
    EXPECT_EQ(report.at("take").at("frames"), performer.take.frame_count());
    EXPECT_EQ(report.at("take").at("fps"), 30.0);
    EXPECT_EQ(report.at("character").at("format"), "session");
    EXPECT_EQ(report.at("character").at("name"), "b");
    EXPECT_EQ(report.at("character").at("vertices"), performer.model.vertex_count());

    const io::ImportedBlendshapeRig back = io::import_blendshape_rig(dir + "/b.glb");
    EXPECT_EQ(back.rig.shape_count(), 52);
    ASSERT_FALSE(back.animations.empty());
    // B's neutral (S0 moved -0.8 cm along z; glTF metres), not A's and not the template's.
    const float moved_cm =
        100.f * back.rig.neutral.V.col(2).mean() - performer.model.neutral.V.col(2).mean();
    EXPECT_NEAR(moved_cm, -0.8f, 1e-3f);
}

TEST(CliRetargetSession, TransferCarriesThePerformersPersonalShapes) {
    const auto ict = test::shared_file("data/ict-facekit");
    if (!ict) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("cli_retarget_session_transfer");
    fit::write_session(test::synthetic_session(*rig, {}), dir + "/a.likeness");
    const auto r = run_command(cli_path() + " retarget --take " + dir + "/a.likeness --to " +
                               *ict + " --transfer --landmarks " + *ict +
                               "/vertex_indices.json --no-texture --out " + dir +
                               "/ict.glb --json " + dir + "/r.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir + "/r.json");
    const json report = json::parse(in);
    EXPECT_EQ(report.at("mapped_channels"), 52);
    EXPECT_EQ(report.at("transfer").at("channels"), json::array({"tongueOut"}));
    EXPECT_EQ(report.at("transfer").at("source"), "personal model of " + dir + "/a.likeness");
}

TEST(CliRetargetSession, MissingPartsAndUnreadableSessionsAreReported) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("cli_retarget_session_bad");
    test::SessionParts no_take;
    no_take.take_seconds = 0.0;
    fit::write_session(test::synthetic_session(*rig, no_take), dir + "/no_take.likeness");
    test::SessionParts no_model;
    no_model.model = false;
    fit::write_session(test::synthetic_session(*rig, no_model), dir + "/no_model.likeness");
    test::damaged_copy(dir + "/no_model.likeness", dir + "/truncated.likeness", 30, -1);
    std::ofstream(dir + "/junk.likeness") << "not a session";

    struct Case {
        std::string take, to, needle;
    };
    const Case cases[] = {
        {"no_take.likeness", "template", "holds no take"},
        {"no_model.likeness", "no_model.likeness", "holds no personal model"},
        {"truncated.likeness", "template", "truncated"},
        {"junk.likeness", "template", "not a Likeness project file"},
        {"missing.likeness", "template", "cannot open the project file"},
    };
    for (const Case& c : cases) {
        const std::string to = c.to == "template" ? c.to : dir + "/" + c.to;
        const auto r = run_command(cli_path() + " retarget --take " + dir + "/" + c.take +
                                   " --to " + to + " --out " + dir + "/o.glb");
        EXPECT_EQ(r.exit_code, 2) << c.take << ": " << r.err;
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << c.take << ": " << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir + "/o.glb")) << c.take;
    }
}

}  // namespace
}  // namespace likeness

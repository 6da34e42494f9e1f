// End-to-end: `likeness export` writes every format from the template, take files and sessions,
// and reports bad input (a session without the part a format needs, damaged project files) with
// exit codes and messages a user can act on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/eval/synthetic_take.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/io/blendshape_import.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/take_json.hpp"
#include "tests/cli/session_fixture.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

namespace fs = std::filesystem;
using test::cli_path;
using test::run_command;

bool models_installed(std::string* why) {
    try {
        io::find_models();
        return true;
    } catch (const io::ModelsNotFound& e) {
        *why = e.what();
        return false;
    }
}

std::string write_take(const std::string& dir, double seconds) {
    eval::SyntheticTakeOptions o;
    o.seconds = seconds;
    o.fps = 30.0;
    io::write_take_json(eval::synthetic_take(o), dir + "/take.json");
    return dir + "/take.json";
}

TEST(CliExport, TemplateWithATakeToGlbFbxGltfAndObj) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_export_rig");
    const std::string take = write_take(dir, 1.0);
    for (const char* format : {"glb", "fbx", "gltf"}) {
        const std::string out = dir + "/face." + format;
        const auto r = run_command(cli_path() + " export template --format " + format + " --out " +
                                   out + " --take " + take);
        ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
        EXPECT_NE(r.out.find("52 shapes"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("30 frames at 30 fps"), std::string::npos) << r.out;
        const io::ImportedBlendshapeRig back = io::import_blendshape_rig(out);
        EXPECT_EQ(back.rig.shape_count(), 52) << format;
        ASSERT_FALSE(back.animations.empty()) << format;
    }
    const auto r = run_command(cli_path() + " export template --format obj --out " + dir + "/obj");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir + "/obj/template.obj"));
    EXPECT_TRUE(fs::exists(dir + "/obj/shapes/tongueOut.obj"));
}

TEST(CliExport, TakeFileToCsvAndJson) {
    const std::string dir = test::scratch_dir("cli_export_take");
    const std::string take = write_take(dir, 2.0);
    auto r = run_command(cli_path() + " export " + take + " --format csv --out " + dir + "/t.csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream csv(dir + "/t.csv");
    int lines = 0;
    for (std::string line; std::getline(csv, line);)
        ++lines;
    EXPECT_EQ(lines, 1 + 60);
    r = run_command(cli_path() + " export " + take + " --format json --out " + dir + "/copy.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(io::read_take_json(dir + "/copy.json").frame_count(), 60);
}

TEST(CliExport, UsageErrorsExitOne) {
    for (const char* args :
         {"export", "export template --out x.glb", "export template --format xyz --out x",
          "export template --format glb", "export a b --format glb --out x",
          "export template --format glb --out x.glb --head sideways",
          "export template --format glb --out x.glb --demo-take -3"}) {
        const auto r = run_command(cli_path() + " " + args);
        EXPECT_EQ(r.exit_code, 1) << args << ": " << r.err;
        EXPECT_NE(r.err.find("Usage"), std::string::npos) << r.err;
    }
}

TEST(CliExport, BadInputExitsTwoWithAMessage) {
    const std::string dir = test::scratch_dir("cli_export_bad");
    const std::string take = write_take(dir, 0.5);
    struct Case {
        std::string args, needle;
    };
    const Case cases[] = {
        {"export session.likeness --format glb --out x.glb", "cannot open the project file"},
        {"export " + take + " --format fbx --out x.fbx", "needs a rig"},
        {"export template --format csv --out x.csv", "writes a take"},
        {"export " + dir + "/missing.json --format csv --out x.csv", "cannot open"},
        {"export " + take + " --format csv --out " + dir + "/no/such/folder/t.csv",
         "does not exist"},
        {"export video.mp4 --format csv --out x.csv", "INPUT must be"},
    };
    for (const Case& c : cases) {
        const auto r = run_command(cli_path() + " " + c.args);
        EXPECT_EQ(r.exit_code, 2) << c.args << ": " << r.err;
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << c.args << ": " << r.err;
    }
}

TEST(CliExport, SessionRigCarriesTheIdentityCorrection) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("cli_export_session");
    const fit::Session s = test::synthetic_session(*rig, {});
    fit::write_session(s, dir + "/s.likeness");
    const auto r = run_command(cli_path() + " export " + dir + "/s.likeness --format glb --out " +
                               dir + "/s.glb");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("52 shapes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("30 frames at 30 fps"), std::string::npos) << r.out;
    const io::ImportedBlendshapeRig back = io::import_blendshape_rig(dir + "/s.glb");
    ASSERT_EQ(back.rig.vertex_count(), s.model.vertex_count());
    // glTF is in metres; the personal neutral is S0 moved 0.5 cm along z.
    const float moved_cm =
        100.f * back.rig.neutral.V.col(2).mean() - s.model.neutral.V.col(2).mean();
    EXPECT_NEAR(moved_cm, 0.5f, 1e-3f);
}

TEST(CliExport, SessionWithoutTheNeededPartOrDamagedIsReported) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("cli_export_session_bad");
    test::SessionParts no_take;
    no_take.take_seconds = 0.0;
    fit::write_session(test::synthetic_session(*rig, no_take), dir + "/no_take.likeness");
    test::SessionParts no_model;
    no_model.model = false;
    fit::write_session(test::synthetic_session(*rig, no_model), dir + "/no_model.likeness");
    const std::string whole = dir + "/whole.likeness";
    fit::write_session(test::synthetic_session(*rig, {}), whole);
    test::damaged_copy(whole, dir + "/truncated.likeness", 100, -1);
    test::damaged_copy(whole, dir + "/damaged.likeness", 0,
                       static_cast<long>(fs::file_size(whole) / 2));
    std::ofstream(dir + "/junk.likeness") << "not a session";

    struct Case {
        std::string input, format, needle;
    };
    const Case cases[] = {
        {"no_take", "csv", "holds no take"},
        {"no_take", "json", "likeness track"},  // says how to make one
        {"no_model", "fbx", "holds no personal model"},
        {"truncated", "glb", "truncated"},
        {"damaged", "glb", "damaged"},
        {"junk", "csv", "not a Likeness project file"},
    };
    for (const Case& c : cases) {
        const auto r =
            run_command(cli_path() + " export " + dir + "/" + c.input + ".likeness --format " +
                        c.format + " --out " + dir + "/x." + c.format);
        EXPECT_EQ(r.exit_code, 2) << c.input << ": " << r.err;
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << c.input << ": " << r.err;
        EXPECT_FALSE(fs::exists(dir + "/x." + c.format)) << c.input;
    }
    // A rig exports without its take (with a note); a take exports without a rig.
    auto r = run_command(cli_path() + " export " + dir + "/no_take.likeness --format glb --out " +
                         dir + "/rig.glb");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("holds no take"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("frames"), std::string::npos) << r.out;
    r = run_command(cli_path() + " export " + dir + "/no_model.likeness --format csv --out " + dir +
                    "/take.csv");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("30 frames"), std::string::npos) << r.out;
}

TEST(CliExport, HelpMentionsSessions) {
    const auto r = run_command(cli_path() + " export --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(".likeness"), std::string::npos);
    EXPECT_NE(r.out.find("--format"), std::string::npos);
}

}  // namespace
}  // namespace likeness

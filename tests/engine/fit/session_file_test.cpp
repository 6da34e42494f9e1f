// The project file: a session survives a round trip bit for bit where it matters, and damaged
// files (truncated, corrupted, not ours, missing chunks) are refused with a message naming the
// problem instead of loading as garbage.
#include "engine/fit/session_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::fit {
namespace {

Session small_session(const face::TemplateRig& rig) {
    Session s;
    s.input = "clip.mp4";
    s.width = 320;
    s.height = 240;
    s.fps = 25.0;
    s.camera = core::Camera::centered(320, 240, 300.f);
    s.ablation = Ablation::D;
    s.model_frames = {0, 4, 9};
    s.neutral_frame = 4;
    s.template_spec = "ict:/data/ict-facekit";
    StageReport r;
    r.name = "stage 2";
    r.photometric = 0.031;
    r.landmark_px = 1.2;
    s.stages.push_back(r);
    s.model = face::personal_model_from_template(rig, 64);
    s.model.identity_shape.at<cv::Vec3f>(60, 64) = cv::Vec3f(0.1f, -0.2f, 0.3f);
    s.model.shape_corrections[17].at<cv::Vec3f>(30, 64) = cv::Vec3f(0.f, -0.4f, 0.f);
    s.model.dynamic_albedo[23].at<cv::Vec3f>(70, 50) = cv::Vec3f(0.05f, 0.f, -0.02f);
    s.model.refresh();
    s.take.fps = 25.0;
    for (int i = 0; i < 12; ++i) {
        core::TakeFrame f;
        f.weights[17] = 0.05f * i;
        f.head_rotation = Eigen::Vector3f(0.01f * i, 0.f, 0.f);
        f.has_face = i != 5;
        s.take.frames.push_back(f);
        FrameFit ff;
        ff.has_face = f.has_face;
        ff.lighting.gamma[3] = 0.1f * i;
        ff.photometric = 0.02f;
        ff.iterations = 3;
        s.frames.push_back(ff);
    }
    return s;
}

std::vector<char> bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
}
void write_bytes(const std::string& path, const std::vector<char>& b) {
    std::ofstream(path, std::ios::binary).write(b.data(), static_cast<std::streamsize>(b.size()));
}

TEST(SessionFile, RoundTrip) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("session_round_trip");
    const Session s = small_session(*rig);
    const std::string path = dir + "/s.likeness";
    const uint64_t bytes = write_session(s, path);
    EXPECT_EQ(bytes, std::filesystem::file_size(path));
    const Session r = read_session(path);
    EXPECT_EQ(r.input, s.input);
    EXPECT_EQ(r.width, 320);
    EXPECT_EQ(r.ablation, Ablation::D);
    EXPECT_EQ(r.model_frames, s.model_frames);
    EXPECT_EQ(r.neutral_frame, 4);
    EXPECT_EQ(r.template_spec, s.template_spec);
    EXPECT_FLOAT_EQ(r.camera.focal_px, 300.f);
    ASSERT_EQ(r.stages.size(), 1u);
    EXPECT_NEAR(r.stages[0].photometric, 0.031, 1e-12);
    ASSERT_EQ(r.take.frame_count(), 12);
    EXPECT_FALSE(r.take.frames[5].has_face);
    EXPECT_FLOAT_EQ(r.take.frames[7].weights[17], 0.35f);
    EXPECT_FLOAT_EQ(r.frames[4].lighting.gamma[3], 0.4f);
    // The model evaluates the same (eq. 1 and eq. 2) without the template.
    Eigen::VectorXf w = Eigen::VectorXf::Zero(s.model.shape_count());
    w[17] = 0.7f;
    w[23] = 0.5f;
    EXPECT_EQ(r.model.shape(w), s.model.shape(w));
    EXPECT_EQ(cv::norm(r.model.albedo(w), s.model.albedo(w), cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::norm(r.model.parsing, s.model.parsing, cv::NORM_INF), 0.0);
}

TEST(SessionFile, RefusesDamagedFiles) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("session_damaged");
    const std::string path = dir + "/s.likeness";
    write_session(small_session(*rig), path);
    const std::vector<char> good = bytes_of(path);
    auto expect_error = [&](const std::vector<char>& bytes, const std::string& needle) {
        write_bytes(dir + "/bad.likeness", bytes);
        try {
            read_session(dir + "/bad.likeness");
            ADD_FAILURE() << "read a damaged file (" << needle << ")";
        } catch (const SessionFileError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    // A copy cut short anywhere (a crash while copying; our own writes are atomic).
    for (size_t cut : {size_t{10}, size_t{100}, good.size() / 2, good.size() - 3})
        expect_error(std::vector<char>(good.begin(), good.begin() + static_cast<long>(cut)),
                     cut < 16 ? "not a Likeness project file" : "truncated");
    // A flipped byte inside a chunk.
    std::vector<char> flipped = good;
    flipped[good.size() / 3] ^= 0x40;
    expect_error(flipped, "checksum");
    expect_error(std::vector<char>{'h', 'e', 'l', 'l', 'o'}, "not a Likeness project file");
    EXPECT_THROW(read_session(dir + "/missing.likeness"), SessionFileError);
}

TEST(SessionFile, SkipsUnknownChunksAndNamesMissingOnes) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("session_chunks");
    Session s = small_session(*rig);
    s.model = face::PersonalModel();  // a session without a model: no MODL/MAPS chunks
    const std::string path = dir + "/s.likeness";
    write_session(s, path);
    std::vector<char> b = bytes_of(path);
    // Insert a chunk from a "newer version" right after the header.
    std::vector<char> extra = {'N', 'E', 'W', '!', 3, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c'};
    const uint32_t crc = 0x352441C2u;  // CRC-32 of "abc"
    for (int k = 0; k < 4; ++k)
        extra.push_back(static_cast<char>((crc >> (8 * k)) & 0xFF));
    b.insert(b.begin() + 16, extra.begin(), extra.end());
    write_bytes(dir + "/newer.likeness", b);
    const Session r = read_session(dir + "/newer.likeness");
    EXPECT_FALSE(r.has_model());
    EXPECT_EQ(r.take.frame_count(), 12);
    // Drop the TAKE chunk: the error names it.
    const std::vector<char> good = bytes_of(path);
    const std::string text(good.begin(), good.end());
    const size_t at = text.find("TAKE");
    ASSERT_NE(at, std::string::npos);
    uint64_t len;
    std::memcpy(&len, good.data() + at + 4, 8);
    std::vector<char> cut(good.begin(), good.begin() + static_cast<long>(at));
    cut.insert(cut.end(), good.begin() + static_cast<long>(at + 12 + len + 4), good.end());
    write_bytes(dir + "/notake.likeness", cut);
    try {
        read_session(dir + "/notake.likeness");
        ADD_FAILURE() << "read a file without a take";
    } catch (const SessionFileError& e) {
        EXPECT_NE(std::string(e.what()).find("TAKE"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace likeness::fit

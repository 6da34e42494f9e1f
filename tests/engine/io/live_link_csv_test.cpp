#include "engine/io/live_link_csv.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/core/progress.hpp"
#include "engine/eval/synthetic_take.hpp"
#include "engine/io/export_error.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');)
        cells.push_back(cell);
    return cells;
}

TEST(LiveLinkCsv, HeaderHasTheAppsColumnsInApplesOrder) {
    const auto h = split(live_link_csv_header());
    ASSERT_EQ(h.size(), 2u + 52u + 9u);
    EXPECT_EQ(h[0], "Timecode");
    EXPECT_EQ(h[1], "BlendShapeCount");
    EXPECT_EQ(h[2], "EyeBlinkLeft");
    EXPECT_EQ(h[2 + 17], "JawOpen");
    EXPECT_EQ(h[2 + 51], "TongueOut");
    EXPECT_EQ(h[54], "HeadYaw");
    EXPECT_EQ(h[55], "HeadPitch");
    EXPECT_EQ(h[56], "HeadRoll");
    EXPECT_EQ(h[57], "LeftEyeYaw");
    EXPECT_EQ(h[62], "RightEyeRoll");
}

TEST(LiveLinkCsv, TimecodeCountsFramesWithinTheSecond) {
    EXPECT_EQ(live_link_timecode(0, 60.0), "00:00:00:00.000");
    EXPECT_EQ(live_link_timecode(59, 60.0), "00:00:00:59.000");
    EXPECT_EQ(live_link_timecode(60, 60.0), "00:00:01:00.000");
    EXPECT_EQ(live_link_timecode(3600 * 30 + 61 * 30 + 7, 29.97), "01:01:01:07.000");
}

TEST(LiveLinkCsv, RowsHoldTheWeightsAndTheHeadAngles) {
    const std::string dir = test::scratch_dir("live_link_csv");
    eval::SyntheticTakeOptions o;
    o.seconds = 1.0;
    o.fps = 60.0;
    o.dropout_every = 20;
    o.dropout_length = 3;
    const core::Take take = eval::synthetic_take(o);
    write_live_link_csv(take, dir + "/t.csv");
    std::ifstream in(dir + "/t.csv");
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, live_link_csv_header());
    const core::HeldFrames held(take);
    int rows = 0;
    while (std::getline(in, line)) {
        const auto cells = split(line);
        ASSERT_EQ(cells.size(), 63u) << line;
        EXPECT_EQ(cells[0], live_link_timecode(rows, 60.0));
        EXPECT_EQ(cells[1], "61");
        const core::TakeFrame& f = held[rows];
        for (int k = 0; k < 52; ++k)
            EXPECT_NEAR(std::stof(cells[static_cast<size_t>(2 + k)]),
                        f.weights[static_cast<size_t>(k)], 1e-5f);
        const Eigen::Vector3f ypr = core::yaw_pitch_roll(f.head_rotation);
        EXPECT_NEAR(std::stof(cells[54]), ypr[0], 1e-5f);
        EXPECT_NEAR(std::stof(cells[55]), ypr[1], 1e-5f);
        const Eigen::Vector3f eye = core::yaw_pitch_roll(f.eye_rotation_left);
        EXPECT_NEAR(std::stof(cells[57]), eye[0], 1e-5f);
        ++rows;
    }
    EXPECT_EQ(rows, take.frame_count());
}

TEST(LiveLinkCsv, CancelLeavesNoFile) {
    const std::string dir = test::scratch_dir("live_link_cancel");
    std::atomic<bool> stop{true};
    const core::Take take = eval::synthetic_take();
    EXPECT_THROW(write_live_link_csv(take, dir + "/t.csv", core::Progress({}, &stop)),
                 core::Cancelled);
    EXPECT_FALSE(std::ifstream(dir + "/t.csv").good());
}

}  // namespace
}  // namespace likeness::io

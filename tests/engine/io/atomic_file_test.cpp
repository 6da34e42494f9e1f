#include "engine/io/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/io/export_error.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int files_in(const std::string& dir) {
    return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, CommitReplacesTheFileAndLeavesNoTemporary) {
    const std::string dir = test::scratch_dir("atomic_commit");
    const std::string path = dir + "/out.txt";
    std::ofstream(path) << "old";
    {
        AtomicFile f(path);
        f.write("new contents");
        EXPECT_EQ(slurp(path), "old");  // readers see the old file until commit
        f.commit();
    }
    EXPECT_EQ(slurp(path), "new contents");
    EXPECT_EQ(files_in(dir), 1);
}

TEST(AtomicFile, AnAbandonedFileLeavesTheOldOneAndNoTemporary) {
    const std::string dir = test::scratch_dir("atomic_abandon");
    const std::string path = dir + "/out.txt";
    std::ofstream(path) << "old";
    try {
        AtomicFile f(path);
        f.write("half");
        throw std::runtime_error("cancelled");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(slurp(path), "old");
    EXPECT_EQ(files_in(dir), 1);
}

TEST(AtomicFile, PatchRewritesBytesBothInTheBufferAndOnDisk) {
    const std::string dir = test::scratch_dir("atomic_patch");
    const std::string path = dir + "/out.bin";
    AtomicFile f(path);
    f.write("abcd");
    const std::string big(3 << 20, 'x');  // pushes "abcd" out of the 1 MiB buffer
    f.write(big);
    f.write("wxyz");
    f.patch(1, "BC", 2);
    f.patch(f.tell() - 3, "XY", 2);
    EXPECT_EQ(f.tell(), 8u + big.size());
    f.commit();
    const std::string got = slurp(path);
    EXPECT_EQ(got.substr(0, 4), "aBCd");
    EXPECT_EQ(got.substr(got.size() - 4), "wXYz");
}

TEST(AtomicFile, BadPathsGiveMessagesAUserCanActOn) {
    const std::string dir = test::scratch_dir("atomic_bad");
    try {
        AtomicFile f(dir + "/missing/out.glb");
        FAIL() << "no error for a missing folder";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
    }
    try {
        AtomicFile f(dir);
        FAIL() << "no error for a folder";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("is a folder"), std::string::npos) << e.what();
    }
    EXPECT_THROW(AtomicFile(""), ExportError);
}

TEST(AtomicFile, EnsureFolderCreatesParentsAndRefusesAFile) {
    const std::string dir = test::scratch_dir("atomic_folder");
    ensure_folder(dir + "/a/b/c");
    EXPECT_TRUE(fs::is_directory(dir + "/a/b/c"));
    std::ofstream(dir + "/file") << "x";
    EXPECT_THROW(ensure_folder(dir + "/file"), ExportError);
}

}  // namespace
}  // namespace likeness::io

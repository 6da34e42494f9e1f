#pragma once
// Where tests find optional shared data, scratch space and the CLI binary.
#include <optional>
#include <string>

namespace likeness::test {

/// ../shared next to the checkout, or nullopt (tests then GTEST_SKIP with the path).
std::optional<std::string> shared_dir();
/// shared_dir()/relative when that file or folder exists, else nullopt.
std::optional<std::string> shared_file(const std::string& relative);
/// The message a test skips with when shared data is missing.
std::string missing_shared_message(const std::string& relative);
/// A fresh, empty scratch folder for one test (created below the build tree).
std::string scratch_dir(const std::string& test_name);
/// Path of the built `likeness` CLI.
std::string cli_path();

/// Runs a shell command; returns its exit code and captures stdout and stderr.
struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};
CommandResult run_command(const std::string& command);

}  // namespace likeness::test

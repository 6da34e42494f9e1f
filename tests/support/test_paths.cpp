#include "tests/support/test_paths.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace likeness::test {
namespace fs = std::filesystem;

std::optional<std::string> shared_dir() {
    if (const char* env = std::getenv("LIKENESS_SHARED"); env && fs::is_directory(env))
        return std::string(env);
    if (fs::is_directory(LIKENESS_SHARED_DIR)) return fs::canonical(LIKENESS_SHARED_DIR).string();
    return std::nullopt;
}

std::optional<std::string> shared_file(const std::string& relative) {
    const auto dir = shared_dir();
    if (!dir) return std::nullopt;
    const fs::path p = fs::path(*dir) / relative;
    if (!fs::exists(p)) return std::nullopt;
    return p.string();
}

std::string missing_shared_message(const std::string& relative) {
    return "shared test data '" + relative +
           "' not found (looked in " LIKENESS_SHARED_DIR " and $LIKENESS_SHARED); skipping";
}

std::string scratch_dir(const std::string& test_name) {
    // ctest runs tests of one fixture in parallel processes, so each process gets its own
    // folder <name>/<pid>; folders left by processes that have ended are removed.
    const fs::path parent = fs::path(LIKENESS_TEST_TMP) / test_name;
    std::error_code ec;
    if (fs::is_directory(parent, ec)) {
        for (const auto& entry : fs::directory_iterator(parent, ec)) {
            const std::string name = entry.path().filename().string();
            char* end = nullptr;
            const long pid = std::strtol(name.c_str(), &end, 10);
            const bool ended = end && *end == '\0' && pid > 0 &&
                               ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
            if (ended || !entry.is_directory(ec)) fs::remove_all(entry.path(), ec);
        }
    }
    const fs::path dir = parent / std::to_string(::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

std::string cli_path() {
    return LIKENESS_CLI_PATH;
}

CommandResult run_command(const std::string& command) {
    static int counter = 0;
    const fs::path dir = fs::path(LIKENESS_TEST_TMP) / "commands";
    fs::create_directories(dir);
    const std::string stem =
        (dir / ("cmd" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
    const std::string full = command + " >" + stem + ".out 2>" + stem + ".err </dev/null";
    const int status = std::system(full.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    auto slurp = [](const std::string& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    result.out = slurp(stem + ".out");
    result.err = slurp(stem + ".err");
    return result;
}

}  // namespace likeness::test

#pragma once
// The `likeness` subcommands. Each returns the process exit code (see ExitCode) and reports
// problems on stderr; results go to stdout or the files named by the user.
#include <string>
#include <vector>

namespace likeness::cli {

enum ExitCode : int { kOk = 0, kUsage = 1, kBadInput = 2 };

struct Command {
    const char* name;
    const char* synopsis;  ///< one line for `likeness --help`
    const char* help;      ///< full text for `likeness NAME --help`
    int (*run)(const std::vector<std::string>& args);
};

/// Every subcommand, in the order `likeness --help` lists them.
const std::vector<Command>& commands();

int run_probe(const std::vector<std::string>& args);
int run_landmarks(const std::vector<std::string>& args);
int run_template(const std::vector<std::string>& args);
int run_personalize(const std::vector<std::string>& args);
int run_track(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_retarget(const std::vector<std::string>& args);
int run_synth(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);

}  // namespace likeness::cli

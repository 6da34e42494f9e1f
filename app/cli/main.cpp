// likeness: the command-line face of the engine. Argument parsing and output only; the work is
// done by likeness_engine.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "app/cli/commands.hpp"
#include "engine/core/version.hpp"

namespace {

using likeness::cli::Command;

void print_usage(std::FILE* out) {
    std::fprintf(out,
                 "Likeness %s: personalized face rigs and motion retargeting from video.\n\n"
                 "Usage: likeness COMMAND [ARGS...]\n"
                 "       likeness COMMAND --help\n\nCommands:\n",
                 likeness::core::version().c_str());
    for (const Command& c : likeness::cli::commands())
        std::fprintf(out, "  %-12s %s\n", c.name, c.synopsis);
    std::fprintf(out,
                 "\nOptions:\n  --help       show this help\n  --version    show the version\n"
                 "\nExit codes: 0 ok, 1 usage error, 2 bad input (the message is on stderr).\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(stderr);
        return likeness::cli::kUsage;
    }
    const std::string& first = args.front();
    if (first == "--help" || first == "-h" || first == "help") {
        print_usage(stdout);
        return likeness::cli::kOk;
    }
    if (first == "--version" || first == "-V") {
        std::printf("likeness %s\n", likeness::core::version().c_str());
        return likeness::cli::kOk;
    }
    for (const Command& c : likeness::cli::commands()) {
        if (first != c.name) continue;
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        for (const std::string& a : rest) {
            if (a == "--help" || a == "-h") {
                std::printf("%s", c.help);
                return likeness::cli::kOk;
            }
        }
        try {
            return c.run(rest);
        } catch (const std::exception& e) {
            // Commands handle their own input errors; anything else is still a clean exit.
            std::fprintf(stderr, "likeness %s: %s\n", c.name, e.what());
            return likeness::cli::kBadInput;
        }
    }
    std::fprintf(stderr, "likeness: unknown command '%s' (see likeness --help)\n", first.c_str());
    return likeness::cli::kUsage;
}

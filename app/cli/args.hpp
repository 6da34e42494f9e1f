#pragma once
// A small command-line parser for the `likeness` subcommands: positionals, --flags and
// --options with a value (`--out X` or `--out=X`).
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace likeness::cli {

/// Thrown for unknown options or missing values; main() turns it into exit code 1.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ArgSpec {
    std::set<std::string> flags;   ///< e.g. "--json"
    std::set<std::string> valued;  ///< e.g. "--out"
    size_t min_positional = 0;
    size_t max_positional = 0;
};

class Args {
  public:
    Args(const std::vector<std::string>& argv, const ArgSpec& spec);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name) const { return flags_.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const;
    /// An integer option; throws UsageError when present but not an integer in [lo, hi].
    std::optional<long long> integer(const std::string& name, long long lo, long long hi) const;
    /// A number option; throws UsageError when present but not a number in [lo, hi].
    std::optional<double> real(const std::string& name, double lo, double hi) const;

  private:
    std::vector<std::string> positional_;
    std::set<std::string> flags_;
    std::map<std::string, std::string> values_;
};

}  // namespace likeness::cli

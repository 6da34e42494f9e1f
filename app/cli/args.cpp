#include "app/cli/args.hpp"

#include <sstream>

namespace likeness::cli {
namespace {

std::string format_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

}  // namespace

Args::Args(const std::vector<std::string>& argv, const ArgSpec& spec) {
    bool only_positional = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
            positional_.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        const size_t eq = a.find('=');
        const std::string name = a.substr(0, eq);
        if (spec.flags.count(name)) {
            if (eq != std::string::npos) throw UsageError(name + " takes no value");
            flags_.insert(name);
        } else if (spec.valued.count(name)) {
            if (eq != std::string::npos) {
                values_[name] = a.substr(eq + 1);
            } else if (i + 1 < argv.size()) {
                values_[name] = argv[++i];
            } else {
                throw UsageError(name + " needs a value");
            }
        } else {
            throw UsageError("unknown option " + name);
        }
    }
    if (positional_.size() < spec.min_positional) throw UsageError("missing argument");
    if (positional_.size() > spec.max_positional)
        throw UsageError("unexpected argument '" + positional_[spec.max_positional] + "'");
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::optional<long long> Args::integer(const std::string& name, long long lo, long long hi) const {
    const std::optional<std::string> text = value(name);
    if (!text) return std::nullopt;
    size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text->size() || v < lo || v > hi)
        throw UsageError(name + " needs a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi) + ", not '" + *text + "'");
    return v;
}

std::optional<double> Args::real(const std::string& name, double lo, double hi) const {
    const std::optional<std::string> text = value(name);
    if (!text) return std::nullopt;
    size_t used = 0;
    double v = 0.0;
    try {
        v = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text->size() || !(v >= lo && v <= hi))
        throw UsageError(name + " needs a number from " + format_number(lo) + " to " +
                         format_number(hi) + ", not '" + *text + "'");
    return v;
}

}  // namespace likeness::cli

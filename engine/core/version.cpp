#include "engine/core/version.hpp"

namespace likeness::core {
std::string version() {
    return LIKENESS_VERSION;
}
}  // namespace likeness::core

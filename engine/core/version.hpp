#pragma once
#include <string>

namespace likeness::core {
/// The product version (from the top-level CMake project()).
std::string version();
}  // namespace likeness::core

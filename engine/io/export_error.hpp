#pragma once
// The one error type of the exporters: a path that cannot be written (missing folder, no
// permission, disk full) or a rig/take that cannot be exported. The message names the file and
// what to do about it.
#include <stdexcept>

namespace likeness::io {

class ExportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace likeness::io

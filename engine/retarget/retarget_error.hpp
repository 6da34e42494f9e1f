#pragma once
// The one error type of retargeting: a character file that cannot be imported (missing,
// malformed, unsupported, no mesh), a mapping file that cannot be read, a mapping that names
// shapes the character does not have, or a deformation transfer whose inputs do not fit. The
// message names the file or the shape and says what to do about it.
#include <stdexcept>

namespace likeness::retarget {

class RetargetError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace likeness::retarget

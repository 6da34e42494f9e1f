#pragma once
// The one error type of the face template: missing or malformed model packages and parameter
// files. The message names the file and what is wrong so a user can fix the installation.
#include <stdexcept>

namespace likeness::face {

class TemplateError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace likeness::face

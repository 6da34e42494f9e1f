#pragma once
// Where the template's editable parameter files (resources/template/) are found at run time.
#include <string>
#include <vector>

namespace likeness::face {

/// Environment variable naming a folder that holds the template parameter files; it overrides
/// the installed and source-tree copies (for editing recipes without rebuilding).
constexpr const char* kTemplateResourcesEnvVar = "LIKENESS_TEMPLATE_RESOURCES";

/// The folders searched, in order: $LIKENESS_TEMPLATE_RESOURCES, <exe>/../share/likeness/
/// template, the install location, the source tree's resources/template (a developer build).
std::vector<std::string> template_resource_search_path();

/// Full path of `file` (e.g. "arkit_shapes.json") in the first folder that has it; throws
/// TemplateError naming the folders searched.
std::string find_template_resource(const std::string& file);

}  // namespace likeness::face

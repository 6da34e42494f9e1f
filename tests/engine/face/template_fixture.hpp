#pragma once
// One TemplateRig shared by the face tests (building it takes about a second).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/face/template_rig.hpp"
#include "engine/io/model_paths.hpp"

namespace likeness::test {

/// The default template, or nullptr with `why` set when the model packages are not installed.
inline const face::TemplateRig* shared_template(std::string* why) {
    static std::unique_ptr<face::TemplateRig> rig;
    static std::string error;
    static bool tried = false;
    if (!tried) {
        tried = true;
        try {
            rig = std::make_unique<face::TemplateRig>(face::build_template_rig());
        } catch (const io::ModelsNotFound& e) {
            error = std::string("model packages not installed: ") + e.what();
        }
    }
    if (why) *why = error;
    return rig.get();
}

}  // namespace likeness::test

#define LIKENESS_NEED_TEMPLATE(rig)                                   \
    std::string rig##_why;                                            \
    const face::TemplateRig* rig = test::shared_template(&rig##_why); \
    if (!rig) GTEST_SKIP() << rig##_why

#pragma once
// The executable form of a tfjs graph: fused steps in run order, every activation at a fixed
// offset of one arena (slots reused once their tensor is dead), and workspace sizes. Built once
// at load time and shared, read-only, by every copy of a GraphModel.
#include <memory>
#include <string>
#include <vector>

#include "engine/nn/model_file.hpp"
#include "engine/nn/step.hpp"

namespace likeness::nn {

struct PlanOptions {
    /// Fuse Conv(+BiasAdd) → AddV2 → Relu/Prelu and AddV2 → Relu/Prelu into single steps and
    /// run pointwise ops in place. Off only to check that fusion changes no result.
    bool fuse = true;
};

struct GraphPlan {
    std::string path;
    std::string input_name;
    std::vector<int> input_shape;  ///< NHWC, batch 1
    std::size_t input_offset = 0;  ///< where the input is copied in the arena

    struct Output {
        std::string name;
        std::vector<int> shape;
        const float* constant = nullptr;  ///< set when the output is a graph constant
        std::size_t offset = 0;           ///< arena offset otherwise
        std::size_t size = 0;
    };
    std::vector<Output> outputs;  ///< naturally sorted by name ("Identity", "Identity_1", ...)

    std::vector<std::unique_ptr<Step>> steps;
    std::size_t arena_floats = 0, scratch_floats = 0;
    std::size_t packed_lhs_floats = 0, packed_rhs_floats = 0;

    std::shared_ptr<const ModelFile> weights;  ///< owns every constant the steps point into
};

/// Checks, fuses, schedules and allocates. Throws ModelError for anything malformed.
std::unique_ptr<GraphPlan> plan_graph(std::shared_ptr<const ModelFile> file,
                                      const PlanOptions& options = {});

}  // namespace likeness::nn

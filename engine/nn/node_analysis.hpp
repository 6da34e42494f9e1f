#pragma once
// First planning pass over a tfjs graph: checks every node's op, inputs and attributes and
// infers its output shape (batch 1). The result says what each node computes; GraphModel's
// planner then fuses, schedules and allocates.
#include <string>
#include <utility>
#include <vector>

#include "engine/nn/activation.hpp"
#include "engine/nn/model_file.hpp"
#include "engine/nn/window.hpp"

namespace likeness::nn {

/// What one node computes, with everything its kernel needs.
struct NodeInfo {
    enum class Kind {
        Const,
        Input,
        Conv,
        Depthwise,
        MaxPool,
        Pad,
        Add,
        Prelu,
        Relu,
        Sigmoid,
        Alias,
        Concat
    };
    Kind kind = Kind::Const;
    std::vector<int> shape;                 ///< output shape (batch 1)
    std::vector<int> data_inputs;           ///< node indices of the float tensors the kernel reads
    const ConstTensor* constant = nullptr;  ///< Kind::Const

    // Conv / Depthwise / MaxPool
    Window window;
    const float* filter = nullptr;
    const float* bias = nullptr;
    Activation activation = Activation::None;  ///< Conv's fused activation
    const float* alpha = nullptr;              ///< Conv's Prelu slopes (out channels)
    int multiplier = 1;                        ///< Depthwise channel multiplier
    std::vector<std::pair<int, int>> pads;     ///< Pad: {before, after} per dimension
    int axis = 0;                              ///< Concat
};

/// The graph's nodes indexed by position in ModelFile::nodes, with resolved inputs.
struct GraphTopology {
    std::vector<std::vector<int>> inputs;  ///< data inputs of each node (control inputs dropped)
    std::vector<int> order;                ///< nodes the outputs depend on, inputs first
    std::vector<int> outputs;              ///< sink nodes, naturally sorted by name
};

/// Resolves input names, finds the outputs (nodes nobody consumes) and orders the nodes they
/// depend on. Throws ModelError for duplicate names, missing inputs and cycles.
GraphTopology graph_topology(const ModelFile& file);

/// Checks and shapes every node of `topology.order`. Throws ModelError naming file and node
/// for unknown ops, missing or malformed attributes, wrong input counts, types or shapes.
/// The result is indexed like ModelFile::nodes (entries off the order stay default).
std::vector<NodeInfo> analyse_nodes(const ModelFile& file, const GraphTopology& topology);

}  // namespace likeness::nn

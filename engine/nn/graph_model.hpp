#pragma once
// A tfjs graph model (model.json + .bin shards) ready to run on the CPU. Loading checks the whole
// file and plans the graph once (run order, fused steps, one preallocated activation arena), so
// run() allocates nothing and is single-threaded. Copies share the weights and the plan but own
// their memory: give each thread its own copy to run faces or frames in parallel.
#include <memory>
#include <string>
#include <vector>

#include "engine/nn/graph_plan.hpp"
#include "engine/nn/model_error.hpp"
#include "engine/nn/tensor.hpp"

namespace likeness::nn {

/// Time spent in one step over a profile() call.
struct StepProfile {
    std::string node, op;
    double macs = 0.0;     ///< multiply-accumulates per run
    double seconds = 0.0;  ///< median seconds per run
};

class GraphModel {
  public:
    /// Reads, checks and plans the model. Throws ModelError (naming file and node) for
    /// unreadable or malformed files, unknown ops and inconsistent shapes or byte counts.
    static GraphModel load(const std::string& model_json_path, const PlanOptions& options = {});

    GraphModel(const GraphModel& other);
    GraphModel& operator=(const GraphModel& other);
    GraphModel(GraphModel&&) noexcept;
    GraphModel& operator=(GraphModel&&) noexcept;
    ~GraphModel();

    /// Input tensor shape, NHWC with batch 1 (e.g. {1, 192, 192, 3}).
    const std::vector<int>& input_shape() const;
    std::size_t input_size() const;  ///< product of input_shape()

    /// Output node names, naturally sorted ("Identity", "Identity_1", ...); run() returns the
    /// outputs in this order.
    const std::vector<std::string>& output_names() const { return output_names_; }
    /// Index of an output in output_names(); throws std::out_of_range for unknown names.
    std::size_t output_index(const std::string& name) const;

    /// Runs one inference on `input` (input_size() floats, NHWC, row-major). Returns every
    /// output in output_names() order; the references stay valid and unchanged until the next
    /// run() on this object. Throws std::invalid_argument when `count` != input_size().
    const std::vector<Tensor>& run(const float* input, std::size_t count);
    /// The named output of the last run().
    const Tensor& output(const std::string& name) const;
    /// Every output of the last run(), in output_names() order.
    const std::vector<Tensor>& outputs() const { return outputs_; }

    /// Multiply-accumulates per inference counted from the plan (FLOPs = 2 · macs()).
    double macs() const;
    const std::string& path() const;
    const GraphPlan& plan() const { return *plan_; }

    /// Runs `runs` inferences timing every step (for benchmarks; adds clock reads per step).
    std::vector<StepProfile> profile(const float* input, std::size_t count, int runs);

  private:
    explicit GraphModel(std::shared_ptr<const GraphPlan> plan);
    void allocate();
    void execute(const float* input, std::size_t count);

    std::shared_ptr<const GraphPlan> plan_;
    std::vector<std::string> output_names_;
    struct Memory;
    std::unique_ptr<Memory> memory_;
    std::vector<Tensor> outputs_;
};

}  // namespace likeness::nn

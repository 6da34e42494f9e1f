#pragma once
// One executable operation of a planned graph. Steps are immutable after planning (so copies of
// a GraphModel share them); all mutable memory lives in a Workspace owned by each GraphModel.
#include <cstddef>
#include <string>
#include <vector>

namespace likeness::nn {

/// Highest tensor rank the runtime plans (the face models use at most 4).
constexpr std::size_t kMaxRank = 6;

/// Memory one inference runs in, sized at load time.
struct Workspace {
    float* arena = nullptr;       ///< every activation tensor, at planned offsets
    float* scratch = nullptr;     ///< per-step temporary (im2col patches, row buffers)
    float* packed_lhs = nullptr;  ///< GEMM packing buffers (64-byte aligned)
    float* packed_rhs = nullptr;
};

/// A tensor a step reads: either a constant owned by the plan, or an arena slot.
struct Operand {
    const float* constant = nullptr;
    int storage = -1;        ///< arena slot id while planning
    std::size_t offset = 0;  ///< arena offset in floats once planned
    const float* get(const Workspace& ws) const { return constant ? constant : ws.arena + offset; }
};

class Step {
  public:
    virtual ~Step() = default;
    virtual void run(const Workspace& ws) const = 0;
    /// Multiply-accumulates per run (the FLOP count is twice this).
    virtual double macs() const { return 0.0; }
    virtual std::size_t scratch_floats() const { return 0; }
    virtual std::size_t packed_lhs_floats() const { return 0; }
    virtual std::size_t packed_rhs_floats() const { return 0; }

    std::string node;             ///< graph node this step executes
    std::string op;               ///< its op type, for profiles
    std::vector<Operand> inputs;  ///< tensors read (order defined by each step)
    Operand output;

    float* out(const Workspace& ws) const { return ws.arena + output.offset; }
    const float* in(const Workspace& ws, std::size_t k) const { return inputs[k].get(ws); }
};

}  // namespace likeness::nn

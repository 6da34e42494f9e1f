#include "engine/nn/graph_plan.hpp"

#include <algorithm>
#include <climits>
#include <numeric>

#include "engine/nn/concat.hpp"
#include "engine/nn/conv2d.hpp"
#include "engine/nn/depthwise_conv2d.hpp"
#include "engine/nn/elementwise.hpp"
#include "engine/nn/max_pool.hpp"
#include "engine/nn/model_error.hpp"
#include "engine/nn/node_analysis.hpp"
#include "engine/nn/pad.hpp"

namespace likeness::nn {
namespace {

// The whole arena may not exceed 4 GiB of floats.
constexpr std::size_t kMaxArenaFloats = std::size_t{1} << 30;
// Slots start on 64-byte boundaries so vector loads of each tensor are aligned.
constexpr std::size_t kSlotAlignFloats = 16;

std::size_t count_of(const std::vector<int>& shape) {
    std::size_t n = 1;
    for (int d : shape)
        n *= static_cast<std::size_t>(d);
    return n;
}

/// Nodes merged into one step: conv (BiasAdd only) → add → activation, or add → activation.
struct Fusion {
    int conv = -1, add = -1, activation = -1;
};

/// One arena slot while planning; merged slots (in-place ops) point at their parent.
struct Slot {
    std::size_t floats = 0;
    int first = -1, last = -1;  ///< steps that write first / read last (-1: before the run)
    bool pinned = false;        ///< holds a graph output: alive until the end
    int parent = -1;
    std::size_t offset = 0;
};

class Planner {
  public:
    Planner(std::shared_ptr<const ModelFile> file, const PlanOptions& options)
        : file_(std::move(file)),
          options_(options),
          topology_(graph_topology(*file_)),
          info_(analyse_nodes(*file_, topology_)) {
        const std::size_t n = file_->nodes.size();
        consumers_.resize(n);
        is_output_.assign(n, false);
        fusion_index_.assign(n, -1);
        absorbed_.assign(n, false);
        for (int k : topology_.order)
            for (int in : topology_.inputs[static_cast<std::size_t>(k)])
                consumers_[static_cast<std::size_t>(in)].push_back(k);
        for (int k : topology_.outputs)
            is_output_[static_cast<std::size_t>(k)] = true;
    }

    std::unique_ptr<GraphPlan> plan() {
        plan_ = std::make_unique<GraphPlan>();
        plan_->path = file_->path;
        plan_->weights = file_;
        if (options_.fuse) find_fusions();
        emit_steps();
        if (options_.fuse) run_in_place();
        assign_offsets();
        bind();
        return std::move(plan_);
    }

  private:
    const NodeInfo& info(int k) const { return info_[static_cast<std::size_t>(k)]; }
    const std::string& name(int k) const { return file_->nodes[static_cast<std::size_t>(k)].name; }
    bool single_use(int k) const {
        return consumers_[static_cast<std::size_t>(k)].size() == 1 &&
               !is_output_[static_cast<std::size_t>(k)];
    }

    /// Prelu slopes usable by a fused epilogue: a constant with one value per channel.
    const float* channel_alpha(int prelu) const {
        const NodeInfo& alpha = info(info(prelu).data_inputs[1]);
        const std::vector<int>& shape = info(prelu).shape;
        if (alpha.kind != NodeInfo::Kind::Const || shape.empty()) return nullptr;
        if (alpha.constant->floats.size() != static_cast<std::size_t>(shape.back())) return nullptr;
        return alpha.constant->floats.data();
    }

    void find_fusions() {
        for (int a : topology_.order) {
            if (info(a).kind != NodeInfo::Kind::Add) continue;
            Fusion f;
            f.add = a;
            if (single_use(a)) {
                const int r = consumers_[static_cast<std::size_t>(a)][0];
                if (info(r).kind == NodeInfo::Kind::Relu ||
                    (info(r).kind == NodeInfo::Kind::Prelu && info(r).data_inputs[0] == a &&
                     channel_alpha(r)))
                    f.activation = r;
            }
            const auto& ins = info(a).data_inputs;
            for (int side = 0; side < 2 && ins[0] != ins[1]; ++side) {
                const int c = ins[static_cast<std::size_t>(side)],
                          other = ins[static_cast<std::size_t>(1 - side)];
                if (info(c).kind == NodeInfo::Kind::Conv &&
                    info(c).activation == Activation::None && single_use(c) &&
                    info(other).kind != NodeInfo::Kind::Const && info(c).shape == info(a).shape &&
                    info(other).shape == info(a).shape) {
                    f.conv = c;
                    break;
                }
            }
            if (f.activation < 0 && f.conv < 0) continue;
            const int tail = f.activation >= 0 ? f.activation : a;
            fusion_index_[static_cast<std::size_t>(tail)] = static_cast<int>(fusions_.size());
            fusions_.push_back(f);
            if (f.conv >= 0) absorbed_[static_cast<std::size_t>(f.conv)] = true;
            if (tail != a) absorbed_[static_cast<std::size_t>(a)] = true;
        }
    }

    const Fusion* fusion_at(int k) const {
        const int f = fusion_index_[static_cast<std::size_t>(k)];
        return f < 0 ? nullptr : &fusions_[static_cast<std::size_t>(f)];
    }
    bool absorbed(int k) const { return absorbed_[static_cast<std::size_t>(k)]; }

    int new_slot(std::size_t floats, int first) {
        slots_.push_back(Slot{floats, first, first, false, -1, 0});
        return static_cast<int>(slots_.size()) - 1;
    }
    int root(int s) const {
        while (slots_[static_cast<std::size_t>(s)].parent >= 0)
            s = slots_[static_cast<std::size_t>(s)].parent;
        return s;
    }

    Conv2DSpec conv_spec(int c) const {
        const NodeInfo& ci = info(c);
        Conv2DSpec spec;
        spec.window = ci.window;
        spec.in_c = info(ci.data_inputs[0]).shape[3];
        spec.out_c = ci.shape[3];
        spec.filter = ci.filter;
        spec.bias = ci.bias;
        spec.activation = ci.activation;
        spec.alpha = ci.alpha;
        return spec;
    }

    /// Builds the step computing node k (or the fusion ending at k); fills its inputs and
    /// the inputs an in-place run may overwrite.
    std::unique_ptr<Step> make_step(int k, std::vector<int>& reads, std::vector<int>& in_place) {
        const NodeInfo& ni = info(k);
        const Fusion* f = fusion_at(k);
        if (f) {
            const Activation act = f->activation < 0 ? Activation::None
                                   : info(f->activation).kind == NodeInfo::Kind::Relu
                                       ? Activation::Relu
                                       : Activation::Prelu;
            const float* alpha = act == Activation::Prelu ? channel_alpha(f->activation) : nullptr;
            const auto& add_ins = info(f->add).data_inputs;
            if (f->conv >= 0) {
                Conv2DSpec spec = conv_spec(f->conv);
                spec.residual = true;
                spec.activation = act;
                spec.alpha = alpha;
                const int other = add_ins[0] == f->conv ? add_ins[1] : add_ins[0];
                reads = {info(f->conv).data_inputs[0], other};
                return make_conv2d(spec);
            }
            reads = add_ins;
            for (int j = 0; j < 2; ++j)
                if (info(add_ins[static_cast<std::size_t>(j)]).shape == ni.shape)
                    in_place.push_back(j);
            return make_add(info(add_ins[0]).shape, info(add_ins[1]).shape, ni.shape, act, alpha);
        }
        reads = ni.data_inputs;
        switch (ni.kind) {
            case NodeInfo::Kind::Conv:
                return make_conv2d(conv_spec(k));
            case NodeInfo::Kind::Depthwise: {
                DepthwiseSpec spec;
                spec.window = ni.window;
                spec.in_c = info(ni.data_inputs[0]).shape[3];
                spec.multiplier = ni.multiplier;
                spec.filter = ni.filter;
                return make_depthwise_conv2d(spec);
            }
            case NodeInfo::Kind::MaxPool:
                return make_max_pool(ni.window, ni.shape[3]);
            case NodeInfo::Kind::Pad:
                return make_pad(info(ni.data_inputs[0]).shape, ni.pads);
            case NodeInfo::Kind::Add:
                for (int j = 0; j < 2 && options_.fuse; ++j)
                    if (info(ni.data_inputs[static_cast<std::size_t>(j)]).shape == ni.shape)
                        in_place.push_back(j);
                return make_add(info(ni.data_inputs[0]).shape, info(ni.data_inputs[1]).shape,
                                ni.shape, Activation::None, nullptr);
            case NodeInfo::Kind::Prelu:
                in_place.push_back(0);
                return make_prelu(ni.shape, info(ni.data_inputs[1]).shape);
            case NodeInfo::Kind::Relu:
            case NodeInfo::Kind::Sigmoid:
                in_place.push_back(0);
                return make_unary(
                    ni.kind == NodeInfo::Kind::Relu ? UnaryOp::Relu : UnaryOp::Sigmoid,
                    count_of(ni.shape));
            case NodeInfo::Kind::Concat: {
                std::vector<std::vector<int>> shapes;
                for (int in : ni.data_inputs)
                    shapes.push_back(info(in).shape);
                return make_concat(shapes, ni.axis);
            }
            default:
                throw ModelError(file_->path, name(k), "internal planning error");
        }
    }

    void emit_steps() {
        value_.assign(file_->nodes.size(), Operand{});
        for (int k : topology_.order) {
            const NodeInfo& ni = info(k);
            Operand& value = value_[static_cast<std::size_t>(k)];
            if (ni.kind == NodeInfo::Kind::Const) {
                value.constant =
                    ni.constant->dtype == DType::Float32 ? ni.constant->floats.data() : nullptr;
                continue;
            }
            if (ni.kind == NodeInfo::Kind::Input) {
                value.storage = input_slot_ = new_slot(count_of(ni.shape), -1);
                plan_->input_name = name(k);
                plan_->input_shape = ni.shape;
                continue;
            }
            if (ni.kind == NodeInfo::Kind::Alias) {
                value = value_[static_cast<std::size_t>(ni.data_inputs[0])];
                continue;
            }
            if (absorbed(k)) continue;
            std::vector<int> reads, in_place;
            std::unique_ptr<Step> step = make_step(k, reads, in_place);
            const int index = static_cast<int>(plan_->steps.size());
            step->node = name(k);
            step->op = file_->nodes[static_cast<std::size_t>(k)].op;
            if (const Fusion* f = fusion_at(k)) {
                step->op = f->conv >= 0 ? "_FusedConv2D+AddV2" : "AddV2";
                if (f->activation >= 0)
                    step->op += "+" + file_->nodes[static_cast<std::size_t>(f->activation)].op;
            }
            for (int r : reads) {
                step->inputs.push_back(value_[static_cast<std::size_t>(r)]);
                const int s = value_[static_cast<std::size_t>(r)].storage;
                if (s >= 0) slots_[static_cast<std::size_t>(s)].last = index;
            }
            value.storage = step->output.storage = new_slot(count_of(ni.shape), index);
            in_place_.push_back(std::move(in_place));
            plan_->steps.push_back(std::move(step));
        }
        for (int k : topology_.outputs) {
            const Operand& value = value_[static_cast<std::size_t>(k)];
            if (value.storage >= 0) slots_[static_cast<std::size_t>(value.storage)].pinned = true;
            GraphPlan::Output out;
            out.name = name(k);
            out.shape = info(k).shape;
            out.size = count_of(out.shape);
            out.constant = value.constant;
            if (!value.constant && value.storage < 0)
                throw ModelError(file_->path, name(k), "output is not a float tensor");
            plan_->outputs.push_back(out);
        }
    }

    /// Lets a pointwise step overwrite an input whose slot dies at that step.
    void run_in_place() {
        for (std::size_t i = 0; i < plan_->steps.size(); ++i) {
            Step& step = *plan_->steps[i];
            const int out = step.output.storage;
            for (int j : in_place_[i]) {
                const int s = step.inputs[static_cast<std::size_t>(j)].storage;
                if (s < 0) continue;
                const int r = root(s);
                Slot& slot = slots_[static_cast<std::size_t>(r)];
                const Slot& out_slot = slots_[static_cast<std::size_t>(out)];
                if (slot.pinned || slot.last != static_cast<int>(i) ||
                    slot.floats != out_slot.floats)
                    continue;
                slot.last = out_slot.last;
                slot.pinned = out_slot.pinned;
                slots_[static_cast<std::size_t>(out)].parent = r;
                break;
            }
        }
    }

    /// Greedy best-fit by decreasing size: slots alive at overlapping step ranges never share
    /// memory.
    void assign_offsets() {
        std::vector<int> roots;
        for (std::size_t s = 0; s < slots_.size(); ++s)
            if (slots_[s].parent < 0) roots.push_back(static_cast<int>(s));
        std::stable_sort(roots.begin(), roots.end(), [&](int a, int b) {
            return slots_[static_cast<std::size_t>(a)].floats >
                   slots_[static_cast<std::size_t>(b)].floats;
        });
        std::vector<int> placed;
        std::size_t arena = 0;
        for (int s : roots) {
            Slot& slot = slots_[static_cast<std::size_t>(s)];
            const int last = slot.pinned ? INT_MAX : slot.last;
            std::vector<std::pair<std::size_t, std::size_t>> busy;
            for (int p : placed) {
                const Slot& other = slots_[static_cast<std::size_t>(p)];
                const int other_last = other.pinned ? INT_MAX : other.last;
                if (other.first <= last && slot.first <= other_last)
                    busy.emplace_back(other.offset, other.offset + other.floats);
            }
            std::sort(busy.begin(), busy.end());
            std::size_t offset = 0;
            for (const auto& [begin, end] : busy) {
                if (offset + slot.floats <= begin) break;
                offset = std::max(
                    offset, (end + kSlotAlignFloats - 1) / kSlotAlignFloats * kSlotAlignFloats);
            }
            slot.offset = offset;
            arena = std::max(arena, offset + slot.floats);
            if (arena > kMaxArenaFloats)
                throw ModelError(file_->path, "", "the graph needs more than 4 GiB of activations");
            placed.push_back(s);
        }
        plan_->arena_floats = arena;
    }

    void bind() {
        auto resolve = [&](Operand& op) {
            if (op.storage >= 0)
                op.offset = slots_[static_cast<std::size_t>(root(op.storage))].offset;
        };
        for (auto& step : plan_->steps) {
            for (Operand& op : step->inputs)
                resolve(op);
            resolve(step->output);
            plan_->scratch_floats = std::max(plan_->scratch_floats, step->scratch_floats());
            plan_->packed_lhs_floats =
                std::max(plan_->packed_lhs_floats, step->packed_lhs_floats());
            plan_->packed_rhs_floats =
                std::max(plan_->packed_rhs_floats, step->packed_rhs_floats());
        }
        plan_->input_offset = slots_[static_cast<std::size_t>(root(input_slot_))].offset;
        for (std::size_t k = 0; k < plan_->outputs.size(); ++k) {
            Operand value = value_[static_cast<std::size_t>(topology_.outputs[k])];
            resolve(value);
            plan_->outputs[k].offset = value.offset;
        }
    }

    std::shared_ptr<const ModelFile> file_;
    PlanOptions options_;
    GraphTopology topology_;
    std::vector<NodeInfo> info_;
    std::vector<std::vector<int>> consumers_;
    std::vector<bool> is_output_;
    std::vector<Fusion> fusions_;
    std::vector<int> fusion_index_;  ///< per node: index into fusions_ of the fusion ending there
    std::vector<bool> absorbed_;     ///< per node: computed inside a fusion ending later
    std::vector<Operand> value_;
    std::vector<Slot> slots_;
    std::vector<std::vector<int>> in_place_;
    int input_slot_ = -1;
    std::unique_ptr<GraphPlan> plan_;
};

}  // namespace

std::unique_ptr<GraphPlan> plan_graph(std::shared_ptr<const ModelFile> file,
                                      const PlanOptions& options) {
    return Planner(std::move(file), options).plan();
}

}  // namespace likeness::nn

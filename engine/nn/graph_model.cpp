#include "engine/nn/graph_model.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "engine/nn/aligned_buffer.hpp"

namespace likeness::nn {

struct GraphModel::Memory {
    AlignedBuffer arena, scratch, packed_lhs, packed_rhs;
    Workspace workspace() {
        return {arena.data(), scratch.data(), packed_lhs.data(), packed_rhs.data()};
    }
};

GraphModel GraphModel::load(const std::string& model_json_path, const PlanOptions& options) {
    auto file = std::make_shared<const ModelFile>(read_model_file(model_json_path));
    return GraphModel(std::shared_ptr<const GraphPlan>(plan_graph(std::move(file), options)));
}

GraphModel::GraphModel(std::shared_ptr<const GraphPlan> plan) : plan_(std::move(plan)) {
    for (const auto& out : plan_->outputs)
        output_names_.push_back(out.name);
    allocate();
}

void GraphModel::allocate() {
    memory_ = std::make_unique<Memory>();
    memory_->arena = AlignedBuffer(plan_->arena_floats);
    memory_->scratch = AlignedBuffer(plan_->scratch_floats);
    memory_->packed_lhs = AlignedBuffer(plan_->packed_lhs_floats);
    memory_->packed_rhs = AlignedBuffer(plan_->packed_rhs_floats);
    std::fill(memory_->arena.data(), memory_->arena.data() + memory_->arena.size(), 0.0f);
    outputs_.clear();
    for (const auto& out : plan_->outputs)
        outputs_.push_back(Tensor{out.shape, std::vector<float>(out.size, 0.0f)});
}

GraphModel::GraphModel(const GraphModel& other)
    : plan_(other.plan_), output_names_(other.output_names_) {
    allocate();
}
GraphModel& GraphModel::operator=(const GraphModel& other) {
    if (this != &other) {
        plan_ = other.plan_;
        output_names_ = other.output_names_;
        allocate();
    }
    return *this;
}
GraphModel::GraphModel(GraphModel&&) noexcept = default;
GraphModel& GraphModel::operator=(GraphModel&&) noexcept = default;
GraphModel::~GraphModel() = default;

const std::vector<int>& GraphModel::input_shape() const {
    return plan_->input_shape;
}

std::size_t GraphModel::input_size() const {
    std::size_t n = 1;
    for (int d : plan_->input_shape)
        n *= static_cast<std::size_t>(d);
    return n;
}

std::size_t GraphModel::output_index(const std::string& name) const {
    const auto it = std::find(output_names_.begin(), output_names_.end(), name);
    if (it == output_names_.end())
        throw std::out_of_range("model '" + plan_->path + "' has no output named '" + name + "'");
    return static_cast<std::size_t>(it - output_names_.begin());
}

const Tensor& GraphModel::output(const std::string& name) const {
    return outputs_[output_index(name)];
}

double GraphModel::macs() const {
    double total = 0.0;
    for (const auto& step : plan_->steps)
        total += step->macs();
    return total;
}

const std::string& GraphModel::path() const {
    return plan_->path;
}

void GraphModel::execute(const float* input, std::size_t count) {
    if (count != input_size() || (!input && count))
        throw std::invalid_argument("model '" + plan_->path + "' expects " +
                                    std::to_string(input_size()) + " input values, got " +
                                    std::to_string(count));
    const Workspace ws = memory_->workspace();
    std::memcpy(ws.arena + plan_->input_offset, input, sizeof(float) * count);
}

const std::vector<Tensor>& GraphModel::run(const float* input, std::size_t count) {
    execute(input, count);
    const Workspace ws = memory_->workspace();
    for (const auto& step : plan_->steps)
        step->run(ws);
    for (std::size_t k = 0; k < outputs_.size(); ++k) {
        const GraphPlan::Output& out = plan_->outputs[k];
        const float* src = out.constant ? out.constant : ws.arena + out.offset;
        std::copy(src, src + out.size, outputs_[k].data.begin());
    }
    return outputs_;
}

std::vector<StepProfile> GraphModel::profile(const float* input, std::size_t count, int runs) {
    using Clock = std::chrono::steady_clock;
    const std::size_t n = plan_->steps.size();
    std::vector<std::vector<double>> times(n);
    for (int r = 0; r < std::max(1, runs); ++r) {
        execute(input, count);
        const Workspace ws = memory_->workspace();
        for (std::size_t k = 0; k < n; ++k) {
            const auto start = Clock::now();
            plan_->steps[k]->run(ws);
            times[k].push_back(std::chrono::duration<double>(Clock::now() - start).count());
        }
    }
    std::vector<StepProfile> profile;
    for (std::size_t k = 0; k < n; ++k) {
        auto& t = times[k];
        std::nth_element(t.begin(), t.begin() + static_cast<long>(t.size() / 2), t.end());
        const Step& step = *plan_->steps[k];
        profile.push_back({step.node, step.op, step.macs(), t[t.size() / 2]});
    }
    return profile;
}

}  // namespace likeness::nn

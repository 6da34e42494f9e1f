#include "engine/nn/node_analysis.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "engine/io/natural_sort.hpp"
#include "engine/nn/elementwise.hpp"
#include "engine/nn/model_error.hpp"
#include "engine/nn/step.hpp"

namespace likeness::nn {
namespace {

// One activation tensor may hold at most this many floats (1 GiB); a hostile shape cannot make
// the planner allocate more.
constexpr std::int64_t kMaxTensorFloats = std::int64_t{1} << 28;

std::string shape_text(const std::vector<int>& shape) {
    std::string text = "[";
    for (std::size_t d = 0; d < shape.size(); ++d)
        text += (d ? "," : "") + std::to_string(shape[d]);
    return text + "]";
}

std::int64_t count_of(const std::vector<int>& shape) {
    std::int64_t n = 1;
    for (int d : shape)
        n *= d;
    return n;
}

/// Checks one node; all errors name the file and the node.
class NodeChecker {
  public:
    NodeChecker(const ModelFile& file, const GraphTopology& topology,
                const std::vector<NodeInfo>& infos, int index)
        : file_(file),
          node_(file.nodes[static_cast<std::size_t>(index)]),
          inputs_(topology.inputs[static_cast<std::size_t>(index)]),
          infos_(infos) {}

    [[noreturn]] void fail(const std::string& problem) const {
        throw ModelError(file_.path, node_.name, node_.op + ": " + problem);
    }

    const NodeDef& node() const { return node_; }
    const std::vector<int>& inputs() const { return inputs_; }

    void expect_inputs(std::size_t count) const {
        if (inputs_.size() != count)
            fail("expects " + std::to_string(count) + " inputs, has " +
                 std::to_string(inputs_.size()));
    }

    const NodeAttr* attr(const std::string& key) const {
        const auto it = node_.attrs.find(key);
        return it == node_.attrs.end() ? nullptr : &it->second;
    }

    std::string string_attr(const std::string& key, const std::string& fallback) const {
        const NodeAttr* a = attr(key);
        if (!a) return fallback;
        if (a->kind != NodeAttr::Kind::String) fail("attribute '" + key + "' is not a string");
        return a->s;
    }

    std::vector<std::int64_t> int_list(const std::string& key, std::size_t length) const {
        const NodeAttr* a = attr(key);
        if (!a || a->kind != NodeAttr::Kind::List || a->ints.size() != length)
            fail("attribute '" + key + "' must be a list of " + std::to_string(length) +
                 " integers");
        return a->ints;
    }

    /// strides / dilations / ksize: [1, h, w, 1] with positive h, w; `fallback` when absent.
    std::pair<int, int> spatial(const std::string& key, bool required) const {
        if (!attr(key)) {
            if (required) fail("attribute '" + key + "' is missing");
            return {1, 1};
        }
        const auto v = int_list(key, 4);
        if (v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1 || v[1] > 4096 || v[2] > 4096)
            fail("attribute '" + key + "' must be [1, h, w, 1] with positive h and w");
        return {static_cast<int>(v[1]), static_cast<int>(v[2])};
    }

    void expect_nhwc() const {
        const std::string format = string_attr("data_format", "NHWC");
        if (format != "NHWC") fail("data_format '" + format + "' is not supported (NHWC only)");
    }

    /// padding attribute → Padding and explicit {top, bottom, left, right}.
    Padding padding(std::array<int, 4>& explicit_pads) const {
        const std::string text = string_attr("padding", "");
        explicit_pads = {0, 0, 0, 0};
        if (text == "SAME") return Padding::Same;
        if (text == "VALID") return Padding::Valid;
        if (text != "EXPLICIT") fail("padding '" + text + "' is not SAME, VALID or EXPLICIT");
        const auto p = int_list("explicit_paddings", 8);
        if (p[0] || p[1] || p[6] || p[7]) fail("explicit_paddings may only pad height and width");
        for (int k = 0; k < 4; ++k) {
            if (p[2 + k] < 0 || p[2 + k] > 4096) fail("explicit_paddings out of range");
            explicit_pads[k] = static_cast<int>(p[2 + k]);
        }
        return Padding::Explicit;
    }

    const NodeInfo& input(std::size_t k) const {
        return infos_[static_cast<std::size_t>(inputs_[k])];
    }
    const std::string& input_name(std::size_t k) const {
        return file_.nodes[static_cast<std::size_t>(inputs_[k])].name;
    }

    /// A float tensor input (computed or constant).
    const NodeInfo& float_input(std::size_t k) const {
        const NodeInfo& in = input(k);
        if (in.kind == NodeInfo::Kind::Const && in.constant->dtype != DType::Float32)
            fail("input '" + input_name(k) + "' is int32 where a float tensor is needed");
        return in;
    }

    /// An NHWC image input with batch 1.
    const NodeInfo& image_input(std::size_t k) const {
        const NodeInfo& in = float_input(k);
        if (in.shape.size() != 4 || in.shape[0] != 1)
            fail("input '" + input_name(k) + "' has shape " + shape_text(in.shape) +
                 ", expected [1, height, width, channels]");
        return in;
    }

    const ConstTensor& const_input(std::size_t k, DType dtype, const char* what) const {
        const NodeInfo& in = input(k);
        if (in.kind != NodeInfo::Kind::Const)
            fail(std::string(what) + " '" + input_name(k) + "' must be a constant");
        if (in.constant->dtype != dtype)
            fail(std::string(what) + " '" + input_name(k) + "' must be " +
                 (dtype == DType::Float32 ? "float32" : "int32"));
        return *in.constant;
    }

  private:
    const ModelFile& file_;
    const NodeDef& node_;
    const std::vector<int>& inputs_;
    const std::vector<NodeInfo>& infos_;
};

Window make_window(const NodeChecker& check, const std::vector<int>& in_shape, int k_h, int k_w) {
    Window w;
    w.in_h = in_shape[1];
    w.in_w = in_shape[2];
    w.k_h = k_h;
    w.k_w = k_w;
    std::tie(w.stride_h, w.stride_w) = check.spatial("strides", true);
    std::tie(w.dil_h, w.dil_w) = check.spatial("dilations", false);
    std::array<int, 4> explicit_pads;
    const Padding padding = check.padding(explicit_pads);
    const std::string problem = resolve_window(w, padding, explicit_pads);
    if (!problem.empty()) check.fail(problem);
    return w;
}

void analyse_conv(const NodeChecker& check, NodeInfo& info) {
    check.expect_nhwc();
    const NodeAttr* fused = check.attr("fused_ops");
    std::vector<std::string> ops = fused ? fused->strings : std::vector<std::string>{};
    const bool bias_relu = ops == std::vector<std::string>{"BiasAdd", "Relu"};
    const bool bias_prelu = ops == std::vector<std::string>{"BiasAdd", "Prelu"};
    if (ops != std::vector<std::string>{"BiasAdd"} && !bias_relu && !bias_prelu) {
        std::string listed;
        for (const auto& op : ops)
            listed += (listed.empty() ? "" : ", ") + op;
        check.fail("fused_ops [" + listed +
                   "] not supported (BiasAdd, optionally then Relu or Prelu)");
    }
    const std::size_t args = bias_prelu ? 2 : 1;
    if (const NodeAttr* n = check.attr("num_args"); n && n->i != static_cast<std::int64_t>(args))
        check.fail("num_args is " + std::to_string(n->i) + " but fused_ops need " +
                   std::to_string(args));
    check.expect_inputs(2 + args);
    const NodeInfo& x = check.image_input(0);
    const ConstTensor& filter = check.const_input(1, DType::Float32, "filter");
    if (filter.shape.size() != 4 || count_of(filter.shape) == 0)
        check.fail("filter has shape " + shape_text(filter.shape) +
                   ", expected [height, width, in_channels, out_channels]");
    if (filter.shape[2] != x.shape[3])
        check.fail("filter expects " + std::to_string(filter.shape[2]) +
                   " input channels, the input has " + std::to_string(x.shape[3]));
    const int out_c = filter.shape[3];
    const ConstTensor& bias = check.const_input(2, DType::Float32, "bias");
    if (bias.floats.size() != static_cast<std::size_t>(out_c))
        check.fail("bias has " + std::to_string(bias.floats.size()) + " values, expected " +
                   std::to_string(out_c));
    info.kind = NodeInfo::Kind::Conv;
    info.window = make_window(check, x.shape, filter.shape[0], filter.shape[1]);
    info.filter = filter.floats.data();
    info.bias = bias.floats.data();
    info.activation = bias_relu    ? Activation::Relu
                      : bias_prelu ? Activation::Prelu
                                   : Activation::None;
    if (bias_prelu) {
        const ConstTensor& alpha = check.const_input(3, DType::Float32, "Prelu alpha");
        if (alpha.floats.size() != static_cast<std::size_t>(out_c))
            check.fail("Prelu alpha has " + std::to_string(alpha.floats.size()) +
                       " values, expected one per output channel (" + std::to_string(out_c) + ")");
        info.alpha = alpha.floats.data();
    }
    info.data_inputs = {check.inputs()[0]};
    info.shape = {1, info.window.out_h, info.window.out_w, out_c};
}

void analyse_depthwise(const NodeChecker& check, NodeInfo& info) {
    check.expect_nhwc();
    check.expect_inputs(2);
    const NodeInfo& x = check.image_input(0);
    const ConstTensor& filter = check.const_input(1, DType::Float32, "filter");
    if (filter.shape.size() != 4 || count_of(filter.shape) == 0)
        check.fail("filter has shape " + shape_text(filter.shape) +
                   ", expected [height, width, channels, multiplier]");
    if (filter.shape[2] != x.shape[3])
        check.fail("filter expects " + std::to_string(filter.shape[2]) +
                   " channels, the input has " + std::to_string(x.shape[3]));
    info.kind = NodeInfo::Kind::Depthwise;
    info.window = make_window(check, x.shape, filter.shape[0], filter.shape[1]);
    info.filter = filter.floats.data();
    info.multiplier = filter.shape[3];
    info.data_inputs = {check.inputs()[0]};
    info.shape = {1, info.window.out_h, info.window.out_w, x.shape[3] * filter.shape[3]};
}

void analyse_max_pool(const NodeChecker& check, NodeInfo& info) {
    check.expect_nhwc();
    check.expect_inputs(1);
    const NodeInfo& x = check.image_input(0);
    const auto [k_h, k_w] = check.spatial("ksize", true);
    info.kind = NodeInfo::Kind::MaxPool;
    info.window = make_window(check, x.shape, k_h, k_w);
    info.data_inputs = {check.inputs()[0]};
    info.shape = {1, info.window.out_h, info.window.out_w, x.shape[3]};
}

void analyse_pad(const NodeChecker& check, NodeInfo& info) {
    check.expect_inputs(2);
    const NodeInfo& x = check.float_input(0);
    const ConstTensor& paddings = check.const_input(1, DType::Int32, "paddings");
    const std::size_t rank = x.shape.size();
    if (paddings.shape != std::vector<int>{static_cast<int>(rank), 2})
        check.fail("paddings has shape " + shape_text(paddings.shape) + ", expected [" +
                   std::to_string(rank) + ",2]");
    info.kind = NodeInfo::Kind::Pad;
    info.shape = x.shape;
    for (std::size_t d = 0; d < rank; ++d) {
        const int before = paddings.ints[2 * d], after = paddings.ints[2 * d + 1];
        if (before < 0 || after < 0 || before > 65536 || after > 65536)
            check.fail("paddings must be between 0 and 65536");
        info.pads.emplace_back(before, after);
        info.shape[d] += before + after;
    }
    info.data_inputs = {check.inputs()[0]};
}

void analyse_reshape(const NodeChecker& check, NodeInfo& info) {
    check.expect_inputs(2);
    const NodeInfo& x = check.float_input(0);
    const ConstTensor& target = check.const_input(1, DType::Int32, "shape");
    if (target.shape.size() > 1 || target.ints.size() > kMaxRank)
        check.fail("shape must be a list of at most " + std::to_string(kMaxRank) + " sizes");
    const std::int64_t count = count_of(x.shape);
    std::int64_t known = 1;
    int unknown = -1;
    for (std::size_t d = 0; d < target.ints.size(); ++d) {
        const std::int32_t v = target.ints[d];
        if (v == -1 && unknown < 0) {
            unknown = static_cast<int>(d);
        } else if (v < 0) {
            check.fail("shape may contain one -1 and otherwise sizes >= 0");
        } else {
            known *= v;
            if (known > count) break;
        }
        info.shape.push_back(v);
    }
    if (unknown >= 0 && known > 0 && count % known == 0)
        info.shape[static_cast<std::size_t>(unknown)] = static_cast<int>(count / known);
    if (info.shape.size() != target.ints.size() || count_of(info.shape) != count)
        check.fail("cannot reshape " + shape_text(x.shape) + " (" + std::to_string(count) +
                   " values) to " +
                   shape_text(std::vector<int>(target.ints.begin(), target.ints.end())));
    info.kind = NodeInfo::Kind::Alias;
    info.data_inputs = {check.inputs()[0]};
}

void analyse_concat(const NodeChecker& check, NodeInfo& info) {
    const std::size_t n = check.inputs().size();
    if (n < 2) check.fail("needs at least one tensor and the axis");
    if (const NodeAttr* count = check.attr("N");
        count && count->i != static_cast<std::int64_t>(n - 1))
        check.fail("attribute N is " + std::to_string(count->i) + " but there are " +
                   std::to_string(n - 1) + " tensors");
    const ConstTensor& axis_tensor = check.const_input(n - 1, DType::Int32, "axis");
    if (axis_tensor.ints.size() != 1) check.fail("axis must be a single integer");
    const std::vector<int>& first = check.float_input(0).shape;
    const int rank = static_cast<int>(first.size());
    int axis = axis_tensor.ints[0];
    if (axis < -rank || axis >= rank)
        check.fail("axis " + std::to_string(axis) + " is out of range for rank " +
                   std::to_string(rank));
    if (axis < 0) axis += rank;
    info.kind = NodeInfo::Kind::Concat;
    info.axis = axis;
    info.shape = first;
    info.shape[static_cast<std::size_t>(axis)] = 0;
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const std::vector<int>& s = check.float_input(k).shape;
        bool ok = s.size() == first.size();
        for (std::size_t d = 0; ok && d < s.size(); ++d)
            ok = static_cast<int>(d) == axis || s[d] == first[d];
        if (!ok)
            check.fail("cannot concatenate " + shape_text(first) + " and " + shape_text(s) +
                       " along axis " + std::to_string(axis));
        info.shape[static_cast<std::size_t>(axis)] += s[static_cast<std::size_t>(axis)];
        info.data_inputs.push_back(check.inputs()[k]);
    }
}

void analyse_node(const ModelFile& file, const NodeChecker& check, NodeInfo& info) {
    const NodeDef& node = check.node();
    const std::string& op = node.op;
    if (op == "Const") {
        const auto it = file.weights.find(node.name);
        if (it == file.weights.end()) check.fail("has no entry in weightsManifest");
        info.kind = NodeInfo::Kind::Const;
        info.constant = &it->second;
        info.shape = it->second.shape;
        if (const NodeAttr* value = check.attr("value");
            value && value->kind == NodeAttr::Kind::Tensor && !value->unknown_rank &&
            std::vector<int>(value->ints.begin(), value->ints.end()) != info.shape)
            check.fail("tensor shape in the graph differs from the manifest shape " +
                       shape_text(info.shape));
    } else if (op == "Placeholder") {
        const NodeAttr* shape = check.attr("shape");
        if (!shape || shape->kind != NodeAttr::Kind::Shape || shape->unknown_rank ||
            shape->ints.empty())
            check.fail("input has no known shape");
        if (const NodeAttr* dtype = check.attr("dtype"); dtype && dtype->s != "DT_FLOAT")
            check.fail("input type " + dtype->s + " is not supported (DT_FLOAT only)");
        info.kind = NodeInfo::Kind::Input;
        for (std::size_t d = 0; d < shape->ints.size(); ++d) {
            std::int64_t v = shape->ints[d];
            if (d == 0 && v == -1) v = 1;  // batch: the runtime runs one image at a time
            if (v < 1 || v > (std::int64_t{1} << 24))
                check.fail("input dimension " + std::to_string(d) + " is " + std::to_string(v) +
                           "; every dimension but the batch must be a fixed positive size");
            info.shape.push_back(static_cast<int>(v));
        }
    } else if (op == "_FusedConv2D") {
        analyse_conv(check, info);
    } else if (op == "DepthwiseConv2dNative") {
        analyse_depthwise(check, info);
    } else if (op == "MaxPool") {
        analyse_max_pool(check, info);
    } else if (op == "Pad") {
        analyse_pad(check, info);
    } else if (op == "AddV2" || op == "Add") {
        check.expect_inputs(2);
        info.kind = NodeInfo::Kind::Add;
        if (!broadcast_shape(check.float_input(0).shape, check.float_input(1).shape, info.shape))
            check.fail("cannot add shapes " + shape_text(check.input(0).shape) + " and " +
                       shape_text(check.input(1).shape));
        info.data_inputs = check.inputs();
    } else if (op == "Prelu") {
        check.expect_inputs(2);
        info.kind = NodeInfo::Kind::Prelu;
        std::vector<int> shape;
        const std::vector<int>& x = check.float_input(0).shape;
        if (!broadcast_shape(x, check.float_input(1).shape, shape) || shape != x)
            check.fail("alpha of shape " + shape_text(check.input(1).shape) +
                       " does not broadcast to the input shape " + shape_text(x));
        info.shape = x;
        info.data_inputs = check.inputs();
    } else if (op == "Relu" || op == "Sigmoid" || op == "Identity") {
        check.expect_inputs(1);
        info.kind = op == "Relu"      ? NodeInfo::Kind::Relu
                    : op == "Sigmoid" ? NodeInfo::Kind::Sigmoid
                                      : NodeInfo::Kind::Alias;
        info.shape = check.float_input(0).shape;
        info.data_inputs = check.inputs();
    } else if (op == "Reshape") {
        analyse_reshape(check, info);
    } else if (op == "ConcatV2") {
        analyse_concat(check, info);
    } else {
        check.fail(
            "unsupported op (this runtime knows Const, Placeholder, _FusedConv2D, "
            "DepthwiseConv2dNative, AddV2, Prelu, Relu, Sigmoid, MaxPool, Pad, Reshape, "
            "Identity, ConcatV2)");
    }
    if (info.shape.size() > kMaxRank)
        check.fail("rank " + std::to_string(info.shape.size()) + " is above the supported " +
                   std::to_string(kMaxRank));
    const std::int64_t count = count_of(info.shape);
    if (info.kind != NodeInfo::Kind::Const && count == 0)
        check.fail("output shape " + shape_text(info.shape) + " is empty");
    if (count > kMaxTensorFloats)
        check.fail("output shape " + shape_text(info.shape) + " is too large");
}

}  // namespace

GraphTopology graph_topology(const ModelFile& file) {
    const std::size_t n = file.nodes.size();
    std::unordered_map<std::string, int> index;
    for (std::size_t k = 0; k < n; ++k)
        if (!index.emplace(file.nodes[k].name, static_cast<int>(k)).second)
            throw ModelError(file.path, file.nodes[k].name, "two nodes have this name");

    GraphTopology topology;
    topology.inputs.resize(n);
    std::vector<int> consumers(n, 0);
    for (std::size_t k = 0; k < n; ++k) {
        for (const std::string& raw : file.nodes[k].inputs) {
            if (!raw.empty() && raw[0] == '^') continue;  // control dependency: no data
            std::string name = raw;
            if (const auto colon = raw.rfind(':'); colon != std::string::npos) {
                if (raw.substr(colon + 1) != "0")
                    throw ModelError(file.path, file.nodes[k].name,
                                     "input '" + raw +
                                         "' uses a second output of a node, "
                                         "which no supported op has");
                name = raw.substr(0, colon);
            }
            const auto it = index.find(name);
            if (it == index.end())
                throw ModelError(file.path, file.nodes[k].name,
                                 "input '" + raw + "' names no node of the graph");
            topology.inputs[k].push_back(it->second);
            ++consumers[static_cast<std::size_t>(it->second)];
        }
    }
    std::vector<std::string> sinks;
    for (std::size_t k = 0; k < n; ++k)
        if (consumers[k] == 0 && file.nodes[k].op != "Const" && file.nodes[k].op != "Placeholder")
            sinks.push_back(file.nodes[k].name);
    if (sinks.empty()) throw ModelError(file.path, "", "the graph has no output node");
    io::natural_sort(sinks);
    for (const std::string& name : sinks)
        topology.outputs.push_back(index[name]);

    // Iterative depth-first search (a deep or hostile graph cannot overflow the stack);
    // a node met again while still open closes a cycle.
    enum : char { kNew, kOpen, kDone };
    std::vector<char> state(n, kNew);
    std::vector<std::pair<int, std::size_t>> stack;
    for (int root : topology.outputs) {
        if (state[static_cast<std::size_t>(root)] != kNew) continue;
        stack.emplace_back(root, 0);
        state[static_cast<std::size_t>(root)] = kOpen;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            const auto& ins = topology.inputs[static_cast<std::size_t>(node)];
            if (next < ins.size()) {
                const int child = ins[next++];
                if (state[static_cast<std::size_t>(child)] == kOpen)
                    throw ModelError(file.path, file.nodes[static_cast<std::size_t>(child)].name,
                                     "the graph has a cycle through this node");
                if (state[static_cast<std::size_t>(child)] == kNew) {
                    state[static_cast<std::size_t>(child)] = kOpen;
                    stack.emplace_back(child, 0);
                }
            } else {
                state[static_cast<std::size_t>(node)] = kDone;
                topology.order.push_back(node);
                stack.pop_back();
            }
        }
    }
    return topology;
}

std::vector<NodeInfo> analyse_nodes(const ModelFile& file, const GraphTopology& topology) {
    std::vector<NodeInfo> infos(file.nodes.size());
    int placeholders = 0;
    for (int k : topology.order) {
        NodeChecker check(file, topology, infos, k);
        analyse_node(file, check, infos[static_cast<std::size_t>(k)]);
        if (infos[static_cast<std::size_t>(k)].kind == NodeInfo::Kind::Input && ++placeholders > 1)
            check.fail("the graph has more than one input; only single-input models are supported");
    }
    if (placeholders == 0) throw ModelError(file.path, "", "the graph has no Placeholder input");
    return infos;
}

}  // namespace likeness::nn

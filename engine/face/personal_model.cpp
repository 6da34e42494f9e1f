#include "engine/face/personal_model.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "engine/face/template_rig.hpp"
#include "engine/face/uv_resample.hpp"

namespace likeness::face {
namespace {

bool all_finite(const cv::Mat& m) {
    return cv::checkRange(m, true, nullptr, -1e30, 1e30);
}

bool square_map(const cv::Mat& m, int size, int type) {
    return m.type() == type && m.rows == size && m.cols == size && m.isContinuous();
}

std::vector<cv::Mat> clone_all(const std::vector<cv::Mat>& maps) {
    std::vector<cv::Mat> out;
    out.reserve(maps.size());
    for (const cv::Mat& m : maps)
        out.push_back(m.clone());
    return out;
}

}  // namespace

PersonalModel::PersonalModel(const PersonalModel& o)
    : neutral(o.neutral),
      shape_names(o.shape_names),
      template_deltas(o.template_deltas),
      attention(clone_all(o.attention)),
      parsing(o.parsing.clone()),
      template_albedo(o.template_albedo.clone()),
      identity_shape(o.identity_shape.clone()),
      shape_corrections(clone_all(o.shape_corrections)),
      mean_albedo(o.mean_albedo.clone()),
      static_albedo(o.static_albedo.clone()),
      dynamic_albedo(clone_all(o.dynamic_albedo)),
      identity_offset(o.identity_offset),
      shape_deltas(o.shape_deltas),
      base_albedo(o.base_albedo.clone()),
      masked_dynamic_albedo(clone_all(o.masked_dynamic_albedo)),
      dynamic_albedo_support(o.dynamic_albedo_support),
      has_dynamic_albedo(o.has_dynamic_albedo),
      sampler(o.sampler) {}

PersonalModel& PersonalModel::operator=(const PersonalModel& o) {
    if (this != &o) *this = PersonalModel(o);
    return *this;
}

void PersonalModel::refresh() {
    const int n = shape_count();
    sampler = UvSampler(neutral.UV, uv_size());
    sampler.sample(identity_shape, &identity_offset);
    shape_deltas.resize(static_cast<size_t>(n));
    masked_dynamic_albedo.resize(static_cast<size_t>(n));
    dynamic_albedo_support.assign(static_cast<size_t>(n), cv::Rect());
    has_dynamic_albedo = false;
    core::MatrixX3fR sampled;
    for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
        sampler.sample_masked(shape_corrections[i], attention[i], &sampled);
        shape_deltas[i] = template_deltas[i] + sampled;
        cv::Mat a3;
        cv::merge(std::vector<cv::Mat>{attention[i], attention[i], attention[i]}, a3);
        masked_dynamic_albedo[i] = dynamic_albedo[i].mul(a3);
        std::vector<cv::Mat> channels;
        cv::split(masked_dynamic_albedo[i], channels);
        dynamic_albedo_support[i] =
            cv::boundingRect((channels[0] != 0.f) | (channels[1] != 0.f) | (channels[2] != 0.f));
        if (!dynamic_albedo_support[i].empty()) has_dynamic_albedo = true;
    }
    base_albedo = mean_albedo + static_albedo;
}

void PersonalModel::shape(const Eigen::VectorXf& w, core::MatrixX3fR* out) const {
    assert(w.size() == shape_count() && !shape_deltas.empty() && "call refresh() first");
    *out = neutral.V + identity_offset;
    for (int i = 0; i < shape_count(); ++i)
        if (std::abs(w[i]) >= 1e-6f) out->noalias() += w[i] * shape_deltas[static_cast<size_t>(i)];
}

core::MatrixX3fR PersonalModel::shape(const Eigen::VectorXf& w) const {
    core::MatrixX3fR out;
    shape(w, &out);
    return out;
}

void PersonalModel::albedo(const Eigen::VectorXf& w, cv::Mat* out, cv::Mat* scratch) const {
    assert(w.size() == shape_count() && !base_albedo.empty() && "call refresh() first");
    base_albedo.copyTo(*out);
    if (!has_dynamic_albedo) return;
    // Σ_i w_i A_i Δ_i^R over the union of the used shapes' supports (zero elsewhere).
    cv::Rect support;
    for (int i = 0; i < shape_count(); ++i)
        if (std::abs(w[i]) >= 1e-6f) support |= dynamic_albedo_support[static_cast<size_t>(i)];
    if (support.empty()) return;
    cv::Mat local;
    cv::Mat& dynamic = scratch ? *scratch : local;
    if (dynamic.rows != uv_size() || dynamic.cols != uv_size() || dynamic.type() != CV_32FC3)
        dynamic = cv::Mat::zeros(uv_size(), uv_size(), CV_32FC3);  // zero outside every call
    // Row by row, each shape over its own support only (A_i Δ_i^R is zero outside it): a row of
    // the sum stays in cache while the shapes are added to it in turn, where one pass per shape
    // over the whole union would stream the sum through memory once per shape.
    for (int y = support.y; y < support.y + support.height; ++y) {
        float* sum = dynamic.ptr<float>(y);
        for (int i = 0; i < shape_count(); ++i) {
            const cv::Rect& r = dynamic_albedo_support[static_cast<size_t>(i)];
            if (!(std::abs(w[i]) >= 1e-6f) || y < r.y || y >= r.y + r.height) continue;
            const float wi = w[i];
            const float* __restrict d = masked_dynamic_albedo[static_cast<size_t>(i)].ptr<float>(y);
            float* __restrict o = sum;
            for (int x = 3 * r.x, end = 3 * (r.x + r.width); x < end; ++x)
                o[x] += wi * d[x];
        }
    }
    add_resampled(dynamic, 1.f, albedo_size(), out, support);
    dynamic(support).setTo(0.f);
}

cv::Mat PersonalModel::albedo(const Eigen::VectorXf& w) const {
    cv::Mat out;
    albedo(w, &out);
    return out;
}

core::BlendshapeRig PersonalModel::to_blendshape_rig(const std::string& name) const {
    core::BlendshapeRig rig;
    rig.name = name;
    rig.neutral = neutral;
    rig.neutral.name = name;
    rig.neutral.V = neutral.V + identity_offset;
    rig.neutral.N = core::vertex_normals(rig.neutral);
    rig.shape_names = shape_names;
    rig.deltas = shape_deltas;
    core::Mesh posed = rig.neutral;
    for (const core::MatrixX3fR& d : shape_deltas) {
        posed.V = rig.neutral.V + d;
        rig.normal_deltas.push_back(core::vertex_normals(posed) - rig.neutral.N);
    }
    cv::Mat a;
    cv::max(base_albedo, 0.0, a);
    cv::min(a, 1.0, rig.albedo);
    if (has_dynamic_albedo)
        for (const cv::Mat& d : masked_dynamic_albedo) {
            cv::Mat up;
            add_resampled(d, 1.f, albedo_size(), &up);
            rig.dynamic_albedo.push_back(up);
        }
    return rig;
}

bool PersonalModel::is_valid(std::string* error) const {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    const int V = vertex_count(), n = shape_count(), uv = uv_size(), al = albedo_size();
    if (V == 0 || neutral.F.rows() == 0) return fail("neutral mesh is empty");
    if (neutral.UV.rows() != V) return fail("neutral mesh has no UV per vertex");
    if (neutral.F.minCoeff() < 0 || neutral.F.maxCoeff() >= V)
        return fail("neutral mesh has a face index out of range");
    if (n == 0) return fail("no blend shapes");
    if (static_cast<int>(shape_names.size()) != n) return fail("shape names and shapes differ");
    if (uv <= 0 || al <= 0) return fail("correction maps are empty");
    if (!square_map(identity_shape, uv, CV_32FC3))
        return fail("identity_shape is not a square RGB float map");
    if (!square_map(static_albedo, al, CV_32FC3) || !square_map(mean_albedo, al, CV_32FC3) ||
        !square_map(template_albedo, al, CV_32FC3))
        return fail("albedo maps are not square RGB float maps of one size");
    if (parsing.type() != CV_8U || parsing.rows != parsing.cols || parsing.empty())
        return fail("parsing map is not a square 8-bit label map");
    if (static_cast<int>(attention.size()) != n ||
        static_cast<int>(shape_corrections.size()) != n ||
        static_cast<int>(dynamic_albedo.size()) != n)
        return fail("per-shape maps: expected " + std::to_string(n) + " of each");
    for (int i = 0; i < n; ++i) {
        const size_t k = static_cast<size_t>(i);
        if (template_deltas[k].rows() != V)
            return fail("template delta of " + shape_names[k] + " has the wrong vertex count");
        if (!square_map(attention[k], uv, CV_32F))
            return fail("attention mask of " + shape_names[k] + " has the wrong size");
        if (!square_map(shape_corrections[k], uv, CV_32FC3))
            return fail("shape correction of " + shape_names[k] + " has the wrong size");
        if (!square_map(dynamic_albedo[k], uv, CV_32FC3))
            return fail("dynamic albedo of " + shape_names[k] + " has the wrong size");
        if (!all_finite(shape_corrections[k]) || !all_finite(dynamic_albedo[k]) ||
            !template_deltas[k].allFinite())
            return fail("values of " + shape_names[k] + " are not finite");
    }
    if (!neutral.V.allFinite() || !all_finite(identity_shape) || !all_finite(static_albedo) ||
        !all_finite(mean_albedo))
        return fail("identity or albedo values are not finite");
    return true;
}

PersonalModel personal_model_from_template(const TemplateRig& rig, int albedo_size) {
    PersonalModel m;
    m.neutral = rig.neutral;
    m.neutral.N.resize(0, 3);
    m.shape_names = rig.shape_names;
    m.template_deltas = rig.deltas;
    m.attention = rig.attention_uv;
    m.parsing = rig.parsing_uv.clone();
    const int size = albedo_size > 0 ? albedo_size : rig.texture_size;
    if (size == rig.albedo_uv.rows)
        m.template_albedo = rig.albedo_uv.clone();
    else
        cv::resize(rig.albedo_uv, m.template_albedo, cv::Size(size, size), 0, 0,
                   size < rig.albedo_uv.rows ? cv::INTER_AREA : cv::INTER_LINEAR);
    m.mean_albedo = m.template_albedo.clone();
    m.static_albedo = cv::Mat::zeros(size, size, CV_32FC3);
    m.identity_shape = cv::Mat::zeros(rig.uv_size, rig.uv_size, CV_32FC3);
    for (int i = 0; i < rig.shape_count(); ++i) {
        m.shape_corrections.push_back(cv::Mat::zeros(rig.uv_size, rig.uv_size, CV_32FC3));
        m.dynamic_albedo.push_back(cv::Mat::zeros(rig.uv_size, rig.uv_size, CV_32FC3));
    }
    m.refresh();
    return m;
}

}  // namespace likeness::face

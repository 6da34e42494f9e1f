#include "engine/fit/correction_layout.hpp"

#include <opencv2/imgproc.hpp>

#include "engine/face/personal_model.hpp"
#include "engine/face/uv_raster.hpp"

namespace likeness::fit {
namespace {

const cv::Mat& field_map(const CorrectionMaps& m, CorrectionLayout::Field f, int shape) {
    switch (f) {
        case CorrectionLayout::Field::IdentityShape:
            return m.identity_shape;
        case CorrectionLayout::Field::Shape:
            return m.shapes[static_cast<size_t>(shape)];
        case CorrectionLayout::Field::StaticAlbedo:
            return m.static_albedo;
        case CorrectionLayout::Field::DynamicAlbedo:
            return m.dynamic_albedo[static_cast<size_t>(shape)];
    }
    return m.identity_shape;
}

std::vector<int> nonzero_texels(const cv::Mat& mask8) {
    std::vector<int> out;
    const unsigned char* p = mask8.ptr<unsigned char>();
    for (int i = 0; i < mask8.rows * mask8.cols; ++i)
        if (p[i]) out.push_back(i);
    return out;
}

/// CV_8U coverage of the mesh's UV chart at `size`, grown by `grow` texels.
cv::Mat chart(const core::Mesh& mesh, int size, int grow) {
    cv::Mat coverage;
    face::rasterize_uv(mesh, Eigen::MatrixXf::Ones(mesh.vertex_count(), 1), size, &coverage);
    if (grow > 0)
        cv::dilate(coverage, coverage,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * grow + 1, 2 * grow + 1)));
    return coverage;
}

}  // namespace

CorrectionMaps CorrectionMaps::zeros_like(const face::PersonalModel& model) {
    CorrectionMaps m;
    const int uv = model.uv_size(), al = model.albedo_size();
    m.identity_shape = cv::Mat::zeros(uv, uv, CV_32FC3);
    m.static_albedo = cv::Mat::zeros(al, al, CV_32FC3);
    for (int i = 0; i < model.shape_count(); ++i) {
        m.shapes.push_back(cv::Mat::zeros(uv, uv, CV_32FC3));
        m.dynamic_albedo.push_back(cv::Mat::zeros(uv, uv, CV_32FC3));
    }
    return m;
}

CorrectionMaps CorrectionMaps::of(face::PersonalModel& model) {
    CorrectionMaps m;
    m.identity_shape = model.identity_shape;
    m.shapes = model.shape_corrections;
    m.static_albedo = model.static_albedo;
    m.dynamic_albedo = model.dynamic_albedo;
    return m;
}

CorrectionLayout::CorrectionLayout(const face::PersonalModel& model, const CorrectionSet& set) {
    const cv::Mat footprint = model.sampler.footprint();
    auto add = [&](Field f, int shape, std::vector<int> texels) {
        Block b;
        b.field = f;
        b.shape = shape;
        b.texels = std::move(texels);
        b.offset = size_;
        size_ += 3 * static_cast<Eigen::Index>(b.texels.size());
        blocks_.push_back(std::move(b));
    };
    if (set.identity_shape) add(Field::IdentityShape, -1, nonzero_texels(footprint));
    if (set.expression_shapes)
        for (int i = 0; i < model.shape_count(); ++i) {
            cv::Mat active = (model.attention[static_cast<size_t>(i)] > 0.f) & footprint;
            add(Field::Shape, i, nonzero_texels(active));
        }
    if (set.static_albedo)
        add(Field::StaticAlbedo, -1, nonzero_texels(chart(model.neutral, model.albedo_size(), 2)));
    if (set.dynamic_albedo) {
        const cv::Mat uv_chart = chart(model.neutral, model.uv_size(), 1);
        for (int i = 0; i < model.shape_count(); ++i) {
            cv::Mat active = (model.attention[static_cast<size_t>(i)] > 0.f) & uv_chart;
            add(Field::DynamicAlbedo, i, nonzero_texels(active));
        }
    }
}

void CorrectionLayout::gather(const CorrectionMaps& maps, Eigen::VectorXf* x) const {
    x->resize(size_);
    for (const Block& b : blocks_) {
        const float* m = field_map(maps, b.field, b.shape).ptr<float>();
        float* out = x->data() + b.offset;
        for (size_t k = 0; k < b.texels.size(); ++k)
            for (int c = 0; c < 3; ++c)
                out[3 * k + static_cast<size_t>(c)] =
                    m[3 * static_cast<size_t>(b.texels[k]) + static_cast<size_t>(c)];
    }
}

void CorrectionLayout::scatter(const Eigen::VectorXf& x, CorrectionMaps* maps) const {
    for (const Block& b : blocks_) {
        float* m = const_cast<cv::Mat&>(field_map(*maps, b.field, b.shape)).ptr<float>();
        const float* in = x.data() + b.offset;
        for (size_t k = 0; k < b.texels.size(); ++k)
            for (int c = 0; c < 3; ++c)
                m[3 * static_cast<size_t>(b.texels[k]) + static_cast<size_t>(c)] =
                    in[3 * k + static_cast<size_t>(c)];
    }
}

}  // namespace likeness::fit

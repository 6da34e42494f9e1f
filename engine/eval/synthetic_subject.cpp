#include "engine/eval/synthetic_subject.hpp"

#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace likeness::eval {
namespace {

enum Stream : std::uint64_t { kIdentity = 1, kExpression = 2, kAlbedo = 3, kWrinkles = 4 };

/// The template's mean albedo with a random skin tone and soft low-frequency blotches.
cv::Mat template_albedo(const face::TemplateRig& rig, Rng& rng) {
    cv::Mat albedo = rig.albedo_uv.clone();
    const float tone = static_cast<float>(rng.uniform(0.55, 1.15));
    cv::Mat blotch(16, 16, CV_32F);
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x)
            blotch.at<float>(y, x) = static_cast<float>(1.0 + 0.06 * rng.normal());
    cv::resize(blotch, blotch, albedo.size(), 0, 0, cv::INTER_CUBIC);
    for (int y = 0; y < albedo.rows; ++y) {
        cv::Vec3f* a = albedo.ptr<cv::Vec3f>(y);
        const float* b = blotch.ptr<float>(y);
        for (int x = 0; x < albedo.cols; ++x)
            for (int c = 0; c < 3; ++c)
                a[x][c] = std::clamp(a[x][c] * tone * b[x], 0.f, 1.f);
    }
    return albedo;
}

}  // namespace

const char* identity_source_name(IdentitySource source) {
    return source == IdentitySource::Ict ? "ict" : "smooth";
}

core::MatrixX3fR rig_vertices(const core::BlendshapeRig& rig, const float* w) {
    core::MatrixX3fR V = rig.neutral.V;
    for (int i = 0; i < rig.shape_count(); ++i)
        if (w[i] != 0.f) V += w[i] * rig.deltas[static_cast<size_t>(i)];
    return V;
}

core::MatrixX3fR SyntheticSubject::vertices(const float* w) const {
    return rig_vertices(rig, w);
}

SyntheticSubject make_subject(const face::TemplateRig& rig, const SubjectOptions& o) {
    if (o.identity == IdentitySource::Ict && !o.ict)
        throw std::invalid_argument("make_subject: an ICT identity needs the ICT identity basis");
    const Rng root(o.seed);
    SyntheticSubject s;
    s.seed = o.seed;
    s.identity_source = o.identity;

    Rng identity_rng = root.fork(kIdentity);
    if (o.identity == IdentitySource::Ict) {
        s.ict_coefficients =
            random_ict_coefficients(static_cast<int>(o.ict->modes.size()), identity_rng);
        s.identity = ict_identity(*o.ict, s.ict_coefficients);
    } else {
        s.identity = smooth_identity(rig, o.smooth_identity, identity_rng);
    }
    Rng expression_rng = root.fork(kExpression);
    s.expression_deviation = expression_deviations(rig, o.expression, expression_rng);

    s.rig.name = "subject_" + std::to_string(o.seed);
    s.rig.neutral.F = rig.neutral.F;
    s.rig.neutral.UV = rig.neutral.UV;
    s.rig.neutral.V = rig.neutral.V + s.identity;
    s.rig.shape_names = rig.shape_names;
    for (int i = 0; i < rig.shape_count(); ++i)
        s.rig.deltas.push_back(rig.deltas[static_cast<size_t>(i)] +
                               s.expression_deviation[static_cast<size_t>(i)]);

    Rng albedo_rng = root.fork(kAlbedo);
    if (o.photos && !o.photos->empty()) {
        const PhotoAlbedo& photo =
            (*o.photos)[static_cast<size_t>(albedo_rng.below(static_cast<int>(o.photos->size())))];
        s.albedo_source = std::filesystem::path(photo.source).filename().string();
        cv::resize(photo.albedo, s.rig.albedo, cv::Size(rig.texture_size, rig.texture_size), 0, 0,
                   cv::INTER_AREA);
        const cv::Scalar tone(1.0 + o.tone_sigma * albedo_rng.clamped_normal(2.5),
                              1.0 + o.tone_sigma * albedo_rng.clamped_normal(2.5),
                              1.0 + o.tone_sigma * albedo_rng.clamped_normal(2.5));
        cv::multiply(s.rig.albedo, tone, s.rig.albedo);
        cv::min(s.rig.albedo, 1.0, s.rig.albedo);
    } else {
        s.albedo_source = "template";
        s.rig.albedo = template_albedo(rig, albedo_rng);
    }
    if (o.wrinkles) {
        Rng wrinkle_rng = root.fork(kWrinkles);
        s.wrinkles = wrinkle_albedo(rig, s.rig.albedo, o.wrinkle, wrinkle_rng);
    }
    return s;
}

}  // namespace likeness::eval

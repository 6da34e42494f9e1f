#include "engine/retarget/face_correspondence.hpp"

#include <Eigen/Geometry>
#include <cmath>

#include "engine/face/template_error.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

Eigen::Vector3f corner(const core::Mesh& m, Eigen::Index f, int k) {
    return m.V.row(m.F(f, k)).transpose();
}

Eigen::Vector3f triangle_normal(const core::MatrixX3fR& V, const core::MatrixX3iR& F,
                                Eigen::Index f) {
    const Eigen::Vector3f a = V.row(F(f, 0)), b = V.row(F(f, 1)), c = V.row(F(f, 2));
    return (b - a).cross(c - a);
}

}  // namespace

bool CorrespondenceOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!registration.is_valid(error)) return false;
    if (!(max_distance_cm > 0.f)) return fail("max_distance_cm must be > 0");
    if (!(min_normal_dot >= -1.f && min_normal_dot <= 1.f))
        return fail("min_normal_dot must be in [-1, 1]");
    if (!(min_part_fraction >= 0.f && min_part_fraction <= 1.f))
        return fail("min_part_fraction must be in [0, 1]");
    return true;
}

bool FaceCorrespondence::matched(int triangle) const {
    for (int s : source_triangles[static_cast<size_t>(triangle)])
        if (s >= 0) return true;
    return false;
}

FaceCorrespondence face_correspondence(const core::Mesh& source_neutral,
                                       const std::vector<bool>& source_active,
                                       const core::Mesh& character,
                                       const std::vector<LandmarkPair>& pairs,
                                       const CorrespondenceOptions& options,
                                       const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw RetargetError("correspondence options: " + why);
    if (!landmark_pairs_valid(pairs, source_neutral.vertex_count(), character.vertex_count(), &why))
        throw RetargetError("landmark pairs: " + why);
    if (!source_active.empty() &&
        source_active.size() != static_cast<size_t>(source_neutral.face_count()))
        throw RetargetError("the template's active-triangle list does not fit its mesh");

    FaceCorrespondence out;
    out.pairs = pairs;
    out.target = weld_by_position(character);
    const core::Mesh& target = out.target.mesh;
    if (target.face_count() == 0)
        throw RetargetError("the character has no triangles with a non-zero area");
    std::vector<int> src_lm, dst_lm;
    for (const LandmarkPair& p : pairs) {
        src_lm.push_back(p.template_vertex);
        dst_lm.push_back(out.target.welded[static_cast<size_t>(p.character_vertex)]);
    }

    // Distances are in template centimetres: a character twice the template's size gets twice
    // the reach (the landmark similarity tells the scale before the registration runs).
    Eigen::MatrixX3f src_points(static_cast<Eigen::Index>(src_lm.size()), 3),
        dst_points(static_cast<Eigen::Index>(dst_lm.size()), 3);
    for (size_t k = 0; k < src_lm.size(); ++k) {
        src_points.row(static_cast<Eigen::Index>(k)) = source_neutral.V.row(src_lm[k]);
        dst_points.row(static_cast<Eigen::Index>(k)) = target.V.row(dst_lm[k]);
    }
    const float scale = face::fit_similarity(src_points, dst_points).scale;
    if (!(scale > 0.f) || !std::isfinite(scale))
        throw RetargetError("the landmark pairs do not span a face (all on one line or point?)");
    face::RegistrationOptions registration = options.registration;
    registration.max_distance_cm *= scale;

    progress.report(0.0, "registering the template to the character");
    try {
        out.registration = face::register_mesh(
            source_neutral, src_lm, target, dst_lm, registration, source_active, {},
            core::Progress([&](double f, const std::string& s) { progress.report(0.7 * f, s); }));
    } catch (const face::TemplateError& e) {
        throw RetargetError(std::string("the template could not be fitted to the character: ") +
                            e.what());
    }
    progress.check();
    progress.report(0.7, "pairing triangles");

    // Triangle samples -> closest template triangle on the fitted template.
    const core::MatrixX3fR& S = out.registration.V;
    const face::ClosestPointQuery query(S, source_neutral.F, source_active);
    const Eigen::Index nf = target.F.rows();
    const float reach = options.max_distance_cm * out.registration.similarity.scale;
    out.source_triangles.assign(static_cast<size_t>(nf), {-1, -1, -1, -1});
    std::vector<double> area(static_cast<size_t>(nf));
#pragma omp parallel for schedule(dynamic, 512) if (nf > 4000)
    for (Eigen::Index f = 0; f < nf; ++f) {
        const Eigen::Vector3f a = corner(target, f, 0), b = corner(target, f, 1),
                              c = corner(target, f, 2);
        const Eigen::Vector3f n = (b - a).cross(c - a);
        area[static_cast<size_t>(f)] = 0.5 * n.norm();
        const Eigen::Vector3f g = (a + b + c) / 3.f;
        const Eigen::Vector3f samples[kSamplesPerTriangle] = {g, 0.5f * (a + g), 0.5f * (b + g),
                                                              0.5f * (c + g)};
        for (int s = 0; s < kSamplesPerTriangle; ++s) {
            const face::SurfacePoint hit = query.closest(samples[s], reach);
            if (hit.face < 0) continue;
            const Eigen::Vector3f ns = triangle_normal(S, source_neutral.F, hit.face);
            if (n.normalized().dot(ns.normalized()) < options.min_normal_dot) continue;
            out.source_triangles[static_cast<size_t>(f)][static_cast<size_t>(s)] = hit.face;
        }
    }
    progress.check();

    // Parts (connected components) that are mostly unmatched stay rigid as a whole.
    const int parts = out.target.component_count;
    std::vector<double> part_area(static_cast<size_t>(parts), 0.0),
        part_matched(static_cast<size_t>(parts), 0.0);
    for (Eigen::Index f = 0; f < nf; ++f) {
        const auto p =
            static_cast<size_t>(out.target.component[static_cast<size_t>(target.F(f, 0))]);
        part_area[p] += area[static_cast<size_t>(f)];
        if (out.matched(static_cast<int>(f))) part_matched[p] += area[static_cast<size_t>(f)];
    }
    // The parts holding landmarks are the face; others (eyelashes on the lids, a separate
    // beard) join only when mostly matched.
    std::vector<bool> has_landmark(static_cast<size_t>(parts), false);
    for (int v : dst_lm)
        has_landmark[static_cast<size_t>(out.target.component[static_cast<size_t>(v)])] = true;
    std::vector<bool> part_on(static_cast<size_t>(parts));
    out.parts = parts;
    for (int p = 0; p < parts; ++p) {
        const auto i = static_cast<size_t>(p);
        part_on[i] =
            part_matched[i] > 0.0 &&
            (has_landmark[i] || part_matched[i] >= options.min_part_fraction * part_area[i]);
        out.matched_parts += part_on[i] ? 1 : 0;
    }
    for (Eigen::Index f = 0; f < nf; ++f)
        if (!part_on[static_cast<size_t>(
                out.target.component[static_cast<size_t>(target.F(f, 0))])])
            out.source_triangles[static_cast<size_t>(f)] = {-1, -1, -1, -1};

    double total_area = 0.0, matched_area = 0.0;
    std::vector<bool> vertex_on(static_cast<size_t>(target.vertex_count()), false);
    for (Eigen::Index f = 0; f < nf; ++f) {
        total_area += area[static_cast<size_t>(f)];
        if (!out.matched(static_cast<int>(f))) continue;
        ++out.matched_triangles;
        matched_area += area[static_cast<size_t>(f)];
        for (int k = 0; k < 3; ++k)
            vertex_on[static_cast<size_t>(target.F(f, k))] = true;
    }
    out.matched_area_fraction = total_area > 0 ? matched_area / total_area : 0.0;

    out.vertex_hits.assign(static_cast<size_t>(target.vertex_count()), face::SurfacePoint{});
#pragma omp parallel for schedule(dynamic, 512) if (target.vertex_count() > 4000)
    for (int v = 0; v < target.vertex_count(); ++v)
        if (vertex_on[static_cast<size_t>(v)])
            out.vertex_hits[static_cast<size_t>(v)] =
                query.closest(target.V.row(v).transpose(), reach);
    progress.report(1.0, "correspondence done");
    return out;
}

}  // namespace likeness::retarget

#include "engine/eval/face_area.hpp"

#include <algorithm>
#include <map>

#include "engine/face/parsing_map.hpp"

namespace likeness::eval {

std::vector<int> face_area_vertices(const face::TemplateRig& rig) {
    const core::Mesh& m = rig.neutral;
    const int n = m.vertex_count();
    std::vector<bool> excluded(static_cast<size_t>(n), false);
    // Boundary edges occur in one triangle only; their vertices are dropped.
    std::map<std::pair<int, int>, int> edges;
    for (Eigen::Index f = 0; f < m.F.rows(); ++f)
        for (int k = 0; k < 3; ++k) {
            const int a = m.F(f, k), b = m.F(f, (k + 1) % 3);
            ++edges[{std::min(a, b), std::max(a, b)}];
        }
    for (const auto& [edge, count] : edges)
        if (count == 1)
            excluded[static_cast<size_t>(edge.first)] = excluded[static_cast<size_t>(edge.second)] =
                true;
    for (Eigen::Index f = 0; f < m.F.rows(); ++f)
        if (rig.triangle_parts[static_cast<size_t>(f)] != face::TrianglePart::Skin)
            for (int k = 0; k < 3; ++k)
                excluded[static_cast<size_t>(m.F(f, k))] = true;
    const cv::Mat& T = rig.parsing_uv;
    std::vector<int> out;
    for (int v = 0; v < n; ++v) {
        if (excluded[static_cast<size_t>(v)]) continue;
        const int x = std::clamp(static_cast<int>(m.UV(v, 0) * T.cols), 0, T.cols - 1);
        const int y = std::clamp(static_cast<int>((1.f - m.UV(v, 1)) * T.rows), 0, T.rows - 1);
        const auto label = static_cast<face::ParsingLabel>(T.at<uint8_t>(y, x));
        if (label != face::ParsingLabel::Outside && label != face::ParsingLabel::EyeLeft &&
            label != face::ParsingLabel::EyeRight && label != face::ParsingLabel::MouthInterior)
            out.push_back(v);
    }
    return out;
}

}  // namespace likeness::eval

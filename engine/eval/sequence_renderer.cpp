#include "engine/eval/sequence_renderer.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "engine/face/parsing_map.hpp"
#include "engine/face/uv_raster.hpp"

namespace likeness::eval {
namespace {

/// FaceMesh landmark on the upper inner lip: it lies on the mouth opening's boundary loop.
constexpr int kUpperInnerLip = 13;

/// The boundary loop of `mesh` through vertex `start`, in order (empty when start is inside).
std::vector<int> boundary_loop(const core::MatrixX3iR& F, int start) {
    std::map<std::pair<int, int>, int> count;
    for (Eigen::Index f = 0; f < F.rows(); ++f)
        for (int k = 0; k < 3; ++k) {
            const int a = F(f, k), b = F(f, (k + 1) % 3);
            ++count[{std::min(a, b), std::max(a, b)}];
        }
    std::multimap<int, int> next;
    for (Eigen::Index f = 0; f < F.rows(); ++f)
        for (int k = 0; k < 3; ++k) {
            const int a = F(f, k), b = F(f, (k + 1) % 3);
            if (count[{std::min(a, b), std::max(a, b)}] == 1) next.emplace(a, b);
        }
    std::vector<int> loop;
    int v = start;
    while (next.count(v) && loop.size() <= next.size()) {
        loop.push_back(v);
        v = next.find(v)->second;
        if (v == start) return loop;
    }
    return {};
}

/// A free square-ish corner of the UV map (no face triangle in it): where the cavity's texture
/// goes. Returns texel rectangle in a size-by-size map.
cv::Rect free_corner(const core::Mesh& face, int size) {
    cv::Mat coverage;
    face::rasterize_uv(face, Eigen::MatrixXf::Zero(face.V.rows(), 1), size, &coverage);
    const int w = std::max(8, size / 8), h = std::max(8, size / 10), m = std::max(1, size / 64);
    for (const cv::Rect r :
         {cv::Rect(m, size - h - m, w, h), cv::Rect(size - w - m, size - h - m, w, h),
          cv::Rect(m, m, w, h), cv::Rect(size - w - m, m, w, h)}) {
        cv::Rect grown(r.x - m, r.y - m, r.width + 2 * m, r.height + 2 * m);
        grown &= cv::Rect(0, 0, size, size);
        if (cv::countNonZero(coverage(grown)) == 0) return r;
    }
    throw std::runtime_error("the template's UV layout has no free corner for the mouth cavity");
}

/// The cavity texture: upper teeth, dark throat, lower teeth, top to bottom.
void paint_cavity(cv::Mat& albedo, const cv::Rect& r) {
    for (int y = 0; y < r.height; ++y) {
        const float s = (y + 0.5f) / static_cast<float>(r.height);
        cv::Vec3f c;
        if (s < 0.22f)
            c = cv::Vec3f(0.80f, 0.78f, 0.70f);
        else if (s > 0.84f)
            c = cv::Vec3f(0.74f, 0.71f, 0.64f);
        else {
            const float dark = 1.f - std::abs(s - 0.53f) / 0.31f;  // 0 at the teeth, 1 deep inside
            c = (1.f - dark) * cv::Vec3f(0.35f, 0.10f, 0.10f) +
                dark * cv::Vec3f(0.06f, 0.015f, 0.015f);
        }
        for (int x = 0; x < r.width; ++x)
            albedo.at<cv::Vec3f>(r.y + y, r.x + x) = c;
    }
}

}  // namespace

std::bitset<256> photometric_exclusions() {
    std::bitset<256> out;
    for (int l = 0; l < face::kParsingLabelCount; ++l)
        if (!face::photometric_label(static_cast<face::ParsingLabel>(l)))
            out.set(static_cast<size_t>(l));
    for (int l = face::kParsingLabelCount; l < 256; ++l)
        out.set(static_cast<size_t>(l));
    return out;
}

SequenceRenderer::SequenceRenderer(const SyntheticSubject& subject, const face::TemplateRig& rig,
                                   const cv::Mat& background, const core::Camera& camera,
                                   const RenderStyle& style, std::uint64_t noise_seed)
    : subject_(subject), camera_(camera), style_(style), noise_seed_(noise_seed) {
    if (style.supersampling < 1 || style.supersampling > 4)
        throw std::invalid_argument("RenderStyle::supersampling must be in [1, 4]");
    const int s = style.supersampling;
    camera_hi_ = camera;
    camera_hi_.width = camera.width * s;
    camera_hi_.height = camera.height * s;
    camera_hi_.focal_px = camera.focal_px * s;
    camera_hi_.cx_px = (camera.cx_px + 0.5f) * s - 0.5f;
    camera_hi_.cy_px = (camera.cy_px + 0.5f) * s - 0.5f;

    const core::Mesh& face = subject.rig.neutral;
    const int n = face.vertex_count();
    mesh_.F = face.F;
    mesh_.UV = face.UV;
    albedo_ = subject.rig.albedo.clone();
    cv::resize(rig.parsing_uv, labels_, albedo_.size(), 0, 0, cv::INTER_NEAREST);

    if (style.mouth_interior) {
        const std::vector<int> ring = boundary_loop(face.F, kUpperInnerLip);
        const int jaw = rig.shape_index("jawOpen");
        if (ring.size() >= 3 && jaw >= 0) {
            const cv::Rect patch = free_corner(face, albedo_.rows);
            paint_cavity(albedo_, patch);
            const int L = static_cast<int>(ring.size());
            // Rim vertices (copies of the lip ring with cavity UVs), back loop, centre.
            float xmin = INFINITY, xmax = -INFINITY, jaw_max = 0.f;
            for (int v : ring) {
                xmin = std::min(xmin, face.V(v, 0));
                xmax = std::max(xmax, face.V(v, 0));
                jaw_max = std::max(jaw_max, -rig.deltas[static_cast<size_t>(jaw)](v, 1));
            }
            const int size = albedo_.rows;
            auto uv = [&](float along, float down) {
                const float x = patch.x + (0.1f + 0.8f * along) * patch.width;
                const float y = patch.y + down * patch.height;
                return Eigen::RowVector2f((x + 0.5f) / size, 1.f - (y + 0.5f) / size);
            };
            mesh_.UV.conservativeResize(n + 2 * L + 1, 2);
            for (int k = 0; k < L; ++k) {
                const int v = ring[static_cast<size_t>(k)];
                const float along = (face.V(v, 0) - xmin) / std::max(1e-6f, xmax - xmin);
                const bool lower = -rig.deltas[static_cast<size_t>(jaw)](v, 1) > 0.5f * jaw_max;
                mesh_.UV.row(n + k) = uv(along, lower ? 1.f : 0.f);
                mesh_.UV.row(n + L + k) = uv(along, lower ? 0.7f : 0.36f);
            }
            mesh_.UV.row(n + 2 * L) = uv(0.5f, 0.53f);
            // Walls (rim -> back) and the back cap; winding fixed below against the neutral.
            std::vector<Eigen::Vector3i> tris;
            for (int k = 0; k < L; ++k) {
                const int a = n + k, b = n + (k + 1) % L;
                tris.emplace_back(a, b, b + L);
                tris.emplace_back(a, b + L, a + L);
                tris.emplace_back(a + L, b + L, n + 2 * L);
            }
            // Orientation: seen through the open mouth, walls show their side facing the
            // cavity's axis and the back cap its side facing out of the face (+z).
            std::vector<float> open_w(static_cast<size_t>(subject.rig.shape_count()), 0.f);
            open_w[static_cast<size_t>(jaw)] = 0.8f;
            vertices_.resize(n + 2 * L + 1, 3);
            vertices_.topRows(n) = subject.vertices(open_w.data());
            cavity_ring_ = ring;
            place_cavity(n);
            const Eigen::Vector3f axis = vertices_.row(n + 2 * L).transpose();
            const Eigen::Index f0 = mesh_.F.rows();
            mesh_.F.conservativeResize(f0 + static_cast<Eigen::Index>(tris.size()), 3);
            for (size_t t = 0; t < tris.size(); ++t) {
                Eigen::Vector3i tri = tris[t];
                const Eigen::Vector3f a = vertices_.row(tri[0]).transpose();
                const Eigen::Vector3f b = vertices_.row(tri[1]).transpose();
                const Eigen::Vector3f c = vertices_.row(tri[2]).transpose();
                Eigen::Vector3f want(0.f, 0.f, 1.f);
                if (tri[2] != n + 2 * L) {
                    want = axis - (a + b + c) / 3.f;
                    want.z() = 0.f;
                    want = want.normalized() + Eigen::Vector3f(0.f, 0.f, 0.3f);
                }
                if ((b - a).cross(c - a).dot(want) < 0.f) std::swap(tri[1], tri[2]);
                mesh_.F.row(f0 + static_cast<Eigen::Index>(t)) = tri.transpose();
            }
        }
    }
    if (vertices_.rows() == 0) vertices_.resize(n, 3);

    cv::Mat bg;
    cv::resize(background, bg, cv::Size(camera_hi_.width, camera_hi_.height), 0, 0,
               cv::INTER_LINEAR);
    bg.convertTo(background_hi_, CV_32FC3, 1.0 / 255.0);
    options_.mask_excluded_labels = photometric_exclusions();
}

void SequenceRenderer::place_cavity(int n) {
    const int L = static_cast<int>(cavity_ring_.size());
    if (L == 0) return;
    Eigen::RowVector3f centre = Eigen::RowVector3f::Zero();
    for (int v : cavity_ring_)
        centre += vertices_.row(v);
    centre /= static_cast<float>(L);
    const Eigen::RowVector3f back(0.f, 0.f, style_.mouth_depth_cm);
    for (int k = 0; k < L; ++k) {
        const Eigen::RowVector3f p = vertices_.row(cavity_ring_[static_cast<size_t>(k)]);
        vertices_.row(n + k) = p;
        vertices_.row(n + L + k) = p + 0.15f * (centre - p) - back;
    }
    vertices_.row(n + 2 * L) = centre - 1.4f * back;
}

cv::Mat SequenceRenderer::render(const GroundTruthFrame& frame, cv::Mat* face_mask) {
    const core::MatrixX3fR V = subject_.vertices(frame.w.data());
    const int n = static_cast<int>(V.rows());
    vertices_.topRows(n) = V;
    place_cavity(n);
    apply_wrinkles(albedo_, subject_.wrinkles, frame.w.data(), &frame_albedo_);

    render::Scene scene;
    scene.mesh = &mesh_;
    scene.vertices = &vertices_;
    scene.albedo_uv = &frame_albedo_;
    scene.labels_uv = &labels_;
    scene.camera = camera_hi_;
    scene.pose = frame.pose;
    scene.lighting = frame.lighting;
    render::render(scene, options_, &rendering_);

    cv::Mat hi = background_hi_.clone();
    rendering_.colour.copyTo(hi, rendering_.triangle >= 0);
    cv::Mat out;
    cv::resize(hi, out, cv::Size(camera_.width, camera_.height), 0, 0, cv::INTER_AREA);
    if (style_.sensor_noise > 0.f) {
        cv::Mat noise(out.size(), CV_32FC3);
        cv::RNG rng(mix_seed(noise_seed_ ^ mix_seed(static_cast<std::uint64_t>(frame.index) + 7)));
        rng.fill(noise, cv::RNG::NORMAL, 0.0, style_.sensor_noise / 255.0);
        out += noise;
    }
    cv::Mat rgb8;
    out.convertTo(rgb8, CV_8UC3, 255.0);
    if (face_mask) {
        cv::Mat m;
        cv::resize(rendering_.mask, m, cv::Size(camera_.width, camera_.height), 0, 0,
                   cv::INTER_AREA);
        *face_mask = m > 127;
    }
    return rgb8;
}

}  // namespace likeness::eval

#include "engine/eval/photo_albedo.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "engine/face/uv_raster.hpp"
#include "engine/io/natural_sort.hpp"

namespace likeness::eval {
namespace {

/// Landmarks of the nose tip and of the two cheek extremes (FaceMesh indices).
constexpr int kNoseTip = 1, kRightCheek = 234, kLeftCheek = 454;

/// Divides the map by its low-frequency luminance (normalised convolution over the coverage)
/// raised to `strength`, keeping the mean brightness.
void flatten_lighting(cv::Mat& albedo, const cv::Mat& coverage, float strength, float sigma) {
    if (strength <= 0.f) return;
    cv::Mat lum(albedo.size(), CV_32F), weight;
    cv::transform(albedo, lum, cv::Matx13f(0.299f, 0.587f, 0.114f));
    coverage.convertTo(weight, CV_32F, 1.0 / 255.0);
    const double mean = cv::mean(lum, coverage)[0];
    if (!(mean > 0.0)) return;
    cv::Mat num = lum.mul(weight), den;
    const double s = std::max(1.0, static_cast<double>(sigma) * albedo.cols);
    cv::GaussianBlur(num, num, cv::Size(), s);
    cv::GaussianBlur(weight, den, cv::Size(), s);
    for (int y = 0; y < albedo.rows; ++y) {
        cv::Vec3f* a = albedo.ptr<cv::Vec3f>(y);
        const float* n = num.ptr<float>(y);
        const float* d = den.ptr<float>(y);
        for (int x = 0; x < albedo.cols; ++x) {
            if (d[x] < 1e-3f) continue;
            const float low = std::max(n[x] / d[x], 1e-3f);
            const float gain =
                std::clamp(std::pow(static_cast<float>(mean) / low, strength), 0.5f, 2.f);
            a[x] = cv::Vec3f(std::min(a[x][0] * gain, 1.f), std::min(a[x][1] * gain, 1.f),
                             std::min(a[x][2] * gain, 1.f));
        }
    }
}

}  // namespace

void extend_beyond_coverage(cv::Mat& map, const cv::Mat& coverage) {
    cv::Mat known = coverage.clone();
    const cv::Mat kernel = cv::Mat::ones(3, 3, CV_8U);
    for (int round = 0;
         round < map.cols && static_cast<size_t>(cv::countNonZero(known)) < known.total();
         ++round) {
        cv::Mat grown, sum, count, known_f;
        cv::dilate(known, grown, kernel);
        known.convertTo(known_f, CV_32F, 1.0 / 255.0);
        cv::Mat masked;
        cv::Mat known3;
        cv::merge(std::vector<cv::Mat>{known_f, known_f, known_f}, known3);
        masked = map.mul(known3);
        cv::boxFilter(masked, sum, -1, cv::Size(3, 3), cv::Point(-1, -1), false);
        cv::boxFilter(known_f, count, -1, cv::Size(3, 3), cv::Point(-1, -1), false);
        for (int y = 0; y < map.rows; ++y) {
            const uint8_t* k = known.ptr<uint8_t>(y);
            const uint8_t* g = grown.ptr<uint8_t>(y);
            cv::Vec3f* m = map.ptr<cv::Vec3f>(y);
            const cv::Vec3f* s = sum.ptr<cv::Vec3f>(y);
            const float* c = count.ptr<float>(y);
            for (int x = 0; x < map.cols; ++x)
                if (!k[x] && g[x] && c[x] > 0.f) m[x] = s[x] / c[x];
        }
        known = grown;
    }
}

PhotoAlbedo unwrap_photo_albedo(const cv::Mat& rgb,
                                const Eigen::Matrix<float, -1, 3, Eigen::RowMajor>& points,
                                const core::Mesh& canonical, const PhotoAlbedoOptions& o) {
    if (rgb.empty() || rgb.type() != CV_8UC3)
        throw std::invalid_argument("unwrap_photo_albedo: an 8-bit RGB image is required");
    if (points.rows() != canonical.V.rows() || canonical.UV.rows() != canonical.V.rows())
        throw std::invalid_argument(
            "unwrap_photo_albedo: one landmark per canonical vertex (with UVs) is required");
    if (o.size < 8) throw std::invalid_argument("unwrap_photo_albedo: size must be >= 8");
    // How well the photo sees each triangle: its area in the photo per unit of UV area
    // (negative when it faces away), relative to the median; averaged to the vertices.
    const Eigen::Index nv = canonical.V.rows(), nf = canonical.F.rows();
    std::vector<float> ratio(static_cast<size_t>(nf));
    for (Eigen::Index f = 0; f < nf; ++f) {
        auto area = [&](auto&& at) {
            const Eigen::Vector2f a = at(canonical.F(f, 0)), b = at(canonical.F(f, 1)),
                                  c = at(canonical.F(f, 2));
            return 0.5f * ((b - a).x() * (c - a).y() - (b - a).y() * (c - a).x());
        };
        // Image y points down, UV v up: a triangle facing the camera has opposite signs.
        const float image =
            -area([&](int v) { return Eigen::Vector2f(points(v, 0), points(v, 1)); });
        const float uv =
            area([&](int v) { return Eigen::Vector2f(canonical.UV(v, 0), canonical.UV(v, 1)); });
        ratio[static_cast<size_t>(f)] = std::abs(uv) > 1e-12f ? image / uv : 0.f;
    }
    std::vector<float> sorted = ratio;
    std::nth_element(sorted.begin(), sorted.begin() + nf / 2, sorted.end());
    const float median = std::max(1e-6f, sorted[static_cast<size_t>(nf / 2)]);
    Eigen::VectorXf seen = Eigen::VectorXf::Zero(nv), count = Eigen::VectorXf::Zero(nv);
    for (Eigen::Index f = 0; f < nf; ++f)
        for (int k = 0; k < 3; ++k) {
            seen[canonical.F(f, k)] += ratio[static_cast<size_t>(f)] / median;
            count[canonical.F(f, k)] += 1.f;
        }
    Eigen::MatrixXf values(nv, 3);
    values.leftCols<2>() = points.leftCols<2>();
    values.col(2) = seen.cwiseQuotient(count.cwiseMax(1.f));

    PhotoAlbedo out;
    const cv::Mat raster = face::rasterize_uv(canonical, values, o.size, &out.coverage);
    std::vector<cv::Mat> channels;
    cv::split(raster, channels);
    cv::Mat where;
    cv::merge(std::vector<cv::Mat>{channels[0], channels[1]}, where);
    cv::Mat photo;
    rgb.convertTo(photo, CV_32FC3, 1.0 / 255.0);
    cv::remap(photo, out.albedo, where, cv::Mat(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    // Texels the photo sees badly (foreshortened, turned away) take their mirror image's colour
    // when that one is seen well: the UV layout is symmetric about u = 0.5.
    const cv::Mat good = (channels[2] > o.min_visibility) & out.coverage;
    const cv::Mat albedo_copy = out.albedo.clone();
    for (int y = 0; y < o.size; ++y)
        for (int x = 0; x < o.size; ++x) {
            if (!out.coverage.at<uint8_t>(y, x) || good.at<uint8_t>(y, x)) continue;
            const int mx = o.size - 1 - x;
            if (good.at<uint8_t>(y, mx))
                out.albedo.at<cv::Vec3f>(y, x) = albedo_copy.at<cv::Vec3f>(y, mx);
        }
    out.albedo.setTo(cv::Scalar::all(0), ~out.coverage);
    flatten_lighting(out.albedo, out.coverage, o.flatten_lighting, o.flatten_sigma);
    extend_beyond_coverage(out.albedo, out.coverage);
    const float right = (points.row(kNoseTip) - points.row(kRightCheek)).leftCols<2>().norm();
    const float left = (points.row(kNoseTip) - points.row(kLeftCheek)).leftCols<2>().norm();
    out.yaw_asymmetry = right > 0.f && left > 0.f ? std::abs(std::log(right / left)) : INFINITY;
    return out;
}

std::vector<PhotoAlbedo> photo_albedos(const std::string& folder, nn::FaceLandmarker& landmarker,
                                       const core::Mesh& canonical, const PhotoAlbedoOptions& o,
                                       float max_yaw_asymmetry) {
    constexpr float min_detector_score = 0.6f;
    constexpr double min_face_px = 150.0;
    namespace fs = std::filesystem;
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::string ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (ext == ".jpg" || ext == ".jpeg" || ext == ".png")
            paths.push_back(entry.path().string());
    }
    io::natural_sort(paths);
    std::vector<PhotoAlbedo> out;
    for (const std::string& path : paths) {
        const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
        if (bgr.empty()) continue;
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        const std::vector<nn::FaceDetection> faces = landmarker.detect(rgb);
        for (size_t k = 0; k < faces.size(); ++k) {
            if (faces[k].score < min_detector_score || faces[k].crop.width() < min_face_px)
                continue;
            const nn::FrameLandmarks face = landmarker.landmarks(rgb, faces[k]);
            if (face.face_flag < 0.9f) continue;
            PhotoAlbedo a = unwrap_photo_albedo(rgb, face.mesh, canonical, o);
            if (a.yaw_asymmetry > max_yaw_asymmetry) continue;
            a.source = path + "#" + std::to_string(k);
            out.push_back(std::move(a));
        }
    }
    if (out.empty())
        throw std::runtime_error("no usable frontal face photo in '" + folder +
                                 "' (install the model packages: packaging/setup.sh)");
    return out;
}

}  // namespace likeness::eval

#include "engine/eval/wrinkle_albedo.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "engine/face/parsing_map.hpp"
#include "engine/face/uv_raster.hpp"

namespace likeness::eval {

std::vector<WrinkleMap> wrinkle_albedo(const face::TemplateRig& rig, const cv::Mat& albedo,
                                       const WrinkleOptions& o, Rng& rng) {
    const int size = albedo.rows;
    cv::Mat labels;
    cv::resize(rig.parsing_uv, labels, cv::Size(size, size), 0, 0, cv::INTER_NEAREST);
    cv::Mat skin = (labels == static_cast<int>(face::ParsingLabel::Skin)) |
                   (labels == static_cast<int>(face::ParsingLabel::Nose));
    cv::Mat skin_f;
    skin.convertTo(skin_f, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(skin_f, skin_f, cv::Size(), 0.004 * size + 0.5);

    std::vector<WrinkleMap> out;
    for (const std::string& name : o.shapes) {
        const int i = rig.shape_index(name);
        // Draw even for missing shapes so the stream does not depend on the rig.
        const float depth = static_cast<float>(rng.uniform(o.min_depth, o.max_depth));
        const float phase0 = static_cast<float>(rng.uniform(0.0, 6.283185307179586));
        if (i < 0) continue;
        const core::MatrixX3fR& dS = rig.deltas[static_cast<size_t>(i)];
        // Motion direction in texel coordinates (x right = +u, y down = −v): the template's UV
        // layout is close to a frontal projection, so model (x, −y) is texel (x, y).
        Eigen::MatrixXf motion(dS.rows(), 2);
        motion.col(0) = dS.col(0);
        motion.col(1) = -dS.col(1);
        cv::Mat direction = face::rasterize_uv(rig.neutral, motion, size);
        cv::GaussianBlur(direction, direction, cv::Size(), 0.01 * size + 0.5);
        cv::Mat mask;
        cv::resize(rig.attention_uv[static_cast<size_t>(i)], mask, cv::Size(size, size), 0, 0,
                   cv::INTER_LINEAR);
        cv::pow(mask, o.focus, mask);
        mask = mask.mul(skin_f);
        cv::Mat nonzero = mask > 0.02f;
        const cv::Rect roi = cv::boundingRect(nonzero);
        if (roi.area() == 0) continue;
        WrinkleMap map;
        map.shape = i;
        map.roi = roi;
        map.offset = cv::Mat(roi.size(), CV_32FC3, cv::Scalar::all(0));
        const float k = 6.2831853f / (o.spacing * static_cast<float>(size));
        for (int y = 0; y < roi.height; ++y) {
            const int Y = y + roi.y;
            const cv::Vec2f* d = direction.ptr<cv::Vec2f>(Y);
            const float* m = mask.ptr<float>(Y);
            const cv::Vec3f* a = albedo.ptr<cv::Vec3f>(Y);
            cv::Vec3f* out_row = map.offset.ptr<cv::Vec3f>(y);
            for (int x = 0; x < roi.width; ++x) {
                const int X = x + roi.x;
                const float len = std::hypot(d[X][0], d[X][1]);
                if (m[X] <= 0.f || len < 1e-6f) continue;
                const float along =
                    (static_cast<float>(X) * d[X][0] + static_cast<float>(Y) * d[X][1]) / len;
                const float line =
                    std::pow(std::max(0.f, std::cos(k * along + phase0)), o.sharpness);
                out_row[x] = -depth * line * m[X] * a[X];
            }
        }
        out.push_back(std::move(map));
    }
    return out;
}

void apply_wrinkles(const cv::Mat& albedo, const std::vector<WrinkleMap>& maps, const float* w,
                    cv::Mat* out) {
    albedo.copyTo(*out);
    for (const WrinkleMap& m : maps) {
        const float weight = w[m.shape];
        if (weight <= 0.f) continue;
        cv::Mat target = (*out)(m.roi);
        cv::scaleAdd(m.offset, weight, target, target);
    }
}

}  // namespace likeness::eval

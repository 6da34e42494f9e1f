#pragma once
// The UV parsing map T (paper §3.4, eq. 5): which face part each texel of the template's UV
// square shows. The renderer draws T through the fitted mesh to compare with an image parse;
// the photometric mask of eq. 4 excludes the eyes and the mouth interior.
#include <array>
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>

#include "engine/core/mesh.hpp"

namespace likeness::face {

enum class ParsingLabel : std::uint8_t {
    Outside = 0,  ///< not on the face mesh: hair, neck, background
    Skin = 1,
    BrowLeft = 2,
    BrowRight = 3,
    EyeLeft = 4,
    EyeRight = 5,
    Nose = 6,
    UpperLip = 7,
    LowerLip = 8,
    MouthInterior = 9,
};
constexpr int kParsingLabelCount = 10;

/// Stable lower-case names ("skin", "brow_left", ...), index = label value.
const std::array<std::string, kParsingLabelCount>& parsing_label_names();

/// size-by-size CV_8U map of ParsingLabel values. `canonical` is the 468-vertex canonical mesh
/// with its UVs (mouth triangles included: they cover the mouth interior); part outlines are the
/// landmark groups' polygons in UV. Texel convention as in uv_raster.hpp.
cv::Mat parsing_map(const core::Mesh& canonical, int size);

/// True for labels the photometric loss (eq. 4) uses: every face part but eyes and mouth.
bool photometric_label(ParsingLabel label);

/// An 8-bit RGB preview of a parsing map (one distinct colour per label).
cv::Mat parsing_map_preview(const cv::Mat& labels);

}  // namespace likeness::face

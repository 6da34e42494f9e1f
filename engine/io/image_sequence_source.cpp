#include "engine/io/image_sequence_source.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "engine/io/file_signature.hpp"
#include "engine/io/natural_sort.hpp"
#include "engine/io/to_rgb8.hpp"

namespace likeness::io {
namespace fs = std::filesystem;
namespace {

bool has_image_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kExtensions[] = {".png",  ".jpg", ".jpeg", ".bmp", ".tif", ".tiff",
                                              ".webp", ".pgm", ".ppm",  ".pnm", ".exr"};
    return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

std::string extension_codec(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == "jpg" ? "jpeg" : ext;
}

}  // namespace

ImageSequenceSource::ImageSequenceSource(SourceKind kind, std::string path,
                                         std::vector<std::string> files)
    : files_(std::move(files)) {
    info_.kind = kind;
    info_.path = std::move(path);
    info_.fps = kDefaultFps;
    info_.fps_known = false;
    info_.frame_count = static_cast<int64_t>(files_.size());
    info_.declared_frame_count = info_.frame_count;
    info_.frame_count_exact = true;
    info_.codec = extension_codec(files_.front());
    first_ = decode(0);
    info_.width = first_.cols;
    info_.height = first_.rows;
}

std::unique_ptr<ImageSequenceSource> ImageSequenceSource::open_image(const std::string& path) {
    return std::unique_ptr<ImageSequenceSource>(
        new ImageSequenceSource(SourceKind::Image, path, {path}));
}

std::unique_ptr<ImageSequenceSource> ImageSequenceSource::open_folder(const std::string& folder) {
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && has_image_extension(it->path()))
            files.push_back(it->path().string());
    }
    if (ec)
        throw VideoError(VideoError::Kind::Unreadable,
                         "folder '" + folder + "' cannot be listed: " + ec.message());
    if (files.empty())
        throw VideoError(
            VideoError::Kind::Empty,
            "folder '" + folder + "' holds no images (png, jpg, bmp, tif, webp, pgm/ppm, exr)");
    natural_sort(files);
    return std::unique_ptr<ImageSequenceSource>(
        new ImageSequenceSource(SourceKind::ImageFolder, folder, std::move(files)));
}

cv::Mat ImageSequenceSource::decode(size_t i) const {
    const std::string& path = files_[i];
    if (file_signature(path) != FileSignature::Image)
        throw VideoError(VideoError::Kind::NotVideo,
                         "'" + path + "' is not an image format Likeness can read");
    // Refuse absurd sizes before decoding: OpenCV would allocate them.
    const cv::Mat decoded = cv::imread(path, cv::IMREAD_UNCHANGED);
    if (decoded.empty())
        throw VideoError(VideoError::Kind::Corrupt,
                         "'" + path + "' is an image file that cannot be decoded (damaged?)");
    if (decoded.cols > kMaxFrameSide || decoded.rows > kMaxFrameSide)
        throw VideoError(VideoError::Kind::TooLarge,
                         "'" + path + "' is " + std::to_string(decoded.cols) + "x" +
                             std::to_string(decoded.rows) + " px; Likeness handles at most " +
                             std::to_string(kMaxFrameSide) + " px per side");
    return to_rgb8(decoded);
}

bool ImageSequenceSource::read(Frame& frame) {
    if (position_ >= static_cast<int64_t>(files_.size())) return false;
    const int64_t index = position_++;  // a bad image is skipped by the next read()
    frame.rgb =
        (index == 0 && !first_.empty()) ? first_.clone() : decode(static_cast<size_t>(index));
    frame.index = index;
    frame.time_s = static_cast<double>(index) / info_.fps;
    return true;
}

void ImageSequenceSource::seek(int64_t index) {
    if (index < 0 || index >= static_cast<int64_t>(files_.size()))
        throw VideoError(VideoError::Kind::BadSeek, "frame " + std::to_string(index) +
                                                        " is outside '" + info_.path + "' (" +
                                                        std::to_string(files_.size()) + " images)");
    position_ = index;
}

}  // namespace likeness::io

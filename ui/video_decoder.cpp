#include "ui/video_decoder.hpp"

#include "ui/image_conversion.hpp"

namespace likeness::ui {

VideoDecoder::~VideoDecoder() = default;

void VideoDecoder::open(const QString& path) {
    try {
        source_ = io::VideoSource::open(path.toStdString());
    } catch (const std::exception& e) {
        source_.reset();
        emit failed(QString::fromStdString(e.what()), true);
        return;
    }
    const io::VideoInfo& info = source_->info();
    VideoMeta meta;
    meta.path = path;
    meta.kind = QString::fromLatin1(io::to_string(info.kind));
    meta.width = info.width;
    meta.height = info.height;
    meta.fps = info.fps;
    meta.frame_count = info.frame_count > 0 ? info.frame_count : 0;
    meta.count_exact = info.frame_count_exact;
    emit opened(meta);
}

void VideoDecoder::decode(qint64 index) {
    if (!source_) return;
    try {
        if (source_->position() != index) source_->seek(index);
        io::Frame frame;
        const bool was_exact = source_->info().frame_count_exact;
        if (!source_->read(frame)) {
            if (!was_exact && source_->info().frame_count_exact)
                emit frameCountChanged(source_->info().frame_count);
            return;
        }
        emit frameReady(frame.index, to_qimage(frame.rgb));
    } catch (const io::VideoError& e) {
        if (e.kind() == io::VideoError::Kind::Truncated)
            emit frameCountChanged(source_->position());
        emit failed(QString::fromStdString(e.what()), false);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()), false);
    }
}

void VideoDecoder::close() {
    source_.reset();
}

}  // namespace likeness::ui

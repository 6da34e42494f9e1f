#pragma once
// Decodes video frames on a worker thread so playback and scrubbing never block the UI.
#include <QImage>
#include <QObject>
#include <QString>
#include <memory>

#include "engine/io/video_source.hpp"

namespace likeness::ui {

/// What the UI needs to know about an opened source (copyable across threads).
struct VideoMeta {
    QString path;
    QString kind;
    int width = 0;
    int height = 0;
    double fps = 25.0;
    qint64 frame_count = 0;  ///< may grow or shrink once the real end is reached
    bool count_exact = false;
};

/// Lives on a worker QThread; talk to it with queued calls and signals only.
class VideoDecoder : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;
    ~VideoDecoder() override;

  public slots:
    void open(const QString& path);
    /// Decodes frame `index` (seeking when needed) and emits frameReady or failed.
    void decode(qint64 index);
    void close();

  signals:
    void opened(const likeness::ui::VideoMeta& meta);
    void frameReady(qint64 index, const QImage& image);
    /// The real number of frames became known (the container's header was wrong).
    void frameCountChanged(qint64 frames);
    /// A decoding problem; `fatal` when the source could not be opened at all.
    void failed(const QString& message, bool fatal);

  private:
    std::unique_ptr<io::VideoSource> source_;
};

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::VideoMeta)

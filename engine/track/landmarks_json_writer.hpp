#pragma once
// Streams per-frame landmarks to a JSON file, one frame at a time (bounded memory for long
// videos), in the layout `likeness landmarks --json` documents:
// {"input":…, "width":…, "height":…, "fps":…, "frames":[{"index":i, "face":true|false,
//  "flag":…, "box":[x0,y0,x1,y1], "landmarks468":[[x,y,z],…], "landmarks68":[[x,y],…],
//  "iris":{"left":[[x,y],…],"right":[[x,y],…]}}, …], "summary":{…}}
// Coordinates are image pixels rounded to 1/1000 px. The file appears atomically at finish().
#include <cstdint>
#include <cstdio>
#include <string>

#include "engine/track/face_tracker.hpp"

namespace likeness::track {

class LandmarksJsonWriter {
  public:
    /// `path` "-" writes to stdout (not atomic). Throws std::runtime_error when the file cannot
    /// be created.
    LandmarksJsonWriter(const std::string& path, const std::string& input, int width, int height,
                        double fps);
    ~LandmarksJsonWriter();  ///< without finish(): removes the partial file
    LandmarksJsonWriter(const LandmarksJsonWriter&) = delete;
    LandmarksJsonWriter& operator=(const LandmarksJsonWriter&) = delete;

    void add(const TrackedFrame& frame);
    /// Closes the array, appends the tracker's summary and moves the file into place.
    void finish(const TrackerStats& stats);

  private:
    void write(const std::string& text);

    std::string path_, temp_path_;
    std::FILE* file_ = nullptr;
    bool first_ = true;
    bool finished_ = false;
};

/// One frame's JSON object (as written into "frames").
std::string landmarks_frame_json(const TrackedFrame& frame);

}  // namespace likeness::track

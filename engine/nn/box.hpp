#pragma once
// An axis-aligned box in image pixels (x right, y down), as the face front end passes crops.

namespace likeness::nn {

struct Box {
    double x0 = 0, y0 = 0;  ///< top-left corner (human's startPoint)
    double x1 = 0, y1 = 0;  ///< bottom-right corner (human's endPoint)

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    double center_x() const { return x0 + (x1 - x0) / 2; }
    double center_y() const { return y0 + (y1 - y0) / 2; }
};

}  // namespace likeness::nn

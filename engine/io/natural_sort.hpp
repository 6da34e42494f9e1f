#pragma once
#include <string>
#include <vector>

namespace likeness::io {

/// True when a sorts before b in "natural" order: runs of digits compare by value, so
/// frame2.png < frame10.png. Ties on value (frame01 vs frame1) fall back to plain order.
bool natural_less(const std::string& a, const std::string& b);

/// Sorts paths in natural order, in place.
void natural_sort(std::vector<std::string>& paths);

}  // namespace likeness::io

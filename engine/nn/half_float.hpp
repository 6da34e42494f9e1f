#pragma once
// IEEE 754 binary16 ("half") decoding, used for float16-quantized tfjs weights.
#include <cstdint>

namespace likeness::nn {

/// Exact value of the half-precision number with bit pattern `bits` (sign 1, exponent 5,
/// mantissa 10). Subnormals, signed zeros, infinities and NaN map to their float equivalents.
float half_to_float(std::uint16_t bits);

}  // namespace likeness::nn

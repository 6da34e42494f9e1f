#!/usr/bin/env bash
# Configures and builds Likeness into build/ (Release). Extra arguments go to cmake configure.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIKENESS_BUILD_DIR:-$top/build}"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLIKENESS_NATIVE=ON "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"

#!/usr/bin/env bash
# Installs, builds and runs every test headless (GUI tests under xvfb):  bash packaging/test.sh
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIKENESS_BUILD_DIR:-$top/build}"
bash "$top/packaging/setup.sh" --for-tests
extra=()
[ "${CI:-}" = "true" ] && extra+=(-DLIKENESS_WERROR=ON)
bash "$top/packaging/build.sh" "${extra[@]}"
cd "$build"
xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j2 --timeout 900

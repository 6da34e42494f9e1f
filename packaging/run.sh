#!/usr/bin/env bash
# The main job: install, build and start Likeness Studio, on the built-in demo or on the video
# given as the first argument:  bash packaging/run.sh [VIDEO]
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$top/packaging/setup.sh"
bash "$top/packaging/build.sh"
studio="${LIKENESS_BUILD_DIR:-$top/build}/app/likeness-studio"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display: start this from a desktop session (or with ssh -X)." >&2
  echo "     Headless machines use the CLI: ${studio%-studio} --help" >&2
  exit 1
fi
exec "$studio" "$@"

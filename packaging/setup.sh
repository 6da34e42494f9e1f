#!/usr/bin/env bash
# Installs everything Likeness needs on Debian 12: the system packages it builds against and
# the pinned model packages (npm, lock file in packaging/models) into the git-ignored models/.
# Idempotent: a second run changes nothing and takes a second.
#   bash packaging/setup.sh               what building and running needs
#   bash packaging/setup.sh --for-tests   also the tools the tests drive (Blender)
set -euo pipefail
for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"

debian_packages=(
  # build
  cmake g++ make pkg-config
  # libraries
  qtbase5-dev qt3d5-dev libeigen3-dev libopencv-dev libassimp-dev nlohmann-json3-dev
  libgtest-dev
  # headless GUI runs (tests, CI): X server, software OpenGL (Mesa llvmpipe), fonts
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
)
# Export tests: Blender imports our .glb and .fbx headless (tests/blender/*.py); its glTF
# importer needs numpy, which the Debian package does not pull in.
((for_tests)) && debian_packages+=(blender python3-numpy)
command -v npm >/dev/null 2>&1 || debian_packages+=(nodejs npm)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Model packages: reinstall only when the lock file changed since the last install.
models="${LIKENESS_MODELS:-$top/models}"
stamp="$models/.likeness-lock.sha256"
want="$(sha256sum "$here/models/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -d "$models/node_modules" ]; then
  echo "setup: installing model packages into $models"
  mkdir -p "$models"
  cp "$here/models/package.json" "$here/models/package-lock.json" "$models/"
  (cd "$models" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
fi
echo "setup: ready (models in $models)"

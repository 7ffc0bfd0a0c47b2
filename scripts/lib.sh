# Shared by the scripts/ commands: repository paths and the build step.
# shellcheck shell=bash
set -euo pipefail

STRATA_ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STRATA_ROOT_DIR
BUILD_DIR="${STRATA_BUILD_DIR:-$STRATA_ROOT_DIR/build}"

say() { printf '==> %s\n' "$*" >&2; }

# build_tree DIR [cmake args...]: configure once, then build everything in DIR
# (only $BUILD_TARGET when that is set).
build_tree() {
  local dir="$1"
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$STRATA_ROOT_DIR" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >&2
  fi
  cmake --build "$dir" -j "$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"} >&2
}

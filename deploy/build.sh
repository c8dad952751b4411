#!/usr/bin/env bash
# Configures (once) and builds everything into build/ (binaries in build/bin/).
# Usage: deploy/build.sh [BUILD_DIR] [extra ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
shift || true
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" "$@"

#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test: unit tests,
# the storage conformance suite, and the integration tests that start the real
# binaries and drive the real kubectl. Usage: tests/run-all.sh [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-deps.sh
./deploy/build.sh build
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"

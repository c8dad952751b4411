#!/usr/bin/env bash
# Usage: import-images.sh ADDRESS OUT_DIR
#
# Imports every image archive build-images.sh wrote to OUT_DIR into the containerd
# at ADDRESS (its socket path), in the `k8s.io` namespace the CRI plugin uses, and
# unpacks them for the overlayfs snapshotter so the first pod need not wait.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 ADDRESS OUT_DIR" >&2
  exit 2
fi
ADDRESS=${1#unix://}
OUT_DIR=$2
shopt -s nullglob
archives=("$OUT_DIR"/*.tar)
if [ ${#archives[@]} -eq 0 ]; then
  echo "import-images: no archives in $OUT_DIR (run build-images.sh)" >&2
  exit 1
fi
for archive in "${archives[@]}"; do
  ctr -a "$ADDRESS" -n k8s.io images import --snapshotter overlayfs "$archive" >/dev/null
  echo "import-images: $archive"
done

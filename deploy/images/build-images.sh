#!/usr/bin/env bash
# Usage: build-images.sh OUT_DIR
#
# Builds the node's images offline from Debian packages, as OCI image-layout
# archives that `ctr images import` (import-images.sh) and `skopeo copy oci-archive:`
# accept:
#   OUT_DIR/busybox.tar  docker.io/library/busybox:latest and :1.35 (busybox-static,
#                        its applet links, /etc/passwd and /etc/group, /tmp)
#   OUT_DIR/pause.tar    registry.k8s.io/pause:3.9 and localhost/kube-pause:3.9
#                        (pause.c, linked statically)
#   OUT_DIR/python.tar   docker.io/library/python-kubernetes:latest (`image:
#                        python-kubernetes`): python3 and the official Kubernetes
#                        client, the installed Debian packages python3 and
#                        python3-kubernetes with their dependency closure
#                        (python-rootfs.sh lays it out); runs python3
# Each index entry carries `io.containerd.image.name` (what containerd names the
# image; `image: busybox` normalizes to docker.io/library/busybox:latest) and
# `org.opencontainers.image.ref.name` (what skopeo selects with `oci-archive:FILE:REF`).
# Deterministic: the same packages give byte-identical archives (sorted tar entries,
# zero mtimes and owners, gzip without a name or time).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
OUT_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
BUSYBOX=${BUSYBOX:-/bin/busybox}

for tool in gcc gzip sha256sum tar; do
  command -v "$tool" >/dev/null || { echo "build-images: $tool is missing" >&2; exit 1; }
done
if ! "$BUSYBOX" --list-full >/dev/null 2>&1; then
  echo "build-images: $BUSYBOX is not a busybox (apt-get install busybox-static)" >&2
  exit 1
fi
if ldd "$BUSYBOX" >/dev/null 2>&1; then
  echo "build-images: $BUSYBOX is dynamically linked; busybox-static provides a static one" >&2
  exit 1
fi

case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
  *) ARCH=$(uname -m) ;;
esac

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_DIR"

TAR_FLAGS=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu)

digest_of() { sha256sum "$1" | cut -d' ' -f1; }
size_of() { stat -c %s "$1"; }

# Moves FILE into LAYOUT's blob store; prints its hex digest.
add_blob() {
  local file=$1 layout=$2 digest
  digest=$(digest_of "$file")
  mv "$file" "$layout/blobs/sha256/$digest"
  echo "$digest"
}

# build_image ARCHIVE ROOTFS CONFIG_JSON NAME...
# CONFIG_JSON is the image config's "config" object (Env, Cmd, Entrypoint, ...).
build_image() {
  local archive=$1 rootfs=$2 runtime_config=$3
  shift 3
  local layout
  layout="$WORK/layout-$(basename "$archive" .tar)"
  mkdir -p "$layout/blobs/sha256"

  # The layer: the rootfs's top-level entries, without a "./" prefix.
  local entries
  entries=$(cd "$rootfs" && ls -A)
  # shellcheck disable=SC2086 # entries are plain top-level names we created
  tar "${TAR_FLAGS[@]}" -C "$rootfs" -cf "$WORK/layer.tar" $entries
  local diff_id
  diff_id=$(digest_of "$WORK/layer.tar")
  gzip -n -6 "$WORK/layer.tar"
  local layer_size layer_digest
  layer_size=$(size_of "$WORK/layer.tar.gz")
  layer_digest=$(add_blob "$WORK/layer.tar.gz" "$layout")

  printf '{"architecture":"%s","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$ARCH" "$runtime_config" "$diff_id" >"$WORK/config.json"
  local config_size config_digest
  config_size=$(size_of "$WORK/config.json")
  config_digest=$(add_blob "$WORK/config.json" "$layout")

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$config_size" "$layer_digest" "$layer_size" >"$WORK/manifest.json"
  local manifest_size manifest_digest
  manifest_size=$(size_of "$WORK/manifest.json")
  manifest_digest=$(add_blob "$WORK/manifest.json" "$layout")

  local entries_json="" name
  for name in "$@"; do
    [ -n "$entries_json" ] && entries_json+=","
    entries_json+=$(printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}' \
      "$manifest_digest" "$manifest_size" "$ARCH" "$name" "$name")
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' \
    "$entries_json" >"$layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"

  find "$layout" -exec chmod u=rwX,go=rX {} +
  tar "${TAR_FLAGS[@]}" -C "$layout" -cf "$archive.tmp" oci-layout index.json blobs
  mv "$archive.tmp" "$archive"
  echo "build-images: $archive ($*; manifest sha256:$manifest_digest)"
}

# ---- busybox ----
root="$WORK/busybox-root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var,home}
install -m 0755 "$BUSYBOX" "$root/bin/busybox"
while read -r applet; do
  [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done < <("$BUSYBOX" --list-full)
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
  >"$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
chmod 0644 "$root/etc/passwd" "$root/etc/group"
chmod 0755 "$root" "$root"/{bin,sbin,usr,usr/bin,usr/sbin,etc,var,home}
chmod 0700 "$root/root"
chmod 1777 "$root/tmp"
build_image "$OUT_DIR/busybox.tar" "$root" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]}' \
  docker.io/library/busybox:latest docker.io/library/busybox:1.35

# ---- pause ----
root="$WORK/pause-root"
mkdir -p "$root"
gcc -static -O2 -s -o "$root/pause" "$HERE/pause.c"
chmod 0755 "$root" "$root/pause"
build_image "$OUT_DIR/pause.tar" "$root" '{"Entrypoint":["/pause"]}' \
  registry.k8s.io/pause:3.9 localhost/kube-pause:3.9

# ---- python-kubernetes ----
# A real in-cluster client for tests; LANG as the official python images set it.
root="$WORK/python-root"
"$HERE/python-rootfs.sh" "$root"
build_image "$OUT_DIR/python.tar" "$root" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],"Cmd":["python3"]}' \
  docker.io/library/python-kubernetes:latest

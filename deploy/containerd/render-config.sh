#!/usr/bin/env bash
# Usage: render-config.sh DIR POD_CIDR [options]
#   --sandbox-image IMAGE       pause image (default localhost/kube-pause:3.9, from
#                               deploy/images; import it before the first pod)
#   --runtime runc|crun         default runtime handler (default runc; both are defined)
#   --bridge NAME               the node's CNI bridge (default kube-br0)
#   --insecure-registry H:PORT  pull from http://H:PORT (repeatable; e.g. a loopback
#                               docker-registry)
#   --no-ip-masq                no per-pod masquerade chains from CNI's bridge plugin
#                               (the caller masquerades the pod CIDR with one rule)
#   --mirror REGISTRY=H:PORT    serve pulls of REGISTRY (docker.io, registry.k8s.io)
#                               from http://H:PORT only (repeatable): offline nodes
#                               resolve `image: busybox` without leaving the machine
#
# Writes one node's containerd configuration under DIR, with everything private to
# that node so several nodes can share a machine (each in its own network namespace):
#   DIR/config.toml                      containerd config (root, state, socket)
#   DIR/containerd.sock                  the CRI endpoint: unix://DIR/containerd.sock
#   DIR/root, DIR/state, DIR/opt         containerd's data, state and opt plugin
#   DIR/runc                             runc's state root (a shared one collides)
#   DIR/cni/net.d/10-kube-bridge.conflist  bridge + host-local + portmap for POD_CIDR
#   DIR/cni/ipam                         host-local's leases (the default is shared)
#   DIR/certs.d                          registry hosts (hosts.toml per registry)
# Settings this machine kind needs (see shared/research/runtime-probe.md):
# restrict_oom_score_adj (root lacks CAP_SYS_RESOURCE), disable_apparmor, cgroupfs
# (SystemdCgroup = false), netns mounts under the state dir (cleanup stays in DIR).
# Loopback in the pod needs no conflist entry: containerd's CRI always brings up lo
# with the loopback plugin from bin_dir.
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 2 ] || usage
DIR=$1
POD_CIDR=$2
shift 2
SANDBOX_IMAGE=localhost/kube-pause:3.9
RUNTIME=runc
BRIDGE=kube-br0
REGISTRIES=()
MIRRORS=()
IP_MASQ=true
while [ $# -gt 0 ]; do
  case "$1" in
    --sandbox-image) SANDBOX_IMAGE=$2; shift 2 ;;
    --runtime) RUNTIME=$2; shift 2 ;;
    --bridge) BRIDGE=$2; shift 2 ;;
    --insecure-registry) REGISTRIES+=("$2"); shift 2 ;;
    --mirror) MIRRORS+=("$2"); shift 2 ;;
    --no-ip-masq) IP_MASQ=false; shift ;;
    *) usage ;;
  esac
done
case "$RUNTIME" in runc | crun) ;; *) echo "render-config: unknown runtime $RUNTIME" >&2; exit 2 ;; esac
if ! [[ "$POD_CIDR" =~ ^[0-9.]+/[0-9]+$ ]]; then
  echo "render-config: POD_CIDR must be an IPv4 CIDR such as 10.244.1.0/24" >&2
  exit 2
fi

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
if [ ${#DIR} -gt 80 ]; then
  # unix socket paths are limited to 108 bytes, and containerd adds suffixes.
  echo "render-config: $DIR is too long for containerd's sockets" >&2
  exit 2
fi
mkdir -p "$DIR"/{root,state,opt,runc,cni/net.d,cni/ipam,certs.d}
RUNC=$(command -v runc || echo /usr/sbin/runc)
CRUN=$(command -v crun || echo /usr/bin/crun)

cat >"$DIR/config.toml" <<EOF
# containerd for one kube node; rendered by deploy/containerd/render-config.sh.
version = 2
root = "$DIR/root"
state = "$DIR/state"
oom_score = 0
disabled_plugins = [
  "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs",
  "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing",
]

[grpc]
  address = "$DIR/containerd.sock"

[ttrpc]
  address = "$DIR/containerd.sock.ttrpc"

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "$DIR/opt"

  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "$SANDBOX_IMAGE"
    restrict_oom_score_adj = true
    disable_apparmor = true
    enable_selinux = false
    netns_mounts_under_state_dir = true
    stream_server_address = "127.0.0.1"
    stream_server_port = "0"
    max_container_log_line_size = 16384

    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "$RUNTIME"

      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          BinaryName = "$RUNC"
          Root = "$DIR/runc"
          SystemdCgroup = false

      # crun refuses hybrid cgroups until hugetlb is mounted as v1 (runtime-probe.md).
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.crun]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.crun.options]
          BinaryName = "$CRUN"
          Root = "$DIR/crun"
          SystemdCgroup = false

    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/usr/lib/cni"
      conf_dir = "$DIR/cni/net.d"
      max_conf_num = 1

    [plugins."io.containerd.grpc.v1.cri".registry]
      config_path = "$DIR/certs.d"
EOF

cat >"$DIR/cni/net.d/10-kube-bridge.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "kube-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": $IP_MASQ,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_CIDR"}]],
        "routes": [{"dst": "0.0.0.0/0"}],
        "dataDir": "$DIR/cni/ipam"
      }
    },
    {
      "type": "portmap",
      "capabilities": {"portMappings": true},
      "snat": true
    }
  ]
}
EOF

for registry in "${REGISTRIES[@]}"; do
  mkdir -p "$DIR/certs.d/$registry"
  cat >"$DIR/certs.d/$registry/hosts.toml" <<EOF
server = "http://$registry"

[host."http://$registry"]
  capabilities = ["pull", "resolve"]
EOF
done

# A mirror replaces the registry outright (server is the mirror too), so a miss is
# an error on the mirror and never a lookup of the real registry's name.
for mirror in "${MIRRORS[@]}"; do
  registry=${mirror%%=*}
  address=${mirror#*=}
  if [ -z "$registry" ] || [ "$registry" = "$mirror" ] || [ -z "$address" ]; then
    echo "render-config: --mirror wants REGISTRY=HOST:PORT, not $mirror" >&2
    exit 2
  fi
  mkdir -p "$DIR/certs.d/$registry"
  cat >"$DIR/certs.d/$registry/hosts.toml" <<EOF
server = "http://$address"

[host."http://$address"]
  capabilities = ["pull", "resolve"]
EOF
done

echo "render-config: $DIR/config.toml (endpoint unix://$DIR/containerd.sock, pods $POD_CIDR)"

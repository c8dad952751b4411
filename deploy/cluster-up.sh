#!/usr/bin/env bash
# Brings up a one-node cluster on this machine: installs what is missing, builds if
# needed, and starts kube-apiserver (embedded SQLite store), kube-scheduler,
# kube-controller-manager (when built), a private containerd (its own root, state,
# socket, runc root and CNI bridge on the node's pod CIDR, all under DIR), a loopback
# image registry that stands in for docker.io and registry.k8s.io, and the kubelet.
# Imports the offline images, writes DIR/admin.kubeconfig and returns once the Node
# is Ready. Running it again starts only what is not running (pid files in DIR).
#
# Usage: deploy/cluster-up.sh --data-dir DIR [--bin-dir DIR] [--netns NAME]
#          [--port PORT] [--pod-cidr CIDR] [--node-name NAME] [--registry-port PORT]
#          [--kubelet-port PORT] [--timeout SECONDS]
#   --netns NAME   run every daemon inside network namespace NAME (created when
#                  missing; cluster-down deletes it): pod traffic and the API stay in
#                  it. Clients run there too: nsenter --net=/run/netns/NAME kubectl ...
#   --bin-dir DIR  use these binaries; skips installing and building.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR=""
BIN_DIR=""
# Settings left empty here come from an earlier run's DIR/cluster.env, else defaults.
NETNS=""
PORT=""
POD_CIDR=""
NODE_NAME=""
REGISTRY_PORT=""
KUBELET_PORT=""
TIMEOUT=120
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --bin-dir) BIN_DIR="$2"; shift 2 ;;
    --bin-dir=*) BIN_DIR="${1#*=}"; shift ;;
    --netns) NETNS="$2"; shift 2 ;;
    --netns=*) NETNS="${1#*=}"; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --pod-cidr) POD_CIDR="$2"; shift 2 ;;
    --pod-cidr=*) POD_CIDR="${1#*=}"; shift ;;
    --node-name) NODE_NAME="$2"; shift 2 ;;
    --node-name=*) NODE_NAME="${1#*=}"; shift ;;
    --registry-port) REGISTRY_PORT="$2"; shift 2 ;;
    --registry-port=*) REGISTRY_PORT="${1#*=}"; shift ;;
    --kubelet-port) KUBELET_PORT="$2"; shift 2 ;;
    --kubelet-port=*) KUBELET_PORT="${1#*=}"; shift ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --timeout=*) TIMEOUT="${1#*=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster-up: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$DATA_DIR" ]; then
  echo "cluster-up: --data-dir DIR is required" >&2
  exit 2
fi
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
if [ -f "$DATA_DIR/cluster.env" ]; then
  # Running again: the same cluster, unless told otherwise.
  previous() { sed -n "s/^$1=//p" "$DATA_DIR/cluster.env"; }
  NETNS="${NETNS:-$(previous NETNS)}"
  PORT="${PORT:-$(previous PORT)}"
  POD_CIDR="${POD_CIDR:-$(previous POD_CIDR)}"
  NODE_NAME="${NODE_NAME:-$(previous NODE_NAME)}"
  REGISTRY_PORT="${REGISTRY_PORT:-$(previous REGISTRY_PORT)}"
  KUBELET_PORT="${KUBELET_PORT:-$(previous KUBELET_PORT)}"
fi
PORT="${PORT:-6443}"
GRPC_PORT=$((PORT + 1))
POD_CIDR="${POD_CIDR:-10.88.0.0/24}"
NODE_NAME="${NODE_NAME:-$(hostname | tr '[:upper:]' '[:lower:]')}"
REGISTRY_PORT="${REGISTRY_PORT:-5000}"
KUBELET_PORT="${KUBELET_PORT:-10250}"
# Root's sbin directories hold runc, ip and iptables; a CI shell may lack them.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

step() { printf '==> %s\n' "$*"; }
fail() { echo "cluster-up: $*" >&2; exit 1; }
# A zombie (exited, not reaped yet) counts as gone.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null; }
running() { [ -f "$1" ] && alive "$(cat "$1")"; }

if [ "$(id -u)" -ne 0 ]; then
  fail "containers need root (containerd, runc, CNI); run as root"
fi

if [ -z "$BIN_DIR" ]; then
  step "installing missing packages"
  "$ROOT/deploy/install-deps.sh"
  step "building"
  "$ROOT/deploy/build.sh" build kube-apiserver kube-scheduler kubelet
  # The controller manager joins once the tree has it.
  if ninja -C "$ROOT/build" -t targets all 2>/dev/null | grep -q '^kube-controller-manager:'; then
    "$ROOT/deploy/build.sh" build kube-controller-manager
  fi
  BIN_DIR="$ROOT/build/bin"
fi
BIN_DIR="$(cd "$BIN_DIR" && pwd)"
for binary in kube-apiserver kubelet; do
  [ -x "$BIN_DIR/$binary" ] || fail "$BIN_DIR/$binary is missing"
done
for program in containerd ctr runc nsenter ip curl; do
  command -v "$program" >/dev/null || fail "$program is missing (deploy/install-deps.sh)"
done

# What cluster-down needs to undo, written before anything is made.
CONTAINERD_DIR="$DATA_DIR/containerd"
if [ ${#CONTAINERD_DIR} -gt 80 ]; then
  fail "$DATA_DIR is too long: containerd's socket paths are bounded (keep it under 60 bytes)"
fi
CLUSTER_ID="$(printf '%s' "$DATA_DIR" | sha256sum | cut -c1-8)"
CGROUP_ROOT="/kube-$CLUSTER_ID"
BRIDGE="kbr-$CLUSTER_ID"
mkdir -p "$DATA_DIR/logs"
cat >"$DATA_DIR/cluster.env" <<ENV
NETNS=$NETNS
CGROUP_ROOT=$CGROUP_ROOT
BRIDGE=$BRIDGE
NODE_NAME=$NODE_NAME
PORT=$PORT
POD_CIDR=$POD_CIDR
REGISTRY_PORT=$REGISTRY_PORT
KUBELET_PORT=$KUBELET_PORT
ENV

# ---- the network namespace ----
IN_NS=()
if [ -n "$NETNS" ]; then
  if [ ! -e "/run/netns/$NETNS" ]; then
    step "creating network namespace $NETNS"
    ip netns add "$NETNS"
  fi
  # nsenter --net, not `ip netns exec`: the latter remounts /sys, hiding the cgroup
  # mounts runc needs.
  IN_NS=(nsenter "--net=/run/netns/$NETNS")
  "${IN_NS[@]}" ip link set lo up
fi
# Pods reach each other over the bridge; their traffic out of the pod CIDR (and the
# hairpin through a service) is forwarded and masqueraded in this namespace.
# On the host's own network the old value is kept for cluster-down to put back.
if [ -z "$NETNS" ] && [ ! -f "$DATA_DIR/ip_forward.before" ]; then
  cat /proc/sys/net/ipv4/ip_forward >"$DATA_DIR/ip_forward.before"
fi
"${IN_NS[@]}" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward' 2>/dev/null || true

# Starts "$@" in the namespace, detached, logging to logs/NAME.log; pid in NAME.pid.
start_daemon() {
  local name=$1
  shift
  nohup "${IN_NS[@]}" "$@" </dev/null >>"$DATA_DIR/logs/$name.log" 2>&1 &
  echo $! >"$DATA_DIR/$name.pid"
}

# Waits (bounded) until `probe` succeeds; fails with the log's end if `pid_file`'s
# process exits first.
wait_for() {
  local what=$1 pid_file=$2 log=$3 seconds=$4
  shift 4
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$pid_file" ] && ! running "$pid_file"; then
      echo "cluster-up: $what exited; the end of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "cluster-up: $what not ready after ${seconds}s; the end of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
}

# ---- images: built once from Debian packages ----
IMAGES_DIR="$DATA_DIR/images"
if [ ! -f "$IMAGES_DIR/busybox.tar" ] || [ ! -f "$IMAGES_DIR/pause.tar" ]; then
  step "building the offline images (busybox, pause)"
  "$ROOT/deploy/images/build-images.sh" "$IMAGES_DIR" >>"$DATA_DIR/logs/images.log" 2>&1 ||
    { tail -n 20 "$DATA_DIR/logs/images.log" >&2; fail "build-images.sh failed"; }
fi

# ---- the registry: docker.io and registry.k8s.io, offline ----
REGISTRY="127.0.0.1:$REGISTRY_PORT"
REGISTRY_PID="$DATA_DIR/docker-registry.pid"
if command -v docker-registry >/dev/null && command -v skopeo >/dev/null; then
  if running "$REGISTRY_PID"; then
    step "registry already running (pid $(cat "$REGISTRY_PID"))"
  else
    step "starting the image registry on $REGISTRY"
    mkdir -p "$DATA_DIR/registry"
    cat >"$DATA_DIR/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DATA_DIR/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YAML
    start_daemon docker-registry docker-registry serve "$DATA_DIR/registry/config.yml"
    wait_for "docker-registry" "$REGISTRY_PID" "$DATA_DIR/logs/docker-registry.log" 20 \
      "${IN_NS[@]}" curl -fsS "http://$REGISTRY/v2/"
  fi
  if [ ! -f "$DATA_DIR/registry/pushed" ]; then
    step "pushing busybox and pause into the registry"
    for ref in library/busybox:latest library/busybox:1.35; do
      "${IN_NS[@]}" skopeo --insecure-policy copy --quiet --dest-tls-verify=false \
        "oci-archive:$IMAGES_DIR/busybox.tar:docker.io/$ref" "docker://$REGISTRY/$ref"
    done
    "${IN_NS[@]}" skopeo --insecure-policy copy --quiet --dest-tls-verify=false \
      "oci-archive:$IMAGES_DIR/pause.tar:registry.k8s.io/pause:3.9" "docker://$REGISTRY/pause:3.9"
    touch "$DATA_DIR/registry/pushed"
  fi
  MIRROR_FLAGS=(--insecure-registry "$REGISTRY" --mirror "docker.io=$REGISTRY"
                --mirror "registry.k8s.io=$REGISTRY")
else
  step "no docker-registry/skopeo: images come only from the offline import"
  MIRROR_FLAGS=()
fi

# ---- the node's bridge, made now so the node has its address before any pod ----
# CNI's bridge plugin adopts an existing bridge and its gateway address; the kubelet
# advertises that address as the node's InternalIP, which pods can reach.
NODE_IP="${POD_CIDR%.*}.1"
PREFIX="${POD_CIDR#*/}"
if ! "${IN_NS[@]}" ip link show "$BRIDGE" >/dev/null 2>&1; then
  step "creating bridge $BRIDGE ($NODE_IP/$PREFIX)"
  "${IN_NS[@]}" ip link add "$BRIDGE" type bridge
fi
"${IN_NS[@]}" ip addr replace "$NODE_IP/$PREFIX" dev "$BRIDGE"
"${IN_NS[@]}" ip link set "$BRIDGE" up
# Pod traffic leaving the pod CIDR is masqueraded by this one rule, not by a chain
# per pod from CNI: nothing per pod to add on start or to leak on teardown.
MASQ_RULE=(POSTROUTING -s "$POD_CIDR" ! -d "$POD_CIDR" -m comment --comment "kube pods $CLUSTER_ID"
           -j MASQUERADE)
if command -v iptables >/dev/null && ! "${IN_NS[@]}" iptables -t nat -C "${MASQ_RULE[@]}" 2>/dev/null; then
  "${IN_NS[@]}" iptables -t nat -A "${MASQ_RULE[@]}"
fi

# ---- containerd ----
CONTAINERD_PID="$CONTAINERD_DIR/containerd.pid"
if running "$CONTAINERD_PID"; then
  step "containerd already running (pid $(cat "$CONTAINERD_PID"))"
else
  step "starting containerd (pods on $POD_CIDR, bridge $BRIDGE)"
  "$ROOT/deploy/containerd/render-config.sh" "$CONTAINERD_DIR" "$POD_CIDR" --bridge "$BRIDGE" \
    --no-ip-masq "${MIRROR_FLAGS[@]}" >>"$DATA_DIR/logs/containerd-setup.log"
  # Leases of pods that died with an earlier containerd would never be released.
  rm -rf "$CONTAINERD_DIR/cni/ipam"
  mkdir -p "$CONTAINERD_DIR/cni/ipam"
  "${IN_NS[@]}" "$ROOT/deploy/containerd/start-containerd.sh" "$CONTAINERD_DIR" >/dev/null
  step "importing the images"
  "$ROOT/deploy/images/import-images.sh" "$CONTAINERD_DIR/containerd.sock" "$IMAGES_DIR" \
    >>"$DATA_DIR/logs/containerd-setup.log"
fi

# ---- kube-apiserver ----
APISERVER_PID="$DATA_DIR/kube-apiserver.pid"
if running "$APISERVER_PID"; then
  step "kube-apiserver already running (pid $(cat "$APISERVER_PID"))"
else
  step "starting kube-apiserver on 127.0.0.1:$PORT"
  mkdir -p "$DATA_DIR/apiserver"
  start_daemon kube-apiserver "$BIN_DIR/kube-apiserver" --data-dir "$DATA_DIR/apiserver" \
    --insecure-port "$PORT" --grpc-port "$GRPC_PORT"
fi
step "waiting for the API to be ready"
wait_for "kube-apiserver" "$APISERVER_PID" "$DATA_DIR/logs/kube-apiserver.log" 30 \
  "${IN_NS[@]}" curl -fsS "http://127.0.0.1:$PORT/readyz"

write_kubeconfig() {
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $2
contexts:
- name: local
  context:
    cluster: local
    namespace: default
    user: admin
current-context: local
users:
- name: admin
  user: {}
KUBECONFIG
}
write_kubeconfig "$DATA_DIR/admin.kubeconfig" "http://127.0.0.1:$PORT"
# Our own components talk gRPC; kubectl and other clients use REST.
write_kubeconfig "$DATA_DIR/components.kubeconfig" "grpc://127.0.0.1:$GRPC_PORT"

# ---- the other control-plane daemons ----
SCHEDULER_PID="$DATA_DIR/kube-scheduler.pid"
if [ -x "$BIN_DIR/kube-scheduler" ]; then
  if running "$SCHEDULER_PID"; then
    step "kube-scheduler already running (pid $(cat "$SCHEDULER_PID"))"
  else
    step "starting kube-scheduler"
    start_daemon kube-scheduler "$BIN_DIR/kube-scheduler" \
      --kubeconfig "$DATA_DIR/components.kubeconfig" --port 0
  fi
fi
CONTROLLER_MANAGER_PID="$DATA_DIR/kube-controller-manager.pid"
if [ -x "$BIN_DIR/kube-controller-manager" ]; then
  if running "$CONTROLLER_MANAGER_PID"; then
    step "kube-controller-manager already running (pid $(cat "$CONTROLLER_MANAGER_PID"))"
  else
    step "starting kube-controller-manager"
    start_daemon kube-controller-manager "$BIN_DIR/kube-controller-manager" \
      --kubeconfig "$DATA_DIR/components.kubeconfig"
  fi
fi

# ---- the kubelet ----
KUBELET_PID="$DATA_DIR/kubelet.pid"
if running "$KUBELET_PID"; then
  step "kubelet already running (pid $(cat "$KUBELET_PID"))"
else
  step "starting the kubelet (node $NODE_NAME)"
  mkdir -p "$DATA_DIR/kubelet"
  start_daemon kubelet "$BIN_DIR/kubelet" --kubeconfig "$DATA_DIR/components.kubeconfig" \
    --node-name "$NODE_NAME" --root-dir "$DATA_DIR/kubelet" --pod-cidr "$POD_CIDR" \
    --container-runtime-endpoint "unix://$CONTAINERD_DIR/containerd.sock" \
    --cgroup-root "$CGROUP_ROOT" --node-ip "$NODE_IP" --port "$KUBELET_PORT"
fi

step "waiting for node $NODE_NAME to be Ready"
node_ready() {
  "${IN_NS[@]}" curl -fsS "http://127.0.0.1:$PORT/api/v1/nodes/$NODE_NAME" |
    tr -d ' \n' | grep -q '"type":"Ready","status":"True"'
}
wait_for "the kubelet" "$KUBELET_PID" "$DATA_DIR/logs/kubelet.log" "$TIMEOUT" node_ready

KUBECTL="kubectl"
[ -n "$NETNS" ] && KUBECTL="nsenter --net=/run/netns/$NETNS kubectl"
cat <<SUMMARY

Cluster is up: node $NODE_NAME is Ready.
  API server:  http://127.0.0.1:$PORT${NETNS:+ in network namespace $NETNS} (plain HTTP, no
               authentication: development mode); grpc://127.0.0.1:$GRPC_PORT for components
  Runtime:     containerd at unix://$CONTAINERD_DIR/containerd.sock, pods on $POD_CIDR
  Registry:    $REGISTRY (serves docker.io and registry.k8s.io images offline)
  Data:        $DATA_DIR
  Logs:        $DATA_DIR/logs/

Point kubectl at it:
  export KUBECONFIG=$DATA_DIR/admin.kubeconfig
  $KUBECTL get nodes
  $KUBECTL create -f $ROOT/deploy/examples/counter-pod.yaml

Stop it with: $ROOT/deploy/cluster-down.sh --data-dir $DATA_DIR
SUMMARY

#!/usr/bin/env bash
# Brings up a one-node cluster on this machine: installs what is missing, builds if
# needed, and starts kube-apiserver (embedded SQLite store), kube-scheduler,
# kube-controller-manager (when built), a private containerd (its own root, state,
# socket, runc root and CNI bridge on the node's pod CIDR, all under DIR), a loopback
# image registry that stands in for docker.io and registry.k8s.io, and the kubelet.
# kube-proxy and the cluster DNS add-on (when built). Imports the offline images,
# writes DIR/admin.kubeconfig and returns once every Node is Ready. Running it again
# starts only what is not running (pid files in DIR).
#
# Usage: deploy/cluster-up.sh --data-dir DIR [--bin-dir DIR] [--netns NAME]
#          [--nodes N] [--port PORT] [--pod-cidr CIDR] [--cluster-cidr CIDR]
#          [--node-name NAME] [--registry-port PORT] [--kubelet-port PORT]
#          [--proxy-mode iptables|nftables] [--timeout SECONDS] [--images-dir DIR]
#   --netns NAME   run every daemon inside network namespace NAME (created when
#                  missing; cluster-down deletes it): pod traffic and the API stay in
#                  it. Clients run there too: nsenter --net=/run/netns/NAME kubectl ...
#   --nodes N      N nodes, each in a network namespace of its own (NAME-n1 ...) with
#                  its own containerd, kubelet and kube-proxy, joined by veth to a
#                  bridge in NAME (172.30.0.0/24; NAME holds the control plane at
#                  172.30.0.1), node k owning pod CIDR 10.244.k.0/24 of
#                  --cluster-cidr, routed between nodes. Implies --netns (default
#                  kube-<id>).
#   --bin-dir DIR  use these binaries; skips installing and building.
#   --images-dir DIR  where the offline images are built (default DIR/images); clusters
#                  may share one: it is rebuilt only when deploy/images/ changed.
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
NODES=""
CLUSTER_CIDR=""
PROXY_MODE=""
TIMEOUT=120
IMAGES_DIR=""
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
    --nodes) NODES="$2"; shift 2 ;;
    --nodes=*) NODES="${1#*=}"; shift ;;
    --cluster-cidr) CLUSTER_CIDR="$2"; shift 2 ;;
    --cluster-cidr=*) CLUSTER_CIDR="${1#*=}"; shift ;;
    --proxy-mode) PROXY_MODE="$2"; shift 2 ;;
    --proxy-mode=*) PROXY_MODE="${1#*=}"; shift ;;
    --images-dir) IMAGES_DIR="$2"; shift 2 ;;
    --images-dir=*) IMAGES_DIR="${1#*=}"; shift ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --timeout=*) TIMEOUT="${1#*=}"; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
  NODES="${NODES:-$(previous NODES)}"
  CLUSTER_CIDR="${CLUSTER_CIDR:-$(previous CLUSTER_CIDR)}"
  PROXY_MODE="${PROXY_MODE:-$(previous PROXY_MODE)}"
fi
PORT="${PORT:-6443}"
GRPC_PORT=$((PORT + 1))
POD_CIDR="${POD_CIDR:-10.88.0.0/24}"
NODE_NAME="${NODE_NAME:-$(hostname | tr '[:upper:]' '[:lower:]')}"
REGISTRY_PORT="${REGISTRY_PORT:-5000}"
KUBELET_PORT="${KUBELET_PORT:-10250}"
PROXY_MODE="${PROXY_MODE:-iptables}"
# Services get virtual IPs from here; the DNS add-on's is the tenth, as kubeadm's.
SERVICE_CIDR=10.96.0.0/16
DNS_SERVICE_IP=10.96.0.10
CLUSTER_DOMAIN=cluster.local
if [ -n "$NODES" ]; then
  [[ "$NODES" =~ ^[1-9][0-9]?$ ]] || { echo "cluster-up: --nodes wants 1 to 99" >&2; exit 2; }
  CLUSTER_CIDR="${CLUSTER_CIDR:-10.244.0.0/16}"
  [[ "$CLUSTER_CIDR" =~ ^[0-9]+\.[0-9]+\.0\.0/16$ ]] ||
    { echo "cluster-up: --cluster-cidr must be a /16 such as 10.244.0.0/16" >&2; exit 2; }
else
  CLUSTER_CIDR="${CLUSTER_CIDR:-$POD_CIDR}"
fi
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
  "$ROOT/deploy/build.sh" build kube-apiserver kube-scheduler kube-controller-manager kubelet \
    kube-proxy cluster-dns kube-pki
  BIN_DIR="$ROOT/build/bin"
fi
BIN_DIR="$(cd "$BIN_DIR" && pwd)"
for binary in kube-apiserver kubelet kube-pki; do
  [ -x "$BIN_DIR/$binary" ] || fail "$BIN_DIR/$binary is missing"
done
for program in containerd ctr runc nsenter ip curl; do
  command -v "$program" >/dev/null || fail "$program is missing (deploy/install-deps.sh)"
done

# What cluster-down needs to undo, written before anything is made.
NODE_SUFFIX=""  # the longest containerd dir below DATA_DIR
[ -n "$NODES" ] && NODE_SUFFIX="/nodes/node-99"
if [ $((${#DATA_DIR} + ${#NODE_SUFFIX})) -gt 70 ]; then
  fail "$DATA_DIR is too long: containerd's socket paths are bounded (keep it under 56 bytes)"
fi
CLUSTER_ID="$(printf '%s' "$DATA_DIR" | sha256sum | cut -c1-8)"
CGROUP_ROOT="/kube-$CLUSTER_ID"
BRIDGE="kbr-$CLUSTER_ID"
if [ -n "$NODES" ]; then
  NETNS="${NETNS:-kube-$CLUSTER_ID}"
fi
mkdir -p "$DATA_DIR/logs"
cat >"$DATA_DIR/cluster.env" <<ENV
NETNS=$NETNS
NODES=$NODES
CGROUP_ROOT=$CGROUP_ROOT
BRIDGE=$BRIDGE
NODE_NAME=$NODE_NAME
PORT=$PORT
POD_CIDR=$POD_CIDR
CLUSTER_CIDR=$CLUSTER_CIDR
PROXY_MODE=$PROXY_MODE
REGISTRY_PORT=$REGISTRY_PORT
KUBELET_PORT=$KUBELET_PORT
BIN_DIR=$BIN_DIR
ENV

# Starts "$@" detached, logging to LOG, its pid in PID_FILE. The caller puts any
# nsenter prefix in "$@".
start_daemon() {
  local pid_file=$1 log=$2
  shift 2
  nohup "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$pid_file"
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

# ---- the network namespace(s) ----
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

# Multi-node: the control plane's namespace holds the node network's bridge.
NODE_NET=172.30.0
CONTROL_IP=""
if [ -n "$NODES" ]; then
  CONTROL_IP="$NODE_NET.1"
  if ! "${IN_NS[@]}" ip link show "$BRIDGE" >/dev/null 2>&1; then
    step "creating the node network $NODE_NET.0/24 (bridge $BRIDGE in $NETNS)"
    "${IN_NS[@]}" ip link add "$BRIDGE" type bridge
  fi
  "${IN_NS[@]}" ip addr replace "$CONTROL_IP/24" dev "$BRIDGE"
  "${IN_NS[@]}" ip link set "$BRIDGE" up
fi
# Where the nodes reach the control plane (API, registry, DNS add-on).
API_HOST="${CONTROL_IP:-127.0.0.1}"
# Where pods reach the API (the kubernetes Service's endpoint): the control plane's
# node-network address, or the one node's bridge address.
ADVERTISE_IP="${CONTROL_IP:-${POD_CIDR%.*}.1}"

# ---- images: built once from Debian packages ----
IMAGES_DIR="${IMAGES_DIR:-$DATA_DIR/images}"
mkdir -p "$IMAGES_DIR"
# What built them: a change to deploy/images/ rebuilds them.
IMAGES_STAMP="$(cat "$ROOT"/deploy/images/* | sha256sum | cut -d' ' -f1)"
{
  # One cluster builds while others sharing the directory wait.
  flock 9
  if [ "$(cat "$IMAGES_DIR/stamp" 2>/dev/null)" != "$IMAGES_STAMP" ] ||
     [ ! -f "$IMAGES_DIR/busybox.tar" ] || [ ! -f "$IMAGES_DIR/pause.tar" ] ||
     [ ! -f "$IMAGES_DIR/python.tar" ]; then
    step "building the offline images (busybox, pause, python-kubernetes)"
    "$ROOT/deploy/images/build-images.sh" "$IMAGES_DIR" >>"$DATA_DIR/logs/images.log" 2>&1 ||
      { tail -n 20 "$DATA_DIR/logs/images.log" >&2; fail "build-images.sh failed"; }
    echo "$IMAGES_STAMP" >"$IMAGES_DIR/stamp"
  fi
} 9>"$IMAGES_DIR/.lock"

# ---- the registry: docker.io and registry.k8s.io, offline ----
REGISTRY="$API_HOST:$REGISTRY_PORT"
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
    start_daemon "$REGISTRY_PID" "$DATA_DIR/logs/docker-registry.log" \
      "${IN_NS[@]}" docker-registry serve "$DATA_DIR/registry/config.yml"
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
  # A marker of its own: a registry filled before this image existed gets it too.
  if [ ! -f "$DATA_DIR/registry/pushed-python" ]; then
    step "pushing python-kubernetes into the registry"
    "${IN_NS[@]}" skopeo --insecure-policy copy --quiet --dest-tls-verify=false \
      "oci-archive:$IMAGES_DIR/python.tar:docker.io/library/python-kubernetes:latest" \
      "docker://$REGISTRY/library/python-kubernetes:latest"
    touch "$DATA_DIR/registry/pushed-python"
  fi
  MIRROR_FLAGS=(--insecure-registry "$REGISTRY" --mirror "docker.io=$REGISTRY"
                --mirror "registry.k8s.io=$REGISTRY")
else
  step "no docker-registry/skopeo: images come only from the offline import"
  MIRROR_FLAGS=()
fi

# ---- the cluster's PKI: made on first start, renewed when near expiry ----
# One CA signs the apiserver's serving certificate (for 127.0.0.1, the node network
# address and the kubernetes Service's names and IP), a client certificate per
# component and the ServiceAccount signing key; every key and kubeconfig is 0600.
PKI="$DATA_DIR/pki"
step "the cluster PKI in $PKI"
pki() { "$BIN_DIR/kube-pki" "$@" >>"$DATA_DIR/logs/pki.log"; }
pki init --dir "$PKI" --service-cidr "$SERVICE_CIDR" --cluster-domain "$CLUSTER_DOMAIN" \
  --apiserver-san "localhost,127.0.0.1,$API_HOST,$ADVERTISE_IP"
pki issue --dir "$PKI" --name kube-scheduler --cn system:kube-scheduler --client
# The scheduler's and controller-manager's secure ports (10259, 10257) on loopback.
pki issue --dir "$PKI" --name kube-scheduler-serving --cn kube-scheduler --server \
  --san localhost,127.0.0.1
pki issue --dir "$PKI" --name kube-controller-manager-serving --cn kube-controller-manager \
  --server --san localhost,127.0.0.1
# Least privilege: the controller-manager's own user lists, watches and records
# events; each loop writes as its ServiceAccount (--use-service-account-credentials).
pki issue --dir "$PKI" --name kube-controller-manager --cn system:kube-controller-manager \
  --client
pki issue --dir "$PKI" --name cluster-dns --cn system:serviceaccount:kube-system:kube-dns --client
CURL_ADMIN=(curl -fsS --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")

# ---- kube-apiserver ----
APISERVER_PID="$DATA_DIR/kube-apiserver.pid"
if running "$APISERVER_PID"; then
  step "kube-apiserver already running (pid $(cat "$APISERVER_PID"))"
else
  step "starting kube-apiserver on https://$API_HOST:$PORT"
  mkdir -p "$DATA_DIR/apiserver"
  # Nodes reach it on the node network and pods on the bridge: it listens on every
  # address (of the cluster's namespace, with --netns); TLS and RBAC guard it.
  start_daemon "$APISERVER_PID" "$DATA_DIR/logs/kube-apiserver.log" \
    "${IN_NS[@]}" "$BIN_DIR/kube-apiserver" --data-dir "$DATA_DIR/apiserver" \
    --bind-address 0.0.0.0 --advertise-address "$ADVERTISE_IP" --secure-port "$PORT" \
    --grpc-port "$GRPC_PORT" --service-cluster-ip-range "$SERVICE_CIDR" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction --profiling=false --enable-bootstrap-token-auth \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt"
fi
step "waiting for the API to be ready"
wait_for "kube-apiserver" "$APISERVER_PID" "$DATA_DIR/logs/kube-apiserver.log" 30 \
  "${IN_NS[@]}" "${CURL_ADMIN[@]}" "https://127.0.0.1:$PORT/readyz"

# kubectl and other clients use REST; our own components talk gRPC (over the same
# TLS), each with its own certificate. The nodes reach the API across the node network.
kubeconfig() {  # NAME SERVER CERT
  pki kubeconfig --dir "$PKI" --server "$2" --cert "$3" --out "$DATA_DIR/$1.kubeconfig"
}
kubeconfig admin "https://127.0.0.1:$PORT" admin
kubeconfig kube-scheduler "grpc://127.0.0.1:$GRPC_PORT" kube-scheduler
kubeconfig kube-controller-manager "grpc://127.0.0.1:$GRPC_PORT" kube-controller-manager
kubeconfig cluster-dns "grpc://127.0.0.1:$GRPC_PORT" cluster-dns

# ---- the other control-plane daemons ----
SCHEDULER_PID="$DATA_DIR/kube-scheduler.pid"
if [ -x "$BIN_DIR/kube-scheduler" ]; then
  if running "$SCHEDULER_PID"; then
    step "kube-scheduler already running (pid $(cat "$SCHEDULER_PID"))"
  else
    step "starting kube-scheduler"
    start_daemon "$SCHEDULER_PID" "$DATA_DIR/logs/kube-scheduler.log" \
      "${IN_NS[@]}" "$BIN_DIR/kube-scheduler" --kubeconfig "$DATA_DIR/kube-scheduler.kubeconfig" \
      --secure-port 10259 --bind-address 127.0.0.1 --client-ca-file "$PKI/ca.crt" \
      --profiling=false \
      --tls-cert-file "$PKI/kube-scheduler-serving.crt" \
      --tls-private-key-file "$PKI/kube-scheduler-serving.key"
  fi
fi
CONTROLLER_MANAGER_PID="$DATA_DIR/kube-controller-manager.pid"
if [ -x "$BIN_DIR/kube-controller-manager" ]; then
  if running "$CONTROLLER_MANAGER_PID"; then
    step "kube-controller-manager already running (pid $(cat "$CONTROLLER_MANAGER_PID"))"
  else
    step "starting kube-controller-manager"
    start_daemon "$CONTROLLER_MANAGER_PID" "$DATA_DIR/logs/kube-controller-manager.log" \
      "${IN_NS[@]}" "$BIN_DIR/kube-controller-manager" \
      --kubeconfig "$DATA_DIR/kube-controller-manager.kubeconfig" --root-ca-file "$PKI/ca.crt" \
      --use-service-account-credentials --profiling=false \
      --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
      --secure-port 10257 --bind-address 127.0.0.1 --client-ca-file "$PKI/ca.crt" \
      --tls-cert-file "$PKI/kube-controller-manager-serving.crt" \
      --tls-private-key-file "$PKI/kube-controller-manager-serving.key"
  fi
fi

# ---- the cluster DNS add-on ----
# It runs beside the control plane (upstream runs it as pods) and answers on DNS_IP;
# the Service kube-system/kube-dns gives it the cluster IP pods use, and kube-proxy
# forwards that to DNS_IP. It forwards nothing off the machine.
if [ -n "$NODES" ]; then
  DNS_IP="$CONTROL_IP"
else
  DNS_IP="${POD_CIDR%.*}.1"  # the node's bridge address (made below, before the pods)
fi
HAVE_DNS=0
[ -x "$BIN_DIR/cluster-dns" ] && HAVE_DNS=1
api_post() {  # COLLECTION NAME JSON: creates the object unless it exists
  local code
  code=$("${IN_NS[@]}" "${CURL_ADMIN[@]}" -o /dev/null -w '%{http_code}' \
    "https://127.0.0.1:$PORT$1/$2" || true)
  [ "$code" = 200 ] && return 0
  code=$("${IN_NS[@]}" "${CURL_ADMIN[@]}" -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data "$3" "https://127.0.0.1:$PORT$1" || true)
  case "$code" in 201|409) ;; *) fail "POST $1 answered $code" ;; esac
}
if [ $HAVE_DNS -eq 1 ]; then
  DNS_PORTS='[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]'
  api_post /api/v1/namespaces/kube-system/services kube-dns "{\"apiVersion\":\"v1\",\"kind\":\"Service\",
    \"metadata\":{\"name\":\"kube-dns\",\"namespace\":\"kube-system\",\"labels\":{\"k8s-app\":\"kube-dns\"}},
    \"spec\":{\"clusterIP\":\"$DNS_SERVICE_IP\",\"ports\":$DNS_PORTS}}"
  api_post /api/v1/namespaces/kube-system/endpoints kube-dns "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",
    \"metadata\":{\"name\":\"kube-dns\",\"namespace\":\"kube-system\",\"labels\":{\"k8s-app\":\"kube-dns\"}},
    \"subsets\":[{\"addresses\":[{\"ip\":\"$DNS_IP\"}],\"ports\":$DNS_PORTS}]}"
  DNS_FLAGS=(--cluster-dns "$DNS_SERVICE_IP" --cluster-domain "$CLUSTER_DOMAIN")
else
  DNS_FLAGS=()
fi

# ---- what a machine joining the cluster needs (kubeadm's layout) ----
# A bootstrap token (DATA_DIR/join-token), its bindings and kube-public/cluster-info
# (deploy/join-setup.sh); the CA's pin is what the joining machine checks.
"${IN_NS[@]}" "$ROOT/deploy/join-setup.sh" --server "https://127.0.0.1:$PORT" \
  --ca "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  --advertise "https://$API_HOST:$PORT" --token-file "$DATA_DIR/join-token" \
  >>"$DATA_DIR/logs/join-setup.log" || fail "publishing the join token failed (logs/join-setup.log)"
JOIN_TOKEN=$(cat "$DATA_DIR/join-token")
JOIN_TOKEN_ID=${JOIN_TOKEN%%.*}
CA_HASH=$("$BIN_DIR/kube-pki" ca-hash --dir "$PKI")

# What an administrator does for a joining node: requests upstream never approves by
# itself (the kubelet's serving certificate, kube-proxy's client certificate) are
# approved once they are checked: the expected requester, subject and address.
# approve_request LABEL SIGNER REQUESTER SUBJECT IP DONE...: approves the first
# pending request of SIGNER by REQUESTER whose subject is SUBJECT (as openssl prints
# it) naming IP (unless ""), or returns when the command DONE... succeeds first (the
# certificate it would bring is there already).
approve_request() {
  local label=$1 signer=$2 requester=$3 subject=$4 ip=$5 csr request deadline=$((SECONDS + 120))
  shift 5
  while [ $SECONDS -lt $deadline ]; do
    "$@" && return 0
    csr=$("${IN_NS[@]}" "${CURL_ADMIN[@]}" "https://127.0.0.1:$PORT/apis/certificates.k8s.io/v1/certificatesigningrequests" |
      python3 -c '
import json, sys
signer, requester = sys.argv[1], sys.argv[2]
for csr in json.load(sys.stdin)["items"]:
    spec, status = csr["spec"], csr.get("status", {})
    if (spec["signerName"] == signer and spec.get("username") == requester
            and not status.get("conditions")):
        print(csr["metadata"]["name"], spec["request"])
        break' "$signer" "$requester")
    if [ -n "$csr" ]; then
      request=$(echo "${csr#* }" | base64 -d | openssl req -noout -text 2>/dev/null)
      grep -qx " *Subject: $subject" <<<"$request" &&
        { [ -z "$ip" ] || grep -q "IP Address:$ip\b" <<<"$request"; } ||
        fail "$label: certificate request ${csr%% *} is not for $subject${ip:+ at $ip}"
      "${IN_NS[@]}" "${CURL_ADMIN[@]}" "https://127.0.0.1:$PORT/apis/certificates.k8s.io/v1/certificatesigningrequests/${csr%% *}" |
        python3 -c '
import json, sys
csr = json.load(sys.stdin)
csr.setdefault("status", {})["conditions"] = [{"type": "Approved", "status": "True",
    "reason": "ClusterUp", "message": "approved by cluster-up.sh for the node it adds"}]
print(json.dumps(csr))' |
        "${IN_NS[@]}" "${CURL_ADMIN[@]}" -o /dev/null -X PUT -H 'Content-Type: application/json' \
          --data-binary @- "https://127.0.0.1:$PORT/apis/certificates.k8s.io/v1/certificatesigningrequests/${csr%% *}/approval" ||
        fail "$label: approving ${csr%% *} failed"
      step "$label: approved certificate request ${csr%% *} ($signer)"
      return 0
    fi
    sleep 0.5
  done
  fail "$label: no certificate request within 120s"
}
# Done for a kubelet that serves: it holds its serving certificate. Fails the run
# if the kubelet died.
kubelet_serving() {  # PID_FILE LOG LOG_OFFSET
  running "$1" || { tail -n 20 "$2" >&2; fail "the kubelet exited while joining"; }
  tail -c "+$(($3 + 1))" "$2" 2>/dev/null | grep -q "kubelet server listening"
}
# Done for a background kube-pki request: it has exited.
exited() { ! kill -0 "$1" 2>/dev/null; }

# ---- a node: its network, containerd, kubelet and kube-proxy ----
# NODE_NS: the node's namespace command prefix (array), NODE_DIR: where its pid files,
# containerd and kubelet state go, NODE_LOG: log file prefix.
start_node() {
  local name=$1 node_dir=$2 node_log=$3 pod_cidr=$4 node_ip=$5 pod_bridge=$6 cgroup=$7
  local containerd_dir="$node_dir/containerd"
  local gateway="${pod_cidr%.*}.1" prefix="${pod_cidr#*/}"
  # CNI's bridge plugin adopts an existing bridge and its gateway address; made now
  # so the node has its address before any pod.
  if ! "${NODE_NS[@]}" ip link show "$pod_bridge" >/dev/null 2>&1; then
    step "$name: creating bridge $pod_bridge ($gateway/$prefix)"
    "${NODE_NS[@]}" ip link add "$pod_bridge" type bridge
  fi
  "${NODE_NS[@]}" ip addr replace "$gateway/$prefix" dev "$pod_bridge"
  "${NODE_NS[@]}" ip link set "$pod_bridge" up
  # Pod traffic leaving the cluster's pod network is masqueraded by this one rule,
  # not by a chain per pod from CNI: nothing per pod to add on start or to leak on
  # teardown. Pod to pod (on any node) keeps its source address.
  local masq=(POSTROUTING -s "$pod_cidr" ! -d "$CLUSTER_CIDR" -m comment
              --comment "kube pods $CLUSTER_ID" -j MASQUERADE)
  if command -v iptables >/dev/null && ! "${NODE_NS[@]}" iptables -t nat -C "${masq[@]}" 2>/dev/null; then
    "${NODE_NS[@]}" iptables -t nat -A "${masq[@]}"
  fi

  local containerd_pid="$containerd_dir/containerd.pid"
  if running "$containerd_pid"; then
    step "$name: containerd already running (pid $(cat "$containerd_pid"))"
  else
    step "$name: starting containerd (pods on $pod_cidr, bridge $pod_bridge)"
    "$ROOT/deploy/containerd/render-config.sh" "$containerd_dir" "$pod_cidr" --bridge "$pod_bridge" \
      --no-ip-masq "${MIRROR_FLAGS[@]}" >>"$DATA_DIR/logs/${node_log}containerd-setup.log"
    # Leases of pods that died with an earlier containerd would never be released.
    rm -rf "$containerd_dir/cni/ipam"
    mkdir -p "$containerd_dir/cni/ipam"
    "${NODE_NS[@]}" "$ROOT/deploy/containerd/start-containerd.sh" "$containerd_dir" >/dev/null
    step "$name: importing the images"
    "$ROOT/deploy/images/import-images.sh" "$containerd_dir/containerd.sock" "$IMAGES_DIR" \
      >>"$DATA_DIR/logs/${node_log}containerd-setup.log"
  fi

  # The node joins as any machine would, knowing only the API's URL, the bootstrap
  # token and the CA's pin: kube-pki discover checks the CA and writes the bootstrap
  # kubeconfig; the kubelet gets its client certificate (system:node:NAME, approved
  # and signed by the controller-manager) and asks for its serving certificate, which
  # this script, as the administrator, approves after checking its names.
  "${NODE_NS[@]}" "$BIN_DIR/kube-pki" discover --server "$NODE_REST_URL" --token "$JOIN_TOKEN" \
    --discovery-token-ca-cert-hash "$CA_HASH" --out "$node_dir/bootstrap-kubelet.kubeconfig" \
    --kubeconfig-server "$NODE_API_URL" >>"$DATA_DIR/logs/pki.log" ||
    fail "$name: could not discover the cluster at $NODE_REST_URL"

  local kubelet_pid="$node_dir/kubelet.pid"
  if running "$kubelet_pid"; then
    step "$name: kubelet already running (pid $(cat "$kubelet_pid"))"
  else
    step "$name: starting the kubelet (TLS bootstrap with the join token)"
    mkdir -p "$node_dir/kubelet"
    local log_offset
    log_offset=$(stat -c %s "$DATA_DIR/logs/${node_log}kubelet.log" 2>/dev/null || echo 0)
    start_daemon "$kubelet_pid" "$DATA_DIR/logs/${node_log}kubelet.log" \
      "${NODE_NS[@]}" "$BIN_DIR/kubelet" --kubeconfig "$node_dir/kubelet.kubeconfig" \
      --bootstrap-kubeconfig "$node_dir/bootstrap-kubelet.kubeconfig" \
      --rotate-certificates --rotate-server-certificates --cert-dir "$node_dir/kubelet-pki" \
      --node-name "$name" --root-dir "$node_dir/kubelet" --pod-cidr "$pod_cidr" \
      --container-runtime-endpoint "unix://$containerd_dir/containerd.sock" \
      --cgroup-root "$cgroup" --node-ip "$node_ip" --port "$KUBELET_PORT" "${DNS_FLAGS[@]}" \
      --client-ca-file "$PKI/ca.crt" --anonymous-auth=false --authorization-mode Webhook \
      --read-only-port 0
    approve_request "$name" kubernetes.io/kubelet-serving "system:node:$name" \
      "O = system:nodes, CN = system:node:$name" "$node_ip" \
      kubelet_serving "$kubelet_pid" "$DATA_DIR/logs/${node_log}kubelet.log" "$log_offset"
  fi

  local proxy_pid="$node_dir/kube-proxy.pid"
  if [ -x "$BIN_DIR/kube-proxy" ]; then
    if running "$proxy_pid"; then
      step "$name: kube-proxy already running (pid $(cat "$proxy_pid"))"
    else
      step "$name: starting kube-proxy ($PROXY_MODE)"
      # Its own identity, system:kube-proxy, asked for with the join token.
      "${NODE_NS[@]}" "$BIN_DIR/kube-pki" request \
        --kubeconfig "$node_dir/bootstrap-kubelet.kubeconfig" --cn system:kube-proxy \
        --out "$node_dir/kube-proxy.kubeconfig" >>"$DATA_DIR/logs/pki.log" 2>&1 &
      local request_pid=$!
      approve_request "$name: kube-proxy" kubernetes.io/kube-apiserver-client \
        "system:bootstrap:$JOIN_TOKEN_ID" "CN = system:kube-proxy" "" exited "$request_pid"
      wait "$request_pid" || fail "$name: kube-proxy's certificate request failed (see logs/pki.log)"
      start_daemon "$proxy_pid" "$DATA_DIR/logs/${node_log}kube-proxy.log" \
        "${NODE_NS[@]}" "$BIN_DIR/kube-proxy" --kubeconfig "$node_dir/kube-proxy.kubeconfig" \
        --hostname-override "$name" --proxy-mode "$PROXY_MODE" --cluster-cidr "$CLUSTER_CIDR"
    fi
  fi
}

NODE_NAMES=()
if [ -z "$NODES" ]; then
  # One node, in the control plane's namespace (or on the host), its state in DIR.
  NODE_NS=("${IN_NS[@]}")
  NODE_API_URL="grpc://127.0.0.1:$GRPC_PORT"
  NODE_REST_URL="https://127.0.0.1:$PORT"
  NODE_IP="${POD_CIDR%.*}.1"
  start_node "$NODE_NAME" "$DATA_DIR" "" "$POD_CIDR" "$NODE_IP" "$BRIDGE" "$CGROUP_ROOT"
  NODE_NAMES=("$NODE_NAME")
else
  NODE_API_URL="grpc://$API_HOST:$GRPC_PORT"
  NODE_REST_URL="https://$API_HOST:$PORT"
  CIDR_BASE="${CLUSTER_CIDR%.0.0/16}"
  # Every node's network first, so that routes to all pod CIDRs exist before pods.
  for k in $(seq 1 "$NODES"); do
    ns="$NETNS-n$k"
    node_ip="$NODE_NET.$((10 + k))"
    if [ ! -e "/run/netns/$ns" ]; then
      step "node-$k: network namespace $ns ($node_ip)"
      ip netns add "$ns"
    fi
    NODE_NS=(nsenter "--net=/run/netns/$ns")
    "${NODE_NS[@]}" ip link set lo up
    if ! "${NODE_NS[@]}" ip link show eth0 >/dev/null 2>&1; then
      "${IN_NS[@]}" ip link add "kv-$k" type veth peer name eth0 netns "$ns"
      "${IN_NS[@]}" ip link set "kv-$k" master "$BRIDGE" up
    fi
    "${NODE_NS[@]}" ip addr replace "$node_ip/24" dev eth0
    "${NODE_NS[@]}" ip link set eth0 up
    "${NODE_NS[@]}" ip route replace default via "$CONTROL_IP"
    "${NODE_NS[@]}" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
    for j in $(seq 1 "$NODES"); do
      [ "$j" -eq "$k" ] && continue
      "${NODE_NS[@]}" ip route replace "$CIDR_BASE.$j.0/24" via "$NODE_NET.$((10 + j))"
    done
    "${IN_NS[@]}" ip route replace "$CIDR_BASE.$k.0/24" via "$node_ip"
  done
  for k in $(seq 1 "$NODES"); do
    NODE_NS=(nsenter "--net=/run/netns/$NETNS-n$k")
    mkdir -p "$DATA_DIR/nodes/node-$k"
    start_node "node-$k" "$DATA_DIR/nodes/node-$k" "node-$k-" "$CIDR_BASE.$k.0/24" \
      "$NODE_NET.$((10 + k))" cbr0 "$CGROUP_ROOT/node-$k"
    NODE_NAMES+=("node-$k")
  done
fi

DNS_PID="$DATA_DIR/cluster-dns.pid"
if [ $HAVE_DNS -eq 1 ]; then
  if running "$DNS_PID"; then
    step "cluster DNS already running (pid $(cat "$DNS_PID"))"
  else
    step "starting the cluster DNS add-on on $DNS_IP:53 (service $DNS_SERVICE_IP)"
    start_daemon "$DNS_PID" "$DATA_DIR/logs/cluster-dns.log" \
      "${IN_NS[@]}" "$BIN_DIR/cluster-dns" --kubeconfig "$DATA_DIR/cluster-dns.kubeconfig" \
      --bind-address "$DNS_IP" --port 53 --cluster-domain "$CLUSTER_DOMAIN"
  fi
fi

node_ready() {
  "${IN_NS[@]}" "${CURL_ADMIN[@]}" "https://127.0.0.1:$PORT/api/v1/nodes/$1" |
    tr -d ' \n' | grep -q '"type":"Ready","status":"True"'
}
for name in "${NODE_NAMES[@]}"; do
  step "waiting for node $name to be Ready"
  kubelet_pid_file="$DATA_DIR/kubelet.pid"
  log="$DATA_DIR/logs/kubelet.log"
  if [ -n "$NODES" ]; then
    kubelet_pid_file="$DATA_DIR/nodes/$name/kubelet.pid"
    log="$DATA_DIR/logs/$name-kubelet.log"
  fi
  wait_for "the kubelet of $name" "$kubelet_pid_file" "$log" "$TIMEOUT" node_ready "$name"
done

KUBECTL="kubectl"
[ -n "$NETNS" ] && KUBECTL="nsenter --net=/run/netns/$NETNS kubectl"
if [ -n "$NODES" ]; then
  NODES_LINE="$NODES nodes (${NODE_NAMES[*]}), each in network namespace $NETNS-n<k> at $NODE_NET.1<k>"
  PODS_LINE="pods on $CLUSTER_CIDR (node k: ${CLUSTER_CIDR%.0.0/16}.k.0/24)"
else
  NODES_LINE="node $NODE_NAME"
  PODS_LINE="pods on $POD_CIDR"
fi
cat <<SUMMARY

Cluster is up: every node is Ready.
  Nodes:       $NODES_LINE
  API server:  https://127.0.0.1:$PORT${NETNS:+ in network namespace $NETNS} (TLS, x509 and
               ServiceAccount authentication, RBAC); gRPC over TLS on $API_HOST:$GRPC_PORT
  PKI:         $PKI (CA, certificates and keys, 0600)
  Runtime:     containerd per node, $PODS_LINE
  Services:    cluster IPs from $SERVICE_CIDR, kube-proxy ($PROXY_MODE) on every node
  DNS:         $([ $HAVE_DNS -eq 1 ] && echo "$DNS_SERVICE_IP (kube-system/kube-dns), domain $CLUSTER_DOMAIN" || echo "not built")
  Registry:    $REGISTRY (serves docker.io and registry.k8s.io images offline)
  Data:        $DATA_DIR
  Logs:        $DATA_DIR/logs/

Join another machine (its kubelet asks for its certificate with the token):
  kube-pki discover --server https://$API_HOST:$PORT --token $JOIN_TOKEN \\
    --discovery-token-ca-cert-hash $CA_HASH --out bootstrap.kubeconfig
  kubelet --bootstrap-kubeconfig bootstrap.kubeconfig --kubeconfig kubelet.kubeconfig ...

Point kubectl at it:
  export KUBECONFIG=$DATA_DIR/admin.kubeconfig
  $KUBECTL get nodes
  $KUBECTL create -f $ROOT/deploy/examples/counter-pod.yaml

Stop it with: $ROOT/deploy/cluster-down.sh --data-dir $DATA_DIR
SUMMARY

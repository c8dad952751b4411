#!/usr/bin/env bash
# Brings up the cluster on this machine: installs what is missing, builds if needed,
# starts every daemon that exists (for now: kube-apiserver on the embedded SQLite
# store), writes DIR/admin.kubeconfig and returns once the API answers. Running it
# again starts only what is not running.
#
# Usage: deploy/cluster-up.sh --data-dir DIR [--bin-dir DIR] [--port PORT]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR=""
BIN_DIR=""
PORT=6443
GRPC_PORT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --bin-dir) BIN_DIR="$2"; shift 2 ;;
    --bin-dir=*) BIN_DIR="${1#*=}"; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "cluster-up: unknown argument $1" >&2; exit 2 ;;
  esac
done
GRPC_PORT="${GRPC_PORT:-$((PORT + 1))}"
if [ -z "$DATA_DIR" ]; then
  echo "cluster-up: --data-dir DIR is required" >&2
  exit 2
fi
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

step() { printf '==> %s\n' "$*"; }

if [ -z "$BIN_DIR" ]; then
  step "installing missing packages"
  "$ROOT/deploy/install-deps.sh"
  step "building"
  "$ROOT/deploy/build.sh" build kube-apiserver
  BIN_DIR="$ROOT/build/bin"
fi

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

APISERVER_PID="$DATA_DIR/kube-apiserver.pid"
if running "$APISERVER_PID"; then
  step "kube-apiserver already running (pid $(cat "$APISERVER_PID"))"
else
  step "starting kube-apiserver on 127.0.0.1:$PORT"
  mkdir -p "$DATA_DIR/apiserver" "$DATA_DIR/logs"
  nohup "$BIN_DIR/kube-apiserver" --data-dir "$DATA_DIR/apiserver" \
    --insecure-port "$PORT" --grpc-port "$GRPC_PORT" \
    >>"$DATA_DIR/logs/kube-apiserver.log" 2>&1 &
  echo $! >"$APISERVER_PID"
fi

step "waiting for the API to be ready"
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! running "$APISERVER_PID"; then
    echo "cluster-up: kube-apiserver exited; see $DATA_DIR/logs/kube-apiserver.log" >&2
    tail -20 "$DATA_DIR/logs/kube-apiserver.log" >&2 || true
    exit 1
  fi
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null

cat >"$DATA_DIR/admin.kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: http://127.0.0.1:$PORT
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

# Our own components talk gRPC (grpc://); kubectl and other clients use REST.
sed -e "s|server: http://127.0.0.1:$PORT|server: grpc://127.0.0.1:$GRPC_PORT|" \
  "$DATA_DIR/admin.kubeconfig" >"$DATA_DIR/components.kubeconfig"

cat <<SUMMARY

Cluster is up.
  API server:  http://127.0.0.1:$PORT (plain HTTP, no authentication: development mode)
               grpc://127.0.0.1:$GRPC_PORT for the cluster's own components
  Data:        $DATA_DIR
  Logs:        $DATA_DIR/logs/

Point kubectl at it:
  export KUBECONFIG=$DATA_DIR/admin.kubeconfig
  kubectl get namespaces
  kubectl create -f $ROOT/deploy/examples/nifty-pods.yaml

Stop it with: $ROOT/deploy/cluster-down.sh --data-dir $DATA_DIR
SUMMARY

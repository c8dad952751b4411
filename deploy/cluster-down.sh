#!/usr/bin/env bash
# Stops everything cluster-up.sh started for DIR and removes what it made on the
# machine: the daemons (by their pid files), every container and shim of each
# node's containerd, the mounts under DIR, the pods' cgroups (under the nodes'
# --cgroup-root), the bridges, the iptables rules of CNI and kube-proxy, and the
# network namespaces (cluster-up --netns, and each node's with --nodes). Data stays
# in DIR unless --purge is given. Safe to run again, and after a failed cluster-up.
# Usage: deploy/cluster-down.sh --data-dir DIR [--purge]
set -uo pipefail
DATA_DIR=""
PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --purge) PURGE=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster-down: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$DATA_DIR" ] || { echo "cluster-down: --data-dir DIR is required" >&2; exit 2; }
if [ ! -d "$DATA_DIR" ]; then
  echo "cluster-down: $DATA_DIR does not exist; nothing to stop"
  exit 0
fi
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
NETNS="" NODES="" CGROUP_ROOT="" BRIDGE="" POD_CIDR="" CLUSTER_CIDR="" BIN_DIR=""
# shellcheck disable=SC1091 # written by cluster-up.sh
[ -f "$DATA_DIR/cluster.env" ] && . "$DATA_DIR/cluster.env"
CONTAINERD_DIR="$DATA_DIR/containerd"
status=0

step() { printf '==> %s\n' "$*"; }
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null; }

# Stops the daemon of [NODE_DIR/]NAME.pid: SIGTERM, SIGKILL after 10 s.
stop_daemon() {
  local pid_file="${2:-$DATA_DIR}/$1.pid" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if alive "$pid"; then
    step "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pid_file"
}

# The kubelets first, so that nothing restarts the pods being removed.
NODE_DIRS=()
if [ -n "$NODES" ]; then
  for k in $(seq 1 "$NODES"); do NODE_DIRS+=("$DATA_DIR/nodes/node-$k"); done
fi
for node_dir in "${NODE_DIRS[@]}"; do
  stop_daemon kubelet "$node_dir"
  stop_daemon kube-proxy "$node_dir"
done
for daemon in kubelet kube-proxy cluster-dns kube-controller-manager kube-scheduler \
  kube-apiserver docker-registry; do
  stop_daemon "$daemon"
done

# Sandbox ids name the iptables rules CNI made for them (comment `id: "<id>"`);
# read them before the containers go.
sandbox_ids=()
if [ -z "$NETNS" ] && [ -d "$CONTAINERD_DIR/runc/k8s.io" ] && command -v runc >/dev/null; then
  mapfile -t sandbox_ids < <(runc --root "$CONTAINERD_DIR/runc/k8s.io" list -q 2>/dev/null)
fi

for containerd_dir in "$CONTAINERD_DIR" "${NODE_DIRS[@]/%//containerd}"; do
  if [ -d "$containerd_dir" ]; then
    step "removing containers and stopping containerd (${containerd_dir#"$DATA_DIR"/})"
    "$ROOT/deploy/containerd/stop-containerd.sh" "$containerd_dir" || status=1
  fi
done

# Anything else mounted under DIR (the kubelet's tmpfs volumes), deepest first.
for _ in 1 2 3; do
  mapfile -t mounts < <(awk -v dir="$DATA_DIR/" 'index($5, dir) == 1 { print $5 }' \
    /proc/self/mountinfo | sort -r)
  [ ${#mounts[@]} -eq 0 ] && break
  for mount in "${mounts[@]}"; do umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null; done
done
if awk -v dir="$DATA_DIR/" 'index($5, dir) == 1 { found = 1 } END { exit !found }' \
  /proc/self/mountinfo; then
  echo "cluster-down: mounts remain under $DATA_DIR" >&2
  status=1
fi

# cgroup directories go with rmdir only, leaves first; once their processes are
# gone they are empty.
if [ -n "$CGROUP_ROOT" ]; then
  step "removing cgroups under $CGROUP_ROOT"
  for hierarchy in /sys/fs/cgroup /sys/fs/cgroup/*; do
    tree="$hierarchy$CGROUP_ROOT"
    [ -d "$tree" ] || continue
    for _ in $(seq 1 50); do
      find "$tree" -depth -type d -exec rmdir {} + 2>/dev/null
      [ -d "$tree" ] || break
      sleep 0.1
    done
    if [ -d "$tree" ]; then
      echo "cluster-down: cannot remove cgroup $tree" >&2
      status=1
    fi
  done
fi

if [ -n "$NETNS" ]; then
  # The bridges, the pods' veths and every iptables rule live in the namespaces and
  # go with them.
  if [ -n "$NODES" ]; then
    for k in $(seq 1 "$NODES"); do
      if [ -e "/run/netns/$NETNS-n$k" ]; then
        step "deleting network namespace $NETNS-n$k"
        ip netns del "$NETNS-n$k" || status=1
      fi
    done
  fi
  if [ -e "/run/netns/$NETNS" ]; then
    step "deleting network namespace $NETNS"
    ip netns del "$NETNS" || status=1
  fi
else
  # On the host's network: kube-proxy's rules, cluster-up's masquerade rule, and the
  # chains CNI makes for each sandbox when its config asks for them (ipMasq).
  if [ -n "$BIN_DIR" ] && [ -x "$BIN_DIR/kube-proxy" ]; then
    "$BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || status=1
  fi
  if [ -n "$POD_CIDR" ] && [ -n "$CGROUP_ROOT" ]; then
    iptables -t nat -D POSTROUTING -s "$POD_CIDR" ! -d "$POD_CIDR" -m comment \
      --comment "kube pods ${CGROUP_ROOT#/kube-}" -j MASQUERADE 2>/dev/null
  fi
  for id in "${sandbox_ids[@]}"; do
    while read -r rule; do
      chain=$(sed -n 's/.* -j \(CNI-[0-9a-f]*\).*/\1/p' <<<"$rule")
      eval "iptables -t nat ${rule/-A /-D }" 2>/dev/null
      if [ -n "$chain" ]; then
        iptables -t nat -F "$chain" 2>/dev/null
        iptables -t nat -X "$chain" 2>/dev/null
      fi
    done < <(iptables -t nat -S POSTROUTING 2>/dev/null | grep -F "id: \\\"$id\\\"")
  done
  if [ -n "$BRIDGE" ] && ip link show "$BRIDGE" >/dev/null 2>&1; then
    step "deleting bridge $BRIDGE"
    ip link del "$BRIDGE" || status=1
  fi
  # cluster-up turned forwarding on (so did CNI's bridge plugin): put it back.
  if [ -f "$DATA_DIR/ip_forward.before" ]; then
    cat "$DATA_DIR/ip_forward.before" >/proc/sys/net/ipv4/ip_forward || status=1
    rm -f "$DATA_DIR/ip_forward.before"
  fi
fi
# Leases of pods that no longer exist.
for containerd_dir in "$CONTAINERD_DIR" "${NODE_DIRS[@]/%//containerd}"; do
  rm -rf "$containerd_dir/cni/ipam"
done

if [ "$PURGE" -eq 1 ]; then
  if awk -v dir="$DATA_DIR/" 'index($5, dir) == 1 { found = 1 } END { exit !found }' \
    /proc/self/mountinfo; then
    echo "cluster-down: not purging $DATA_DIR: mounts remain" >&2
    status=1
  else
    rm -rf "$DATA_DIR"
  fi
fi
[ $status -eq 0 ] && echo "==> stopped" || echo "==> stopped, with problems (above)" >&2
exit $status

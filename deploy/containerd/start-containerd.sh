#!/usr/bin/env bash
# Usage: start-containerd.sh DIR
#
# Starts containerd in the background with DIR/config.toml (from render-config.sh),
# logging to DIR/containerd.log, and waits (at most 20 s) until it answers on
# DIR/containerd.sock. Prints containerd's PID, also kept in DIR/containerd.pid.
# To put the node in a network namespace, run this script under
# `nsenter --net=/run/netns/NAME`, not `ip netns exec` (whose private /sys hides the
# cgroup mounts runc needs). Stop the node with stop-containerd.sh DIR.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
DIR=$(cd "$1" && pwd)
CONFIG="$DIR/config.toml"
SOCKET="$DIR/containerd.sock"
# A zombie (exited, not yet reaped by its parent) counts as gone.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null; }
[ -f "$CONFIG" ] || { echo "start-containerd: no $CONFIG (run render-config.sh)" >&2; exit 1; }

if [ -f "$DIR/containerd.pid" ] && alive "$(cat "$DIR/containerd.pid")"; then
  echo "start-containerd: already running as $(cat "$DIR/containerd.pid")" >&2
  exit 1
fi
rm -f "$SOCKET"

# Detached from our stdio, so a caller reading our output is not held open.
containerd --config "$CONFIG" </dev/null >>"$DIR/containerd.log" 2>&1 &
pid=$!
echo "$pid" >"$DIR/containerd.pid"

for _ in $(seq 400); do
  if ! alive "$pid"; then
    echo "start-containerd: containerd exited; the end of $DIR/containerd.log:" >&2
    tail -n 20 "$DIR/containerd.log" >&2
    exit 1
  fi
  if [ -S "$SOCKET" ] && ctr -a "$SOCKET" version >/dev/null 2>&1; then
    echo "$pid"
    exit 0
  fi
  sleep 0.05
done
echo "start-containerd: no answer on $SOCKET after 20 s" >&2
exit 1

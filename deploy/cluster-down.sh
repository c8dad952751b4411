#!/usr/bin/env bash
# Stops everything cluster-up.sh started for DIR (data stays; pass --purge to delete it).
# Usage: deploy/cluster-down.sh --data-dir DIR [--purge]
set -euo pipefail
DATA_DIR=""
PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --purge) PURGE=1; shift ;;
    *) echo "cluster-down: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$DATA_DIR" ] || { echo "cluster-down: --data-dir DIR is required" >&2; exit 2; }

for pid_file in "$DATA_DIR"/*.pid; do
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  name="$(basename "$pid_file" .pid)"
  if kill -0 "$pid" 2>/dev/null; then
    echo "==> stopping $name (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pid_file"
done
if [ "$PURGE" -eq 1 ]; then rm -rf "$DATA_DIR"; fi
echo "==> stopped"

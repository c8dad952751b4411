#!/usr/bin/env bash
# Usage: stop-containerd.sh DIR
#
# Tears down the node that start-containerd.sh started in DIR, even one left in a
# bad state: force-deletes every container in DIR's runc/crun roots (killing their
# processes and removing their cgroups), kills the shims serving DIR's socket,
# stops containerd (SIGTERM, SIGKILL after 10 s), and unmounts everything under DIR
# (rootfs overlays, sandbox shm, netns bind mounts). DIR itself is left for the
# caller to remove. Only processes tied to DIR are signalled, by PID.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
DIR=$(cd "$1" && pwd) || exit 1
SOCKET="$DIR/containerd.sock"
# A zombie (exited, not yet reaped by its parent) counts as gone.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null; }

# Containers, through the runtime's own state roots (one per containerd namespace).
for root in "$DIR"/runc/* "$DIR"/crun/*; do
  [ -d "$root" ] || continue
  binary=runc
  case "$root" in "$DIR"/crun/*) binary=crun ;; esac
  command -v "$binary" >/dev/null || continue
  for id in $("$binary" --root "$root" list -q 2>/dev/null); do
    "$binary" --root "$root" delete --force "$id" >/dev/null 2>&1 ||
      echo "stop-containerd: $binary delete $id failed" >&2
  done
done

# Shims: their command line names our socket (-address DIR/containerd.sock).
shims=()
for cmdline in /proc/[0-9]*/cmdline; do
  pid=${cmdline#/proc/}
  pid=${pid%/cmdline}
  args=$({ tr '\0' ' ' <"$cmdline"; } 2>/dev/null) || continue
  case "$args" in
    *containerd-shim*" -address $SOCKET "*) shims+=("$pid") ;;
  esac
done
for pid in "${shims[@]}"; do kill -KILL "$pid" 2>/dev/null; done

# containerd itself.
if [ -f "$DIR/containerd.pid" ]; then
  pid=$(cat "$DIR/containerd.pid")
  if alive "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 200); do
      alive "$pid" || break
      sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$DIR/containerd.pid"
fi

# Mounts under DIR, deepest first; a busy one is detached lazily.
status=0
for _ in 1 2 3; do
  mapfile -t mounts < <(awk -v dir="$DIR/" 'index($5, dir) == 1 { print $5 }' \
    /proc/self/mountinfo | sort -r)
  [ ${#mounts[@]} -eq 0 ] && break
  for mount in "${mounts[@]}"; do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null
  done
done
if awk -v dir="$DIR/" 'index($5, dir) == 1 { found = 1 } END { exit !found }' \
  /proc/self/mountinfo; then
  echo "stop-containerd: mounts remain under $DIR" >&2
  status=1
fi
exit $status

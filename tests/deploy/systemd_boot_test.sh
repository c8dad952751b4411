#!/usr/bin/env bash
# The units under a real systemd: boots one in a container (systemd-nspawn) whose
# root is the install tree (deploy/install.sh --root) over the host's /usr, read-only,
# with a private network. Checks that the Type=notify units come up active (READY=1
# received), that the apiserver answers, that a unit killed with SIGKILL is
# restarted, and that each stops cleanly (exit 0 on SIGTERM). No download: the
# host's systemd is the container's. Root only; elsewhere exits 77 (skipped) with
# the reason. Usage: systemd_boot_test.sh BIN_DIR
set -uo pipefail
BIN_DIR=$1
SOURCE="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (systemd-nspawn)"
for program in systemd-nspawn nsenter curl systemd-id128; do
  command -v "$program" >/dev/null || skip "$program is missing (deploy/install-deps.sh installs it)"
done
[ -x /lib/systemd/systemd ] || skip "no /lib/systemd/systemd on this machine"

WORK="$(mktemp -d /tmp/kube-systemd-test.XXXXXX)"
ROOT="$WORK/root"
NSPAWN_PID=""
cleanup() {
  if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then
    kill -TERM "$NSPAWN_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$NSPAWN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$NSPAWN_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
  # nspawn's own scratch directories, when nothing else uses them.
  rmdir /run/systemd/nspawn/propagate /run/systemd/nspawn/locks /run/systemd/nspawn 2>/dev/null
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The root: merged-/usr symlinks, the host's /usr bound read-only at boot, and the
# install tree's etc/ and usr/local/.
"$SOURCE/deploy/install.sh" --root "$WORK/stage" --bin-dir "$BIN_DIR" --node-name node-a >/dev/null ||
  { echo "FAIL: install.sh" >&2; exit 1; }
mkdir -p "$ROOT"/{etc,usr,var,tmp,run,root,proc,sys,dev} "$WORK/usrlocal"
ln -s usr/bin "$ROOT/bin"; ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"; ln -s usr/sbin "$ROOT/sbin"
cp /etc/os-release /etc/passwd /etc/group /etc/nsswitch.conf "$ROOT/etc/"
cp -a "$WORK/stage/etc/." "$ROOT/etc/"
cp -a "$WORK/stage/usr/local/." "$WORK/usrlocal/"
# Not a first boot (which would enable every unit in /usr by preset); no waiting for
# a network the container does not have.
systemd-id128 new >"$ROOT/etc/machine-id"
ln -s /dev/null "$ROOT/etc/systemd/system/systemd-networkd-wait-online.service"
# The DNS add-on on the container's loopback (the installed default is the node IP).
sed -i 's|^CLUSTER_DNS_ARGS=.*|CLUSTER_DNS_ARGS=--bind-address 127.0.0.1 --port 1053|' \
  "$ROOT/etc/kube/cluster-dns.env"
UNITS=(kube-pki kube-apiserver kube-scheduler kube-controller-manager kube-proxy cluster-dns
       kube-join-setup)
mkdir -p "$ROOT/etc/systemd/system/multi-user.target.wants"
for unit in "${UNITS[@]}"; do
  ln -s "/etc/systemd/system/$unit.service" "$ROOT/etc/systemd/system/multi-user.target.wants/"
done

systemd-nspawn -q -b -D "$ROOT" --register=no --keep-unit --private-network \
  --bind-ro=/usr --bind-ro="$WORK/usrlocal:/usr/local" >"$WORK/console.log" 2>&1 &
NSPAWN_PID=$!
INIT=""
# The container's PID 1 is nspawn's child once that has exec'd systemd.
for _ in $(seq 100); do
  INIT=$(pgrep -P "$NSPAWN_PID" -x systemd | head -1)
  [ -n "$INIT" ] && break
  sleep 0.1
done
[ -n "$INIT" ] || { cat "$WORK/console.log" >&2; echo "FAIL: the container did not start" >&2; exit 1; }
in_container() { nsenter -t "$INIT" -a "$@"; }
unit_property() { in_container systemctl show -p "$2" --value "$1" 2>/dev/null; }

# Type=notify: active only once the daemon said READY=1.
deadline=$((SECONDS + 90))
for unit in "${UNITS[@]}"; do
  until [ "$(unit_property "$unit" ActiveState)" = active ]; do
    if [ $SECONDS -ge $deadline ]; then
      fail "$unit is not active: $(in_container systemctl status "$unit" --no-pager 2>&1 | tail -5)"
      break
    fi
    sleep 0.5
  done
done
# The PKI was made at first start: keys 0600, and the apiserver serves TLS only.
for file in pki/ca.key pki/apiserver.key pki/sa.key admin.kubeconfig; do
  [ "$(stat -c %a "$ROOT/etc/kube/$file" 2>&1)" = 600 ] || fail "etc/kube/$file is not 0600"
done
PKI_CURL=(curl -fsS --cacert /etc/kube/pki/ca.crt --cert /etc/kube/pki/admin.crt
          --key /etc/kube/pki/admin.key)
[ "$(in_container "${PKI_CURL[@]}" https://127.0.0.1:6443/readyz 2>&1)" = ok ] ||
  fail "the apiserver's /readyz over TLS"
in_container curl -fsS http://127.0.0.1:6443/readyz >/dev/null 2>&1 &&
  fail "the apiserver answers plain HTTP"
in_container "${PKI_CURL[@]}" https://127.0.0.1:6443/api/v1/namespaces/kube-system >/dev/null ||
  fail "the admin certificate does not reach the API"
# What joining machines need: the token (0600), and cluster-info readable anonymously.
[ "$(stat -c %a "$ROOT/etc/kube/join-token" 2>&1)" = 600 ] || fail "etc/kube/join-token is not 0600"
token_id=$(cut -d. -f1 "$ROOT/etc/kube/join-token" 2>/dev/null)
in_container "${PKI_CURL[@]}" \
  "https://127.0.0.1:6443/api/v1/namespaces/kube-system/secrets/bootstrap-token-$token_id" \
  >/dev/null || fail "no bootstrap token Secret for the join token"
in_container curl -fsS --cacert /etc/kube/pki/ca.crt \
  https://127.0.0.1:6443/api/v1/namespaces/kube-public/configmaps/cluster-info |
  grep -q certificate-authority-data || fail "cluster-info is not readable anonymously"
# The scheduler's and controller-manager's secure ports: health for anyone, over
# TLS with the cluster CA; /metrics only for an authorized user.
CA_CURL=(curl -fsS --cacert /etc/kube/pki/ca.crt)
[ "$(in_container "${CA_CURL[@]}" https://127.0.0.1:10259/healthz 2>&1)" = ok ] ||
  fail "the scheduler's /healthz on 10259 over TLS"
[ "$(in_container "${CA_CURL[@]}" https://127.0.0.1:10257/healthz 2>&1)" = ok ] ||
  fail "the controller-manager's /healthz on 10257 over TLS"
[ "$(in_container curl -sS -o /dev/null -w '%{http_code}' --cacert /etc/kube/pki/ca.crt \
      https://127.0.0.1:10259/metrics 2>&1)" = 403 ] || fail "anonymous reads the scheduler's /metrics"
in_container "${PKI_CURL[@]}" https://127.0.0.1:10259/metrics | grep -q scheduler_schedule_attempts_total ||
  fail "the admin certificate does not read the scheduler's /metrics"

# Restart=always: SIGKILL brings it back (RestartSec=2).
old_pid=$(unit_property kube-scheduler MainPID)
in_container kill -KILL "$old_pid"
deadline=$((SECONDS + 30))
until [ "$(unit_property kube-scheduler NRestarts)" -ge 1 ] 2>/dev/null &&
  [ "$(unit_property kube-scheduler ActiveState)" = active ]; do
  if [ $SECONDS -ge $deadline ]; then fail "kube-scheduler was not restarted after SIGKILL"; break; fi
  sleep 0.5
done
[ "$(unit_property kube-scheduler MainPID)" != "$old_pid" ] || fail "kube-scheduler kept its PID"

# A clean stop: SIGTERM, and each daemon exits 0 within TimeoutStopSec.
for unit in kube-proxy cluster-dns kube-controller-manager kube-scheduler kube-apiserver; do
  in_container systemctl stop "$unit"
  result=$(unit_property "$unit" Result)
  status=$(unit_property "$unit" ExecMainStatus)
  [ "$result" = success ] && [ "$status" = 0 ] ||
    fail "$unit did not stop cleanly (Result=$result, exit $status): $(in_container journalctl -u "$unit" -n 15 --no-pager 2>&1)"
done

in_container systemctl poweroff
for _ in $(seq 150); do kill -0 "$NSPAWN_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$NSPAWN_PID" 2>/dev/null && fail "the container did not power off within 30 s"

if [ $failures -ne 0 ]; then
  echo "---- console ----" >&2
  tail -n 40 "$WORK/console.log" >&2
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "systemd booted the units: all active, restarted after SIGKILL, stopped cleanly"

#!/usr/bin/env bash
# deploy/install.sh --root TMP with the build's binaries: checks the tree a package
# would ship, that every daemon accepts the flags its env file gives it, and that
# `systemd-analyze verify` finds nothing to say about any unit. Usage: install_test.sh BIN_DIR
set -uo pipefail
BIN_DIR=$1
SOURCE="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
ROOT="$(mktemp -d /tmp/kube-install-test.XXXXXX)"
trap 'rm -rf "$ROOT"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! "$SOURCE/deploy/install.sh" --root "$ROOT" --bin-dir "$BIN_DIR" --node-name node-a >"$ROOT.log" 2>&1; then
  cat "$ROOT.log" >&2
  rm -f "$ROOT.log"
  echo "FAIL: install.sh exited non-zero" >&2
  exit 1
fi
rm -f "$ROOT.log"

DAEMONS=(kube-apiserver kube-scheduler kube-controller-manager kubelet kube-proxy cluster-dns)
for daemon in "${DAEMONS[@]}"; do
  [ -x "$ROOT/usr/local/bin/$daemon" ] || fail "usr/local/bin/$daemon missing"
  [ -f "$ROOT/etc/systemd/system/$daemon.service" ] || fail "etc/systemd/system/$daemon.service missing"
  env_file="$ROOT/etc/kube/$daemon.env"
  [ -f "$env_file" ] || { fail "etc/kube/$daemon.env missing"; continue; }
  grep -q '^Type=notify$' "$ROOT/etc/systemd/system/$daemon.service" || fail "$daemon is not Type=notify"
  # Every flag the env file passes is one the daemon knows (--help then exits 0;
  # an unknown flag exits 2).
  args=$(sed -n 's/^[A-Z_]*_ARGS=//p' "$env_file")
  # shellcheck disable=SC2086 # the flags are words, as systemd splits them
  if ! out=$("$ROOT/usr/local/bin/$daemon" $args --help 2>&1); then
    fail "$daemon rejects the flags of its env file: $(echo "$out" | head -3)"
  fi
  "$ROOT/usr/local/bin/$daemon" --version | grep -q '^Kubernetes v' || fail "$daemon --version"
done
[ -x "$ROOT/usr/local/lib/kube/join-setup.sh" ] || fail "usr/local/lib/kube/join-setup.sh missing"
[ -f "$ROOT/etc/systemd/system/kube-join-setup.service" ] || fail "kube-join-setup.service missing"
# The PKI is made at first start by kube-pki.service, never shipped in the tree.
[ -x "$ROOT/usr/local/bin/kube-pki" ] || fail "usr/local/bin/kube-pki missing"
[ -f "$ROOT/etc/systemd/system/kube-pki.service" ] || fail "etc/systemd/system/kube-pki.service missing"
[ -e "$ROOT/etc/kube/pki" ] && fail "the install tree ships a PKI (keys belong to the machine)"
grep -q '^KUBE_PKI_INIT_ARGS=' "$ROOT/etc/kube/kube-pki.env" || fail "etc/kube/kube-pki.env"
# kube-pki.service's commands, as systemd runs them, against a scratch /etc/kube.
(
  set -e
  # systemd's EnvironmentFile syntax: KEY=VALUE, the value as is (spaces and all).
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    export "${line%%=*}=${line#*=}"
  done <"$ROOT/etc/kube/kube-pki.env"
  sed -n 's|^ExecStart=/usr/local/bin/kube-pki ||p' "$ROOT/etc/systemd/system/kube-pki.service" |
    sed -e "s|/etc/kube|$ROOT/scratch-etc-kube|g" |
    while read -r line; do
      line=$(eval "echo \"$line\"")
      # shellcheck disable=SC2086 # the arguments are words, as systemd splits them
      "$ROOT/usr/local/bin/kube-pki" $line >/dev/null
    done
) || fail "kube-pki.service's commands failed"
for file in pki/ca.crt pki/ca.key pki/apiserver.crt pki/sa.key pki/kubelet.crt admin.kubeconfig \
  kube-scheduler.kubeconfig kubelet.kubeconfig; do
  [ -f "$ROOT/scratch-etc-kube/$file" ] || { fail "kube-pki.service did not make $file"; continue; }
  [ "$(stat -c %a "$ROOT/scratch-etc-kube/$file")" = 600 ] ||
    fail "$file is mode $(stat -c %a "$ROOT/scratch-etc-kube/$file"), not 600"
done
# The CIS benchmark's automated checks on the units' flags and the files they name.
if ! cis=$("$SOURCE/tests/cis/cis_check.sh" --env-dir "$ROOT/etc/kube" \
    --path-map "/etc/kube=$ROOT/scratch-etc-kube" 2>&1); then
  fail "CIS checks on install.sh's units: $(echo "$cis" | grep -v '^PASS\|^SKIP')"
fi
echo "$cis" | grep -q "key and kubeconfig files checked" || fail "the CIS check did not finish"
echo "$cis" | grep -q "^== files: 0 " && fail "the CIS check found none of the PKI's files"
rm -rf "$ROOT/scratch-etc-kube"
for file in etc/kube/containerd/config.toml etc/kube/containerd/net.d/10-kube-bridge.conflist \
  etc/systemd/system/containerd.service.d/10-kube.conf usr/local/share/doc/kube/README.md; do
  [ -f "$ROOT/$file" ] || fail "$file missing"
done
grep -q 'address = "/run/kube-containerd/containerd.sock"' "$ROOT/etc/kube/containerd/config.toml" ||
  fail "containerd's socket is not /run/kube-containerd/containerd.sock"
if grep -rq "$ROOT\|/tmp/" "$ROOT/etc"; then
  fail "a path of the build machine leaked into etc: $(grep -rl "$ROOT\|/tmp/" "$ROOT/etc" | head -3)"
fi
# Installing again keeps the operator's edits.
echo "# edited" >>"$ROOT/etc/kube/kubelet.env"
"$SOURCE/deploy/install.sh" --root "$ROOT" --bin-dir "$BIN_DIR" >/dev/null 2>&1 || fail "second install failed"
grep -q '^# edited$' "$ROOT/etc/kube/kubelet.env" || fail "a second install replaced an edited env file"

if ! command -v systemd-analyze >/dev/null; then
  echo "SKIPPED the unit verification: systemd-analyze is not installed (deploy/install-deps.sh installs it)"
else
  # verify needs systemd's own units (targets) in the root it checks.
  mkdir -p "$ROOT/usr/lib/systemd"
  cp -a /lib/systemd/system "$ROOT/usr/lib/systemd/"
  for daemon in kube-pki kube-join-setup "${DAEMONS[@]}"; do
    out=$(systemd-analyze verify --root="$ROOT" --man=no "$daemon.service" 2>&1)
    status=$?
    if [ $status -ne 0 ] || [ -n "$out" ]; then
      fail "systemd-analyze verify $daemon.service (exit $status): $out"
    fi
  done
  # The check itself can fail: a unit naming a missing binary does.
  rm "$ROOT/usr/local/bin/kube-proxy"
  if systemd-analyze verify --root="$ROOT" --man=no kube-proxy.service >/dev/null 2>&1; then
    fail "systemd-analyze verify passed a unit whose binary is missing"
  fi
fi

# A machine joining a running cluster: only the node's daemons, a kube-pki.service
# that discovers the cluster, kube-proxy asking for its certificate, the token 0600.
JOIN_ROOT="$(mktemp -d /tmp/kube-join-test.XXXXXX)"
trap 'rm -rf "$ROOT" "$JOIN_ROOT"' EXIT
PIN="sha256:$(printf '%064d' 0)"
if ! "$SOURCE/deploy/install.sh" --root "$JOIN_ROOT" --bin-dir "$BIN_DIR" --node-name node-b \
    --node-ip 172.30.0.12 --join https://172.30.0.1:6443 --token abcdef.0123456789abcdef \
    --discovery-token-ca-cert-hash "$PIN" >/dev/null 2>&1; then
  fail "install.sh --join exited non-zero"
fi
for daemon in kube-apiserver kube-scheduler kube-controller-manager cluster-dns; do
  [ -e "$JOIN_ROOT/usr/local/bin/$daemon" ] && fail "a joining node got $daemon"
done
[ "$(stat -c %a "$JOIN_ROOT/etc/kube/kube-pki.env" 2>/dev/null)" = 600 ] ||
  fail "the join token's file is not 0600"
grep -q "^JOIN_CA_HASH=$PIN$" "$JOIN_ROOT/etc/kube/kube-pki.env" || fail "kube-pki.env lacks the pin"
for daemon in kubelet kube-proxy; do
  args=$(sed -n 's/^[A-Z_]*_ARGS=//p' "$JOIN_ROOT/etc/kube/$daemon.env")
  # shellcheck disable=SC2086 # the flags are words, as systemd splits them
  "$JOIN_ROOT/usr/local/bin/$daemon" $args --help >/dev/null 2>&1 ||
    fail "joined $daemon rejects the flags of its env file"
done
grep -q -- "--bootstrap-kubeconfig" "$JOIN_ROOT/etc/kube/kubelet.env" || fail "kubelet.env lacks TLS bootstrapping"
# kube-pki.service's and kube-proxy's drop-in commands parse (--help stops before any
# network use).
(
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    export "${line%%=*}=${line#*=}"
  done <"$JOIN_ROOT/etc/kube/kube-pki.env"
  line=$(sed -n 's|^ExecStart=/usr/local/bin/kube-pki ||p' \
    "$JOIN_ROOT/etc/systemd/system/kube-pki.service")
  line=$(eval "echo \"$line\"")
  # shellcheck disable=SC2086
  "$JOIN_ROOT/usr/local/bin/kube-pki" $line --help >/dev/null || exit 1
  line=$(sed -n 's|^ExecStartPre=/usr/local/bin/kube-pki ||p' \
    "$JOIN_ROOT/etc/systemd/system/kube-proxy.service.d/10-join.conf")
  # shellcheck disable=SC2086
  "$JOIN_ROOT/usr/local/bin/kube-pki" $line --help >/dev/null || exit 1
) || fail "the join units' kube-pki commands do not parse"
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$JOIN_ROOT/usr/lib/systemd"
  cp -a /lib/systemd/system "$JOIN_ROOT/usr/lib/systemd/"
  for unit in kube-pki kubelet kube-proxy; do
    out=$(systemd-analyze verify --root="$JOIN_ROOT" --man=no "$unit.service" 2>&1)
    status=$?
    if [ $status -ne 0 ] || [ -n "$out" ]; then
      fail "systemd-analyze verify (joined node) $unit.service (exit $status): $out"
    fi
  done
fi

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "install tree and units OK"

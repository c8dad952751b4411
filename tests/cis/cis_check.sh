#!/usr/bin/env bash
# The CIS Kubernetes Benchmark's automated control-plane and kubelet checks, read
# from the daemons' command lines as kube-bench reads them (upstream flag names),
# plus the key and kubeconfig file permissions they point at.
#
#   cis_check.sh --processes MATCH   the running daemons whose command line holds MATCH
#                                    (a cluster's data dir, /etc/kube, ...)
#   cis_check.sh --env-dir DIR       the flags install.sh's units pass (DIR/<daemon>.env)
#     [--path-map FROM=TO]           (env-dir) look for the files under /FROM at /TO
#
# Prints PASS, FAIL or SKIP (with why) per check; exits 1 if any check fails and 2
# if a daemon it needs was not found.
set -uo pipefail

MODE=""
SOURCE=""
PATH_FROM=""
PATH_TO=""
case "${1:-}" in
  --processes|--env-dir) MODE=$1; SOURCE=${2:-} ;;
esac
if [ "${3:-}" = --path-map ] && [ -n "${4:-}" ]; then
  PATH_FROM=${4%%=*}
  PATH_TO=${4#*=}
fi
if [ -z "$MODE" ] || [ -z "$SOURCE" ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

failures=0
declare -A ARGS  # daemon -> its arguments, one per line ("" for none found)

# Reads the arguments of `daemon` into ARGS (every instance's, for kubelets on
# several nodes: each line is one instance, arguments separated by \x1f).
collect() {
  local daemon=$1 found="" cmdline exe args
  if [ "$MODE" = --processes ]; then
    # By argv[0]'s base name: the kernel's process name stops at 15 characters.
    for cmdline in /proc/[0-9]*/cmdline; do
      args=$(tr '\0' '\037' <"$cmdline" 2>/dev/null) || continue
      exe=${args%%$'\037'*}
      [ "${exe##*/}" = "$daemon" ] || continue
      case "$args" in *"$SOURCE"*) ;; *) continue ;; esac
      found+="${args}"$'\n'
    done
  else
    local file="$SOURCE/$daemon.env"
    [ -f "$file" ] || return
    args=$(sed -n 's/^[A-Z_]*_ARGS=//p' "$file" | head -1)
    # systemd splits the variable into words; so does this.
    found="$daemon"$'\037'"$(echo "$args" | tr -s ' ' '\037')"$'\n'
  fi
  ARGS[$daemon]=$found
}

# flag INSTANCE NAME: the value of --NAME in one instance's arguments ("true" for a
# bare boolean flag, as pflag reads one); exit status 1 when absent.
flag() {
  local instance=$1 name=$2 word pending=0 value="" found=1
  local IFS=$'\037'
  for word in $instance; do
    if [ $pending -eq 1 ]; then
      pending=0
      case "$word" in
        -*) ;;  # the flag before was a bare boolean: value stays "true"
        *) value=$word; continue ;;
      esac
    fi
    case "$word" in
      "--$name="*) value=${word#*=}; found=0 ;;
      "--$name") value=true; found=0; pending=1 ;;
    esac
  done
  [ $found -eq 0 ] && printf '%s\n' "$value"
  return $found
}

result() {  # STATUS ID TEXT
  printf '%-4s %-7s %s\n' "$1" "$2" "$3"
  [ "$1" = FAIL ] && failures=$((failures + 1))
  return 0
}
check() {  # ID TEXT CONDITION...: PASS when the command succeeds
  local id=$1 text=$2
  shift 2
  if "$@"; then result PASS "$id" "$text"; else result FAIL "$id" "$text"; fi
}

has_value() { [ -n "$(flag "$1" "$2")" ]; }
equals() { [ "$(flag "$1" "$2")" = "$3" ]; }
lacks() { ! flag "$1" "$2" >/dev/null; }
list_has() { flag "$1" "$2" | tr ',' '\n' | grep -qx "$3"; }
list_lacks() { ! list_has "$@"; }
not_false() { [ "$(flag "$1" "$2")" != false ]; }
# Unset (the secure default) or exactly `value`.
default_or() { lacks "$1" "$2" || equals "$1" "$2" "$3"; }

# Go's strong suites, as CIS 1.2.29 lists them.
STRONG_SUITES="TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256
TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
strong_ciphers() {
  local suite
  lacks "$1" tls-cipher-suites && return 0  # the default list is the strong one
  for suite in $(flag "$1" tls-cipher-suites | tr ',' ' '); do
    echo "$STRONG_SUITES" | tr ' ' '\n' | grep -qx "$suite" || return 1
  done
}

# File checks: mode 600 (or stricter) for keys and kubeconfigs, owned by root when
# run as root. Files that do not exist (env-dir mode before first start) are skipped.
FILES_CHECKED=0
file_private() {  # ID PATH
  local id=$1 path=$2 mode owner
  if [ -n "$PATH_FROM" ]; then path=${path/#$PATH_FROM/$PATH_TO}; fi
  [ -e "$path" ] || return 0
  FILES_CHECKED=$((FILES_CHECKED + 1))
  mode=$(stat -c %a "$path")
  owner=$(stat -c %U "$path")
  if [ $((8#$mode & 8#177)) -ne 0 ]; then
    result FAIL "$id" "$path is mode $mode (want 600 or stricter)"
  elif [ "$(id -u)" -eq 0 ] && [ "$owner" != root ]; then
    result FAIL "$id" "$path is owned by $owner (want root)"
  fi
}

instances() { printf '%s' "${ARGS[$1]}"; }

for daemon in kube-apiserver kube-controller-manager kube-scheduler kubelet; do
  collect "$daemon"
  if [ -z "${ARGS[$daemon]}" ]; then
    echo "no $daemon found ($MODE $SOURCE)" >&2
    exit 2
  fi
done

while IFS= read -r a; do
  [ -n "$a" ] || continue
  echo "== kube-apiserver"
  check 1.2.1 "--anonymous-auth=false, or anonymous requests reach only health and version (default RBAC policy)" \
    eval 'equals "$a" anonymous-auth false || list_lacks "$a" authorization-mode AlwaysAllow'
  check 1.2.2 "--token-auth-file is not set" lacks "$a" token-auth-file
  check 1.2.4 "--kubelet-client-certificate and --kubelet-client-key are set" \
    eval 'has_value "$a" kubelet-client-certificate && has_value "$a" kubelet-client-key'
  check 1.2.5 "--kubelet-certificate-authority is set" has_value "$a" kubelet-certificate-authority
  check 1.2.6 "--authorization-mode is not AlwaysAllow" list_lacks "$a" authorization-mode AlwaysAllow
  check 1.2.7 "--authorization-mode includes Node" list_has "$a" authorization-mode Node
  check 1.2.8 "--authorization-mode includes RBAC" list_has "$a" authorization-mode RBAC
  check 1.2.10 "AlwaysAdmit is not enabled" list_lacks "$a" enable-admission-plugins AlwaysAdmit
  check 1.2.12 "ServiceAccount admission is not disabled" \
    list_lacks "$a" disable-admission-plugins ServiceAccount
  check 1.2.13 "NamespaceLifecycle admission is not disabled" \
    list_lacks "$a" disable-admission-plugins NamespaceLifecycle
  check 1.2.14 "--enable-admission-plugins includes NodeRestriction" \
    list_has "$a" enable-admission-plugins NodeRestriction
  check 1.2.15 "--profiling=false" equals "$a" profiling false
  check 1.2.21 "--service-account-lookup is not false" not_false "$a" service-account-lookup
  check 1.2.22 "--service-account-key-file is set" has_value "$a" service-account-key-file
  if [ "$(flag "$a" storage-backend)" = etcd3 ]; then
    result FAIL 1.2.23 "etcd is reached without client certificates (no --etcd-certfile support yet)"
  else
    result SKIP 1.2.23 "etcd client certificates: embedded storage, no etcd"
  fi
  check 1.2.24 "--tls-cert-file and --tls-private-key-file are set" \
    eval 'has_value "$a" tls-cert-file && has_value "$a" tls-private-key-file'
  check 1.2.25 "--client-ca-file is set" has_value "$a" client-ca-file
  check 1.2.29 "--tls-cipher-suites are strong (or the strong default)" strong_ciphers "$a"
  for name in tls-private-key-file kubelet-client-key service-account-signing-key-file; do
    path=$(flag "$a" "$name") && file_private 1.1.21 "$path"
  done
  pki_dir=$(dirname "$(flag "$a" client-ca-file)")
  if [ -n "$PATH_FROM" ]; then pki_dir=${pki_dir/#$PATH_FROM/$PATH_TO}; fi
  for key in "$pki_dir"/*.key; do file_private 1.1.21 "$key"; done
done < <(instances kube-apiserver)

while IFS= read -r a; do
  [ -n "$a" ] || continue
  echo "== kube-controller-manager"
  check 1.3.2 "--profiling=false" equals "$a" profiling false
  check 1.3.3 "--use-service-account-credentials" equals "$a" use-service-account-credentials true
  result SKIP 1.3.4 "--service-account-private-key-file: this controller-manager signs no tokens (TokenRequest is the apiserver's)"
  check 1.3.5 "--root-ca-file is set" has_value "$a" root-ca-file
  check 1.3.6 "RotateKubeletServerCertificate is not turned off" \
    eval '! flag "$a" feature-gates | grep -q "RotateKubeletServerCertificate=false"'
  check 1.3.7 "--bind-address=127.0.0.1" equals "$a" bind-address 127.0.0.1
  path=$(flag "$a" kubeconfig) && file_private 1.1.17 "$path"
done < <(instances kube-controller-manager)

while IFS= read -r a; do
  [ -n "$a" ] || continue
  echo "== kube-scheduler"
  check 1.4.1 "--profiling=false" equals "$a" profiling false
  check 1.4.2 "--bind-address=127.0.0.1" equals "$a" bind-address 127.0.0.1
  path=$(flag "$a" kubeconfig) && file_private 1.1.15 "$path"
done < <(instances kube-scheduler)

while IFS= read -r a; do
  [ -n "$a" ] || continue
  echo "== kubelet $(flag "$a" node-name || true)"
  check 4.2.1 "--anonymous-auth=false" equals "$a" anonymous-auth false
  check 4.2.2 "--authorization-mode is Webhook, not AlwaysAllow" \
    equals "$a" authorization-mode Webhook
  check 4.2.3 "--client-ca-file is set" has_value "$a" client-ca-file
  check 4.2.4 "--read-only-port=0" equals "$a" read-only-port 0
  check 4.2.9 "--tls-cert-file and --tls-private-key-file are set, or the serving certificate comes from the cluster CA (--rotate-server-certificates)" \
    eval '(has_value "$a" tls-cert-file && has_value "$a" tls-private-key-file) || equals "$a" rotate-server-certificates true'
  check 4.2.10 "--rotate-certificates is not false" not_false "$a" rotate-certificates
  check 4.2.12 "--tls-cipher-suites are strong (or the strong default)" strong_ciphers "$a"
  path=$(flag "$a" kubeconfig) && file_private 4.1.5 "$path"
  path=$(flag "$a" tls-private-key-file) && file_private 4.1.x "$path"
done < <(instances kubelet)

echo "== files: $FILES_CHECKED key and kubeconfig files checked"
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "every check passed"

#!/usr/bin/env bash
# Installs kube as systemd services: binaries under usr/local/bin, units under
# etc/systemd/system, each daemon's flags in etc/kube/<daemon>.env, the kube-pki unit
# that makes the cluster's PKI and kubeconfigs on first start (etc/kube/pki, 0600),
# and containerd's configuration for a node (etc/kube/containerd, with a drop-in that
# points containerd.service at it). Into / by default; into DIR with --root for a
# package or a test (nothing outside DIR is touched then). Files under etc/kube that
# exist are kept (they are the operator's), unless --force.
#
# Usage: deploy/install.sh [--root DIR] [--bin-dir DIR] [--api-server HOST]
#          [--node-name NAME] [--node-ip IP] [--pod-cidr CIDR] [--cluster-cidr CIDR]
#          [--join https://HOST:6443 --token TOKEN --discovery-token-ca-cert-hash sha256:HEX]
#          [--enable] [--force]
#   --bin-dir DIR     binaries to install (default: the build's, built if missing)
#   --api-server HOST where the nodes reach the apiserver (default 127.0.0.1)
#   --enable          systemctl daemon-reload and enable --now every unit (root = /)
#   --join URL ...    a node joining a running cluster (kubelet and kube-proxy only):
#                     its kube-pki.service checks the cluster's CA against the pin and
#                     writes the kubelet's bootstrap kubeconfig; the kubelet gets its
#                     certificates through CertificateSigningRequests (an administrator
#                     approves its serving one and kube-proxy's: kubectl certificate
#                     approve). cluster-up.sh prints the token and the pin.
#
# Then, on a one-machine cluster:
#   systemctl enable --now containerd kube-apiserver kube-scheduler \
#     kube-controller-manager kubelet kube-proxy cluster-dns kube-join-setup
#   kubectl --kubeconfig /etc/kube/admin.kubeconfig get nodes   # as root: the file is 0600
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
DEST=/
BIN_DIR=""
API_SERVER=127.0.0.1
NODE_NAME="$(hostname | tr '[:upper:]' '[:lower:]')"
NODE_IP=""
POD_CIDR=10.88.0.0/24
CLUSTER_CIDR=""
ENABLE=0
FORCE=0
JOIN=""
JOIN_TOKEN=""
JOIN_CA_HASH=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) DEST="$2"; shift 2 ;;
    --bin-dir) BIN_DIR="$2"; shift 2 ;;
    --api-server) API_SERVER="$2"; shift 2 ;;
    --node-name) NODE_NAME="$2"; shift 2 ;;
    --node-ip) NODE_IP="$2"; shift 2 ;;
    --pod-cidr) POD_CIDR="$2"; shift 2 ;;
    --cluster-cidr) CLUSTER_CIDR="$2"; shift 2 ;;
    --join) JOIN="$2"; shift 2 ;;
    --token) JOIN_TOKEN="$2"; shift 2 ;;
    --discovery-token-ca-cert-hash) JOIN_CA_HASH="$2"; shift 2 ;;
    --enable) ENABLE=1; shift ;;
    --force) FORCE=1; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install: unknown argument $1" >&2; exit 2 ;;
  esac
done
CLUSTER_CIDR="${CLUSTER_CIDR:-$POD_CIDR}"
NODE_IP="${NODE_IP:-${POD_CIDR%.*}.1}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
PREFIX="${DEST%/}"  # "" for /

step() { printf '==> %s\n' "$*"; }
DAEMONS=(kube-apiserver kube-scheduler kube-controller-manager kubelet kube-proxy cluster-dns)
if [ -n "$JOIN" ]; then
  if [ -z "$JOIN_TOKEN" ] || [ -z "$JOIN_CA_HASH" ] || [[ "$JOIN" != https://* ]]; then
    echo "install: --join https://HOST:PORT needs --token and --discovery-token-ca-cert-hash" >&2
    exit 2
  fi
  DAEMONS=(kubelet kube-proxy)
  JOIN_HOST="${JOIN#https://}"
  JOIN_HOST="${JOIN_HOST%%/*}"
  JOIN_HOST="${JOIN_HOST%:*}"
fi
UNITS=(kube-pki "${DAEMONS[@]}")
# The control plane also publishes what joining machines need.
[ -z "$JOIN" ] && UNITS+=(kube-join-setup)

if [ -z "$BIN_DIR" ]; then
  BIN_DIR="$ROOT_DIR/build/bin"
  if [ ! -x "$BIN_DIR/kubelet" ]; then
    step "building"
    "$ROOT_DIR/deploy/install-deps.sh"
    "$ROOT_DIR/deploy/build.sh" build "${DAEMONS[@]}" kube-pki
  fi
fi

step "binaries -> $PREFIX/usr/local/bin"
install -d "$PREFIX/usr/local/bin"
for daemon in "${DAEMONS[@]}" kube-pki; do
  if [ ! -x "$BIN_DIR/$daemon" ]; then
    echo "install: $BIN_DIR/$daemon is missing" >&2
    exit 1
  fi
  install -m 0755 "$BIN_DIR/$daemon" "$PREFIX/usr/local/bin/$daemon"
done

if [ -z "$JOIN" ]; then
  install -d "$PREFIX/usr/local/lib/kube"
  install -m 0755 "$ROOT_DIR/deploy/join-setup.sh" "$PREFIX/usr/local/lib/kube/join-setup.sh"
fi

step "units -> $PREFIX/etc/systemd/system"
install -d "$PREFIX/etc/systemd/system/containerd.service.d"
for unit in "${UNITS[@]}"; do
  install -m 0644 "$ROOT_DIR/deploy/systemd/$unit.service" "$PREFIX/etc/systemd/system/"
done
if [ -n "$JOIN" ]; then
  # A joining node's kube-pki.service discovers the cluster instead of making a PKI,
  # and its kube-proxy asks for a certificate first.
  install -m 0644 "$ROOT_DIR/deploy/systemd/join/kube-pki.service" "$PREFIX/etc/systemd/system/"
  install -d "$PREFIX/etc/systemd/system/kube-proxy.service.d"
  install -m 0644 "$ROOT_DIR/deploy/systemd/join/kube-proxy.service.d/10-join.conf" \
    "$PREFIX/etc/systemd/system/kube-proxy.service.d/"
fi
install -m 0644 "$ROOT_DIR/deploy/systemd/containerd.service.d/10-kube.conf" \
  "$PREFIX/etc/systemd/system/containerd.service.d/"

# A file of the operator's is kept unless --force.
write_config() {
  local path="$PREFIX/$1"
  if [ -e "$path" ] && [ $FORCE -eq 0 ]; then
    echo "    kept $1 (exists; --force replaces it)"
    cat >/dev/null
    return
  fi
  install -d "$(dirname "$path")"
  cat >"$path"
  chmod "${2:-0644}" "$path"
}

step "configuration -> $PREFIX/etc/kube"
PKI=/etc/kube/pki
if [ -n "$JOIN" ]; then
write_config etc/kube/kube-pki.env 0600 <<ENV
# What kube-pki.service joins with (kube-pki discover): the API server, the bootstrap
# token (a credential: this file is 0600) and the pin of the cluster CA's public key.
JOIN_SERVER=$JOIN
JOIN_TOKEN=$JOIN_TOKEN
JOIN_CA_HASH=$JOIN_CA_HASH
JOIN_API_URL=grpc://$JOIN_HOST:6444
ENV
write_config etc/kube/kubelet.env <<ENV
# Flags of the kubelet (kubelet --help) on a joined node: its client certificate from
# TLS bootstrapping, its serving certificate from the cluster CA (approve it with
# kubectl certificate approve), both renewed at 80% of their life.
KUBELET_ARGS=--kubeconfig /etc/kube/kubelet.kubeconfig --bootstrap-kubeconfig /etc/kube/bootstrap-kubelet.kubeconfig --rotate-certificates --rotate-server-certificates --cert-dir /var/lib/kubelet/pki --node-name $NODE_NAME --node-ip $NODE_IP --root-dir /var/lib/kubelet --pod-cidr $POD_CIDR --container-runtime-endpoint unix:///run/kube-containerd/containerd.sock --cluster-dns 10.96.0.10 --cluster-domain cluster.local --client-ca-file /etc/kube/ca.crt --anonymous-auth=false --authorization-mode Webhook --read-only-port 0
ENV
write_config etc/kube/kube-proxy.env <<ENV
# Flags of kube-proxy (kube-proxy --help); its kubeconfig is made at first start by
# kube-pki request (system:kube-proxy, approved by an administrator).
KUBE_PROXY_ARGS=--kubeconfig /etc/kube/kube-proxy.kubeconfig --hostname-override $NODE_NAME --proxy-mode iptables --cluster-cidr $CLUSTER_CIDR
ENV
else
write_config etc/kube/kube-pki.env <<ENV
# What kube-pki.service makes on first start (and renews near expiry) in $PKI:
# the CA, the apiserver's serving certificate for these names, a client certificate
# per component, this node's kubelet certificate, the ServiceAccount key pair, and a
# kubeconfig per component in /etc/kube.
API_SERVER=$API_SERVER
NODE_NAME=$NODE_NAME
NODE_IP=$NODE_IP
KUBE_PKI_INIT_ARGS=--service-cidr 10.96.0.0/16 --apiserver-san localhost,127.0.0.1,$API_SERVER
ENV
write_config etc/kube/kube-apiserver.env <<ENV
# Flags of kube-apiserver (kube-apiserver --help). HTTPS on 6443 and gRPC over TLS on
# 6444; x509 and ServiceAccount-token authentication, RBAC.
KUBE_APISERVER_ARGS=--data-dir /var/lib/kube-apiserver --bind-address $API_SERVER --secure-port 6443 --grpc-port 6444 --service-cluster-ip-range 10.96.0.0/16 --tls-cert-file $PKI/apiserver.crt --tls-private-key-file $PKI/apiserver.key --client-ca-file $PKI/ca.crt --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction --profiling=false --enable-bootstrap-token-auth --service-account-key-file $PKI/sa.pub --service-account-signing-key-file $PKI/sa.key --service-account-issuer https://kubernetes.default.svc.cluster.local --kubelet-client-certificate $PKI/apiserver-kubelet-client.crt --kubelet-client-key $PKI/apiserver-kubelet-client.key --kubelet-certificate-authority $PKI/ca.crt
ENV
write_config etc/kube/kube-scheduler.env <<ENV
# Flags of kube-scheduler (kube-scheduler --help). Health and metrics over HTTPS on
# 127.0.0.1:10259 (CIS 1.4.2); /metrics for the CA's certificates and tokens the
# apiserver authorizes.
KUBE_SCHEDULER_ARGS=--kubeconfig /etc/kube/kube-scheduler.kubeconfig --leader-elect=true --profiling=false --secure-port 10259 --bind-address 127.0.0.1 --tls-cert-file $PKI/kube-scheduler-serving.crt --tls-private-key-file $PKI/kube-scheduler-serving.key --client-ca-file $PKI/ca.crt
ENV
write_config etc/kube/kube-controller-manager.env <<ENV
# Flags of kube-controller-manager (kube-controller-manager --help). Health and
# metrics over HTTPS on 127.0.0.1:10257 (CIS 1.3.7), as the scheduler's.
KUBE_CONTROLLER_MANAGER_ARGS=--kubeconfig /etc/kube/kube-controller-manager.kubeconfig --leader-elect=true --use-service-account-credentials --profiling=false --root-ca-file $PKI/ca.crt --cluster-signing-cert-file $PKI/ca.crt --cluster-signing-key-file $PKI/ca.key --secure-port 10257 --bind-address 127.0.0.1 --tls-cert-file $PKI/kube-controller-manager-serving.crt --tls-private-key-file $PKI/kube-controller-manager-serving.key --client-ca-file $PKI/ca.crt
ENV
write_config etc/kube/kubelet.env <<ENV
# Flags of the kubelet (kubelet --help). Its API on 10250 over HTTPS: callers known by
# the CA's certificates or tokens the apiserver reviews, authorized by the apiserver.
KUBELET_ARGS=--kubeconfig /etc/kube/kubelet.kubeconfig --node-name $NODE_NAME --node-ip $NODE_IP --root-dir /var/lib/kubelet --pod-cidr $POD_CIDR --container-runtime-endpoint unix:///run/kube-containerd/containerd.sock --cluster-dns 10.96.0.10 --cluster-domain cluster.local --tls-cert-file $PKI/kubelet.crt --tls-private-key-file $PKI/kubelet.key --client-ca-file $PKI/ca.crt --anonymous-auth=false --authorization-mode Webhook --read-only-port 0
ENV
write_config etc/kube/kube-proxy.env <<ENV
# Flags of kube-proxy (kube-proxy --help); healthz on 10256, metrics on 10249 (plain
# HTTP, as upstream's).
KUBE_PROXY_ARGS=--kubeconfig /etc/kube/kube-proxy.kubeconfig --hostname-override $NODE_NAME --proxy-mode iptables --cluster-cidr $CLUSTER_CIDR
ENV
write_config etc/kube/cluster-dns.env <<ENV
# Flags of cluster-dns (cluster-dns --help). Serve it behind the Service
# kube-system/kube-dns (10.96.0.10) with an Endpoints object naming this address.
# Its kubeconfig (/etc/kube/cluster-dns.kubeconfig) reaches it as a systemd credential.
CLUSTER_DNS_ARGS=--bind-address $NODE_IP --port 53 --cluster-domain cluster.local
ENV
fi

# containerd: render-config.sh's layout, rendered in place and moved so that its
# configuration lives under etc/kube and its state under var/lib and run.
step "containerd configuration -> $PREFIX/etc/kube/containerd"
if [ ! -e "$PREFIX/etc/kube/containerd/config.toml" ] || [ $FORCE -eq 1 ]; then
  RENDER="$(mktemp -d)"
  trap 'rm -rf "$RENDER"' EXIT
  "$ROOT_DIR/deploy/containerd/render-config.sh" "$RENDER/c" "$POD_CIDR" >/dev/null
  install -d "$PREFIX/etc/kube/containerd/net.d"
  sed -e "s|$RENDER/c/containerd.sock|/run/kube-containerd/containerd.sock|" \
      -e "s|$RENDER/c/state|/run/kube-containerd/state|" \
      -e "s|$RENDER/c/runc|/run/kube-containerd/runc|" \
      -e "s|$RENDER/c/crun|/run/kube-containerd/crun|" \
      -e "s|$RENDER/c/cni/net.d|/etc/kube/containerd/net.d|" \
      -e "s|$RENDER/c/certs.d|/etc/kube/containerd/certs.d|" \
      -e "s|$RENDER/c|/var/lib/kube-containerd|g" \
      "$RENDER/c/config.toml" >"$PREFIX/etc/kube/containerd/config.toml"
  sed -e "s|$RENDER/c/cni/ipam|/var/lib/kube-containerd/cni/ipam|" \
      "$RENDER/c/cni/net.d/10-kube-bridge.conflist" \
      >"$PREFIX/etc/kube/containerd/net.d/10-kube-bridge.conflist"
  install -d "$PREFIX/etc/kube/containerd/certs.d"
else
  echo "    kept etc/kube/containerd (exists; --force replaces it)"
fi

step "documentation -> $PREFIX/usr/local/share/doc/kube"
install -d "$PREFIX/usr/local/share/doc/kube"
install -m 0644 "$ROOT_DIR/README.md" "$PREFIX/usr/local/share/doc/kube/README.md"
for daemon in kubelet scheduler controller-manager kube-proxy cluster-dns; do
  if [ -f "$ROOT_DIR/$daemon/README.md" ]; then
    install -m 0644 "$ROOT_DIR/$daemon/README.md" "$PREFIX/usr/local/share/doc/kube/$daemon.md"
  fi
done

if [ $ENABLE -eq 1 ]; then
  if [ -n "$PREFIX" ]; then
    echo "install: --enable only with the root /" >&2
    exit 2
  fi
  step "enabling and starting the units"
  systemctl daemon-reload
  systemctl enable --now containerd "${UNITS[@]}"
fi

if [ -n "$JOIN" ]; then
cat <<SUMMARY

Installed a node joining $JOIN into ${DEST}:
  binaries:  usr/local/bin/{kubelet,kube-proxy,kube-pki}
  units:     kube-pki.service (checks the CA against $JOIN_CA_HASH, writes the
             bootstrap kubeconfig), kubelet.service, kube-proxy.service
Start:       systemctl enable --now containerd ${UNITS[*]}
Then, as the cluster's administrator, check and approve the node's serving
certificate and kube-proxy's (kubectl get csr; kubectl certificate approve NAME);
its client certificate is approved by the controller-manager.
SUMMARY
exit 0
fi
cat <<SUMMARY

Installed into ${DEST}:
  binaries:  usr/local/bin/{$(IFS=,; echo "${DAEMONS[*]}"),kube-pki}
  units:     etc/systemd/system/*.service (Type=notify, Restart=always) and
             containerd.service.d/10-kube.conf
  flags:     etc/kube/<daemon>.env
  PKI:       made by kube-pki.service on first start: etc/kube/pki (CA, certificates,
             keys, all 0600), etc/kube/admin.kubeconfig (kubectl) and a kubeconfig per
             component
Start:       systemctl enable --now containerd ${UNITS[*]}
SUMMARY

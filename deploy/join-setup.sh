#!/usr/bin/env bash
# What machines joining a cluster need, in kubeadm's layout, written through the API as
# its administrator (cluster-up.sh, and install.sh's kube-join-setup.service):
#  - a bootstrap token (TOKEN_FILE keeps it, 0600, made when missing; its Secret
#    kube-system/bootstrap-token-<id> is valid 24 hours from when it is written);
#  - the bindings that let its holders ask for node certificates and have them
#    approved (nodeclient), and nodes renew theirs (selfnodeclient);
#  - kube-public/cluster-info (the CA and ADVERTISE, readable anonymously), which a
#    joining machine checks against the CA's pin (kube-pki ca-hash) before trusting.
# Objects that exist are kept. Prints the token's id.
#
# Usage: join-setup.sh --server URL --ca FILE --cert FILE --key FILE --advertise URL
#          --token-file FILE
set -euo pipefail

SERVER="" CA="" CERT="" KEY="" ADVERTISE="" JOIN_TOKEN_FILE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER="$2"; shift 2 ;;
    --ca) CA="$2"; shift 2 ;;
    --cert) CERT="$2"; shift 2 ;;
    --key) KEY="$2"; shift 2 ;;
    --advertise) ADVERTISE="$2"; shift 2 ;;
    --token-file) JOIN_TOKEN_FILE="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "join-setup: unknown argument $1" >&2; exit 2 ;;
  esac
done
for value in "$SERVER" "$CA" "$CERT" "$KEY" "$ADVERTISE" "$JOIN_TOKEN_FILE"; do
  [ -n "$value" ] || { echo "join-setup: every flag is required (--help)" >&2; exit 2; }
done
CURL=(curl -fsS --cacert "$CA" --cert "$CERT" --key "$KEY")
fail() { echo "join-setup: $*" >&2; exit 1; }
api_post() {  # COLLECTION NAME JSON: creates the object unless it exists
  local code
  code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$SERVER$1/$2" || true)
  [ "$code" = 200 ] && return 0
  code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data "$3" "$SERVER$1" || true)
  case "$code" in 201|409) ;; *) fail "POST $1 answered $code" ;; esac
}

if [ ! -s "$JOIN_TOKEN_FILE" ]; then
  random_part() { LC_ALL=C tr -dc 'a-z0-9' </dev/urandom | head -c "$1"; }
  (umask 077 && printf '%s.%s\n' "$(random_part 6)" "$(random_part 16)" >"$JOIN_TOKEN_FILE")
fi
JOIN_TOKEN=$(cat "$JOIN_TOKEN_FILE")
JOIN_TOKEN_ID=${JOIN_TOKEN%%.*}
JOIN_EXPIRATION=$(date -u -d '+24 hours' +%Y-%m-%dT%H:%M:%SZ)
api_post /api/v1/namespaces/kube-system/secrets "bootstrap-token-$JOIN_TOKEN_ID" "{\"apiVersion\":\"v1\",
  \"kind\":\"Secret\",\"type\":\"bootstrap.kubernetes.io/token\",
  \"metadata\":{\"name\":\"bootstrap-token-$JOIN_TOKEN_ID\",\"namespace\":\"kube-system\"},
  \"stringData\":{\"token-id\":\"$JOIN_TOKEN_ID\",\"token-secret\":\"${JOIN_TOKEN#*.}\",
    \"expiration\":\"$JOIN_EXPIRATION\",\"usage-bootstrap-authentication\":\"true\",
    \"usage-bootstrap-signing\":\"true\",
    \"auth-extra-groups\":\"system:bootstrappers:kubeadm:default-node-token\"}}"
cluster_binding() {  # NAME CLUSTERROLE SUBJECT-KIND SUBJECT-NAME
  api_post /apis/rbac.authorization.k8s.io/v1/clusterrolebindings "$1" "{
    \"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",
    \"metadata\":{\"name\":\"$1\"},
    \"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"$2\"},
    \"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"$3\",\"name\":\"$4\"}]}"
}
cluster_binding kubeadm:kubelet-bootstrap system:node-bootstrapper Group \
  system:bootstrappers:kubeadm:default-node-token
cluster_binding kubeadm:node-autoapprove-bootstrap \
  system:certificates.k8s.io:certificatesigningrequests:nodeclient Group \
  system:bootstrappers:kubeadm:default-node-token
cluster_binding kubeadm:node-autoapprove-certificate-rotation \
  system:certificates.k8s.io:certificatesigningrequests:selfnodeclient Group system:nodes
CLUSTER_INFO_KUBECONFIG=$(printf 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: %s\n  name: ""\ncontexts: null\ncurrent-context: ""\npreferences: {}\nusers: null\n' \
  "$(base64 -w0 "$CA")" "$ADVERTISE")
api_post /api/v1/namespaces/kube-public/configmaps cluster-info "{\"apiVersion\":\"v1\",
  \"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cluster-info\",\"namespace\":\"kube-public\"},
  \"data\":{\"kubeconfig\":$(printf '%s' "$CLUSTER_INFO_KUBECONFIG" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')}}"
api_post /apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/roles \
  kubeadm:bootstrap-signer-clusterinfo "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",
  \"kind\":\"Role\",\"metadata\":{\"name\":\"kubeadm:bootstrap-signer-clusterinfo\",
  \"namespace\":\"kube-public\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],
  \"resourceNames\":[\"cluster-info\"],\"verbs\":[\"get\"]}]}"
api_post /apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/rolebindings \
  kubeadm:bootstrap-signer-clusterinfo "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",
  \"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"kubeadm:bootstrap-signer-clusterinfo\",
  \"namespace\":\"kube-public\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",
  \"kind\":\"Role\",\"name\":\"kubeadm:bootstrap-signer-clusterinfo\"},
  \"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",
  \"name\":\"system:anonymous\"}]}"
echo "join token id: $JOIN_TOKEN_ID"

#!/usr/bin/env bash
# Usage: deploy/kubeconfig.sh SERVER
# Prints a kubeconfig for SERVER (http://HOST:PORT for REST clients such as kubectl,
# grpc://HOST:PORT for our daemons) with no credentials: the development mode of an
# apiserver serving plain HTTP.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 SERVER" >&2; exit 2; }
cat <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $1
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

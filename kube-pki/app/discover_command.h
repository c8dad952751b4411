#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// kube-pki ca-hash: the pin of DIR/ca.crt, "sha256:<hex>" (what joining nodes check).
absl::StatusOr<std::string> RunCaHash(const std::string& dir);

// kube-pki discover: what a joining node does before it trusts the cluster
// (kubeadm's token discovery): reads ConfigMap kube-public/cluster-info from
// --server anonymously over TLS without trusting it yet, takes the CA from its
// kubeconfig, accepts it only when its pin equals --discovery-token-ca-cert-hash,
// and writes --out (0600): a kubeconfig for --kubeconfig-server (default --server)
// that trusts that CA and authenticates with --token. Nothing is written, and the
// token is never sent, when the pin differs.
absl::StatusOr<FileReport> RunDiscover(const DiscoverOptions& options);

}  // namespace kube::pki::app

#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::kubelet {

struct ServingCertificateOptions {
  std::string kubeconfig;  // the kubelet's own credentials (system:node:<name>)
  std::string cert_dir;    // kubelet-server.crt and kubelet-server.key go here
  std::string node_name;
  std::vector<std::string> dns_names;  // the node name first
  std::vector<std::string> ip_addresses;
  absl::Duration wait = absl::Minutes(15);
};

struct ServingCertificateFiles {
  std::string cert_file;
  std::string key_file;
};

// --rotate-server-certificates (upstream's serverTLSBootstrap): the kubelet's
// serving certificate comes from the cluster CA, through a CertificateSigningRequest
// for signer kubernetes.io/kubelet-serving (system:node:<name> in system:nodes, the
// node's names and addresses, server auth) made with the kubelet's own credentials.
// Upstream never approves those automatically: an administrator (or cluster-up.sh,
// for the nodes it adds) checks the names and approves. The certificate in
// `cert_dir` is kept while it names the same addresses and is not in the last fifth
// of its life (when the rotator renews it). Blocks until one is issued (bounded by
// `wait`).
absl::StatusOr<ServingCertificateFiles> EnsureServingCertificate(
    const ServingCertificateOptions& options);

}  // namespace kube::kubelet

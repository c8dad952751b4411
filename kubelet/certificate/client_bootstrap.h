#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace kube::kubelet {

struct ClientBootstrapOptions {
  std::string kubeconfig;            // --kubeconfig: written here
  std::string bootstrap_kubeconfig;  // --bootstrap-kubeconfig: a token and the CA
  std::string node_name;
  absl::Duration wait = absl::Minutes(15);  // for approval and signing
  absl::Duration poll = absl::Milliseconds(500);
};

// TLS bootstrapping (upstream's --bootstrap-kubeconfig): unless --kubeconfig already
// holds a client certificate that has not expired (renewing one that is merely due is
// the rotator's work, with the kubelet's own credentials), the kubelet makes a key, asks
// for a certificate for system:node:<name> in system:nodes through a
// CertificateSigningRequest (signer kubernetes.io/kube-apiserver-client-kubelet)
// made with the bootstrap credentials, waits until a signer has issued it, and
// writes --kubeconfig (the bootstrap kubeconfig's server and CA, the new
// certificate and key; mode 0600). An error when the request is denied or fails,
// or nothing is issued within `wait`.
absl::Status EnsureClientCertificate(const ClientBootstrapOptions& options);

// Writes the kubelet's kubeconfig (mode 0600, atomically): `server` and `ca_pem`,
// and the client certificate and key.
absl::Status WriteNodeKubeconfig(const std::string& path, const std::string& server,
                                 const std::string& ca_pem, const std::string& cert_pem,
                                 const std::string& key_pem);

}  // namespace kube::kubelet

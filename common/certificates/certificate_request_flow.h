#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/pki/certificate_spec.h"
#include "common/tls/openssl_ptr.h"

namespace kube::certificates {

// What a component asks a signer for.
struct CertificateAsk {
  pki::CertificateSpec subject;  // CN, O and alternative names; usages below
  std::string signer_name;
  std::vector<std::string> usages;
  absl::Duration wait = absl::Minutes(15);
  absl::Duration poll = absl::Milliseconds(500);
};

// Asks for a certificate for `key` through a CertificateSigningRequest (as the
// client's user: a bootstrap token, a kubelet) and waits until a signer has written
// it: the PEM certificate. An error when the request is denied or fails, or nothing
// is issued within the wait. For the kubelet's TLS bootstrapping and rotation and
// kube-pki request.
absl::StatusOr<std::string> RequestCertificate(const client::Client& client, EVP_PKEY* key,
                                               const CertificateAsk& ask);

}  // namespace kube::certificates

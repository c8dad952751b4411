#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/pki/certificate_spec.h"
#include "common/tls/openssl_ptr.h"

namespace kube::pki {

// What a PKCS#10 certificate request asks for, as a signer reads it.
struct CertificateRequestInfo {
  std::string common_name;
  std::vector<std::string> organizations;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  tls::EvpPkeyPtr public_key;
};

// Parses a PEM "CERTIFICATE REQUEST" and checks its self-signature (the requester
// holds the key). InvalidArgument saying what is wrong otherwise.
absl::StatusOr<CertificateRequestInfo> ParseCertificateRequest(std::string_view pem);

// A PEM certificate request for `spec`'s subject and alternative names, signed with
// `key` (SHA-256), as a kubelet makes one for its certificate.
absl::StatusOr<std::string> CreateCertificateRequest(const CertificateSpec& spec, EVP_PKEY* key);

}  // namespace kube::pki

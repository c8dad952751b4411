#pragma once

#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/pki/certificate_spec.h"
#include "common/tls/openssl_ptr.h"

namespace kube::pki {

// What a certificate says, in the terms of CertificateSpec.
struct CertificateInfo {
  std::string common_name;
  std::vector<std::string> organizations;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // canonical text
  bool is_ca = false;
  bool server_auth = false;
  bool client_auth = false;
  absl::Time not_before;
  absl::Time not_after;
};

CertificateInfo DescribeCertificate(X509* certificate);

// Whether `certificate` has expired or expires within `before_expiry` of `now`
// (k3s renews leaves within 90 days of expiry).
bool NeedsRenewal(X509* certificate, absl::Duration before_expiry, absl::Time now = absl::Now());

// Whether `certificate` says what `spec` asks: the same common name, the same sets
// of organizations, DNS names and IP addresses, CA flag and server/client usages
// (k3s reissues when any of them changed). Validity is not compared.
bool MatchesSpec(X509* certificate, const CertificateSpec& spec);

// Whether `certificate` names `issuer` as its issuer and carries its signature (a
// certificate signed by a replaced CA is not).
bool IsIssuedBy(X509* certificate, X509* issuer);

// "sha256:<hex>" of the certificate's DER SubjectPublicKeyInfo: the CA pin a
// joining node checks (kubeadm's --discovery-token-ca-cert-hash).
std::string PublicKeyPin(X509* certificate);

}  // namespace kube::pki

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/tls/openssl_ptr.h"

namespace kube::tls {

// Who a verified client certificate names (upstream's x509 authenticator: the
// common name is the user, the organizations are its groups).
struct CertificateIdentity {
  std::string common_name;
  std::vector<std::string> organizations;
  std::string sha256_hex;  // hex SHA-256 of the leaf's DER
};

// Verifies client certificates against a CA bundle (--client-ca-file), as Go's
// x509.Certificate.Verify with KeyUsages=[ClientAuth] does for kube-apiserver.
//
// Thread-safe: immutable after creation; Verify may run on many threads at once.
class ClientCertificateVerifier {
 public:
  // From PEM text holding one or more CA certificates. Every one is a trust anchor,
  // intermediates included (as in a Go CertPool). InvalidArgument when none parses.
  static absl::StatusOr<std::unique_ptr<ClientCertificateVerifier>> FromPem(
      std::string_view ca_bundle_pem);
  // From a file; errors name it.
  static absl::StatusOr<std::unique_ptr<ClientCertificateVerifier>> FromFile(
      const std::string& path);

  // Verifies `chain` (the leaf first, then any intermediates, e.g.
  // TlsConnection::PeerChain()) at the current time: signed by a CA of the bundle,
  // within its validity, and usable for client authentication (extended key usage
  // clientAuth, or none). Unauthenticated with Go's message otherwise ("x509:
  // certificate signed by unknown authority", "x509: certificate has expired or is
  // not yet valid: current time ... is after ...", "x509: certificate specifies an
  // incompatible key usage"); InvalidArgument for an empty chain.
  absl::StatusOr<CertificateIdentity> Verify(const std::vector<X509*>& chain) const;
  // The same at time `now`.
  absl::StatusOr<CertificateIdentity> VerifyAt(const std::vector<X509*>& chain,
                                               absl::Time now) const;

 private:
  explicit ClientCertificateVerifier(X509StorePtr store) : store_(std::move(store)) {}

  const X509StorePtr store_;  // the trust anchors; only read after construction
};

}  // namespace kube::tls

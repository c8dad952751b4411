#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/authenticator.h"
#include "common/tls/client_certificate.h"

namespace kube::auth {

// x509 client certificates (--client-ca-file), as upstream's x509 authenticator:
// a chain that verifies against the CA for client authentication is the user of
// its Subject CN, in the groups of its Subject Os, with the extra
// authentication.kubernetes.io/credential-id "X509SHA256=<hex>". No certificate, or
// one without a CN, is no credential; one that does not verify is a bad credential.
//
// Verifying a chain costs far more than a request, and a client presents the same
// certificate on every request of a connection, so results are kept (by the chain's
// fingerprints) for a minute, never past the leaf's expiry. Thread-safe.
class X509Authenticator final : public Authenticator {
 public:
  explicit X509Authenticator(std::unique_ptr<tls::ClientCertificateVerifier> verifier);

  absl::StatusOr<std::optional<UserInfo>> Authenticate(
      const RequestCredentials& credentials) const override;

 private:
  struct Verified {
    absl::StatusOr<UserInfo> user;
    absl::Time until;
  };

  absl::StatusOr<UserInfo> Verify(const std::vector<X509*>& chain) const;

  const std::unique_ptr<tls::ClientCertificateVerifier> verifier_;
  mutable absl::Mutex mu_;
  // By the chain's concatenated SHA-256 fingerprints; cleared when it grows large.
  mutable std::map<std::string, Verified> verified_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::auth

#include "common/auth/x509_authenticator.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "common/util/strings.h"
#include "absl/time/clock.h"

namespace kube::auth {
namespace {

constexpr absl::Duration kRemember = absl::Minutes(1);
constexpr size_t kMaxRemembered = 4096;

std::string Fingerprints(const std::vector<X509*>& chain) {
  std::string key;
  for (X509* certificate : chain) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    X509_digest(certificate, EVP_sha256(), digest, &length);
    key.append(reinterpret_cast<const char*>(digest), length);
  }
  return key;
}

// When the leaf stops being valid (so a remembered verdict never outlives it).
absl::Time NotAfter(X509* leaf) {
  struct tm expiry = {};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &expiry) != 1) return absl::InfinitePast();
  return absl::FromTM(expiry, absl::UTCTimeZone());
}

}  // namespace

X509Authenticator::X509Authenticator(std::unique_ptr<tls::ClientCertificateVerifier> verifier)
    : verifier_(std::move(verifier)) {}

absl::StatusOr<UserInfo> X509Authenticator::Verify(const std::vector<X509*>& chain) const {
  absl::StatusOr<tls::CertificateIdentity> identity = verifier_->Verify(chain);
  if (!identity.ok()) {
    return absl::UnauthenticatedError(
        StrCat("verifying certificate: ", identity.status().message()));
  }
  UserInfo user;
  user.name = identity->common_name;
  user.groups = identity->organizations;
  user.extra["authentication.kubernetes.io/credential-id"] = {
      StrCat("X509SHA256=", identity->sha256_hex)};
  return user;
}

absl::StatusOr<std::optional<UserInfo>> X509Authenticator::Authenticate(
    const RequestCredentials& credentials) const {
  if (credentials.peer_chain.empty()) return std::nullopt;
  const std::string key = Fingerprints(credentials.peer_chain);
  const absl::Time now = absl::Now();
  absl::StatusOr<UserInfo> user;
  bool found = false;
  {
    absl::MutexLock lock(&mu_);
    auto remembered = verified_.find(key);
    if (remembered != verified_.end() && remembered->second.until > now) {
      user = remembered->second.user;
      found = true;
    }
  }
  if (!found) {
    user = Verify(credentials.peer_chain);
    absl::MutexLock lock(&mu_);
    if (verified_.size() >= kMaxRemembered) verified_.clear();
    verified_[key] = Verified{user, std::min(now + kRemember, NotAfter(credentials.peer_chain[0]))};
  }
  if (!user.ok()) return user.status();
  if (user->name.empty()) return std::nullopt;  // upstream: no CN, no user
  return std::optional<UserInfo>(*user);
}

}  // namespace kube::auth

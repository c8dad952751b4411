#include "common/auth/delegating/delegating_authenticator.h"

#include "absl/strings/str_join.h"
#include "common/auth/delegating/token_review_authenticator.h"
#include "common/auth/x509_authenticator.h"
#include "common/util/strings.h"

namespace kube::auth {
namespace {

// Upstream's AuthenticatedGroupAdder.
void AddAuthenticatedGroup(UserInfo& user) {
  if (user.name == kAnonymousUser) return;
  if (user.InGroup(kAllAuthenticated) || user.InGroup(kAllUnauthenticated)) return;
  user.groups.push_back(kAllAuthenticated);
}

}  // namespace

absl::StatusOr<std::unique_ptr<DelegatingAuthenticator>> DelegatingAuthenticator::Create(
    const DelegatingAuthenticationOptions& options, std::shared_ptr<client::Transport> transport) {
  std::vector<std::unique_ptr<Authenticator>> authenticators;
  if (!options.client_ca_file.empty()) {
    absl::StatusOr<std::unique_ptr<tls::ClientCertificateVerifier>> verifier =
        tls::ClientCertificateVerifier::FromFile(options.client_ca_file);
    if (!verifier.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--client-ca-file: ", verifier.status().message()));
    }
    authenticators.push_back(std::make_unique<X509Authenticator>(std::move(*verifier)));
  }
  if (transport != nullptr) {
    authenticators.push_back(
        std::make_unique<TokenReviewAuthenticator>(std::move(transport), options.token_cache_ttl));
  }
  return std::make_unique<DelegatingAuthenticator>(std::move(authenticators), options.anonymous);
}

DelegatingAuthenticator::DelegatingAuthenticator(
    std::vector<std::unique_ptr<Authenticator>> authenticators, bool anonymous)
    : authenticators_(std::move(authenticators)), anonymous_(anonymous) {}

absl::StatusOr<UserInfo> DelegatingAuthenticator::Authenticate(
    const RequestCredentials& credentials) const {
  // As upstream's union: the first that knows the request wins; errors of the
  // others only count when none does.
  std::vector<std::string> errors;
  for (const auto& authenticator : authenticators_) {
    absl::StatusOr<std::optional<UserInfo>> user = authenticator->Authenticate(credentials);
    if (!user.ok()) {
      errors.emplace_back(user.status().message());
      continue;
    }
    if (user->has_value()) {
      AddAuthenticatedGroup(**user);
      return std::move(**user);
    }
  }
  if (!errors.empty()) return absl::UnauthenticatedError(absl::StrJoin(errors, ", "));
  if (!anonymous_) return absl::UnauthenticatedError("no credentials");
  UserInfo anonymous;
  anonymous.name = kAnonymousUser;
  anonymous.groups = {kAllUnauthenticated};
  return anonymous;
}

}  // namespace kube::auth

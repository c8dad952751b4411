#include "apiserver/authentication/request_authenticator.h"

#include "absl/strings/str_join.h"

namespace kube::apiserver::authentication {
namespace {

// What upstream's AuthenticatedGroupAdder does.
void AddAuthenticatedGroup(auth::UserInfo& user) {
  if (user.name == auth::kAnonymousUser) return;
  if (user.InGroup(auth::kAllAuthenticated) || user.InGroup(auth::kAllUnauthenticated)) return;
  user.groups.push_back(auth::kAllAuthenticated);
}

}  // namespace

RequestAuthenticator::RequestAuthenticator(
    std::vector<std::unique_ptr<auth::Authenticator>> authenticators,
    std::vector<std::unique_ptr<TokenAuthenticator>> token_authenticators, bool allow_anonymous)
    : authenticators_(std::move(authenticators)),
      token_authenticators_(std::move(token_authenticators)),
      allow_anonymous_(allow_anonymous) {}

absl::StatusOr<std::optional<auth::UserInfo>> RequestAuthenticator::AuthenticateBearer(
    const std::string& authorization) const {
  std::optional<std::string> token = auth::BearerToken(authorization);
  if (!token) return std::nullopt;
  std::vector<std::string> errors;
  for (const auto& authenticator : token_authenticators_) {
    absl::StatusOr<std::optional<auth::UserInfo>> user = authenticator->AuthenticateToken(*token);
    if (!user.ok()) {
      errors.emplace_back(user.status().message());
      continue;
    }
    if (user->has_value()) return user;
  }
  if (errors.empty()) return absl::UnauthenticatedError("invalid bearer token");
  return absl::UnauthenticatedError(absl::StrJoin(errors, ", "));
}

absl::StatusOr<auth::UserInfo> RequestAuthenticator::Authenticate(
    const auth::RequestCredentials& credentials) const {
  std::vector<std::string> errors;
  for (const auto& authenticator : authenticators_) {
    absl::StatusOr<std::optional<auth::UserInfo>> user = authenticator->Authenticate(credentials);
    if (!user.ok()) {
      errors.emplace_back(user.status().message());
      continue;
    }
    if (user->has_value()) {
      AddAuthenticatedGroup(**user);
      return std::move(**user);
    }
  }
  absl::StatusOr<std::optional<auth::UserInfo>> bearer =
      AuthenticateBearer(credentials.authorization);
  if (!bearer.ok()) {
    errors.emplace_back(bearer.status().message());
  } else if (bearer->has_value()) {
    AddAuthenticatedGroup(**bearer);
    return std::move(**bearer);
  }
  if (!errors.empty()) return absl::UnauthenticatedError(absl::StrJoin(errors, "; "));
  if (!allow_anonymous_) return absl::UnauthenticatedError("no credentials");
  auth::UserInfo anonymous;
  anonymous.name = auth::kAnonymousUser;
  anonymous.groups = {auth::kAllUnauthenticated};
  return anonymous;
}

}  // namespace kube::apiserver::authentication

#include "apiserver/authentication/request_authenticator.h"

#include "absl/strings/ascii.h"
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

std::optional<std::string> BearerToken(const std::string& authorization) {
  // As Go's strings.SplitN(header, " ", 3): "Bearer", the token, and anything after.
  const size_t space = authorization.find(' ');
  if (space == std::string::npos) return std::nullopt;
  if (absl::AsciiStrToLower(authorization.substr(0, space)) != "bearer") return std::nullopt;
  std::string token = authorization.substr(space + 1);
  token = token.substr(0, token.find(' '));
  if (token.empty()) return std::nullopt;
  return token;
}

RequestAuthenticator::RequestAuthenticator(
    std::vector<std::unique_ptr<Authenticator>> authenticators,
    std::vector<std::unique_ptr<TokenAuthenticator>> token_authenticators, bool allow_anonymous)
    : authenticators_(std::move(authenticators)),
      token_authenticators_(std::move(token_authenticators)),
      allow_anonymous_(allow_anonymous) {}

absl::StatusOr<std::optional<auth::UserInfo>> RequestAuthenticator::AuthenticateBearer(
    const std::string& authorization) const {
  std::optional<std::string> token = BearerToken(authorization);
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
    const Credentials& credentials) const {
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

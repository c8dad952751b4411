#include "absl/strings/ascii.h"
#include "common/auth/authenticator.h"

namespace kube::auth {

std::optional<std::string> BearerToken(const std::string& authorization) {
  // As upstream: "Bearer", one space, the token; anything after a further space is
  // ignored.
  const size_t space = authorization.find(' ');
  if (space == std::string::npos) return std::nullopt;
  if (absl::AsciiStrToLower(authorization.substr(0, space)) != "bearer") return std::nullopt;
  std::string token = authorization.substr(space + 1);
  token = token.substr(0, token.find(' '));
  if (token.empty()) return std::nullopt;
  return token;
}

}  // namespace kube::auth

#include "apiserver/serviceaccount/token_generator.h"

#include "apiserver/serviceaccount/jwt.h"

namespace kube::serviceaccount {

absl::StatusOr<std::string> TokenGenerator::Generate(const TokenRequestClaims& claims) const {
  TokenRequestClaims issued = claims;
  issued.issuer = issuer_;
  absl::StatusOr<std::string> payload = EncodeTokenRequestClaims(issued);
  if (!payload.ok()) return payload.status();
  return SignCompactJws(key_, *payload);
}

absl::StatusOr<std::string> TokenGenerator::GenerateLegacy(const LegacyTokenClaims& claims) const {
  return SignCompactJws(key_, EncodeLegacyClaims(claims));
}

}  // namespace kube::serviceaccount

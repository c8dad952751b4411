#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/claims.h"
#include "apiserver/serviceaccount/signing_key.h"

namespace kube::serviceaccount {

// Signs service-account tokens with the --service-account-signing-key-file key.
// Immutable once made; Generate may be called from any thread.
class TokenGenerator {
 public:
  // `issuer` is the first --service-account-issuer; it is the "iss" of every
  // TokenRequest token, whatever the claims passed in say (as upstream's generator).
  TokenGenerator(std::string issuer, SigningKey key)
      : issuer_(std::move(issuer)), key_(std::move(key)) {}

  TokenGenerator(const TokenGenerator&) = delete;
  TokenGenerator& operator=(const TokenGenerator&) = delete;

  // A signed TokenRequest token (compact JWS).
  absl::StatusOr<std::string> Generate(const TokenRequestClaims& claims) const;

  // A legacy Secret-based token, issuer "kubernetes/serviceaccount", as upstream's
  // tokens controller writes into kubernetes.io/service-account-token Secrets.
  absl::StatusOr<std::string> GenerateLegacy(const LegacyTokenClaims& claims) const;

  const std::string& issuer() const { return issuer_; }
  const SigningKey& key() const { return key_; }

 private:
  const std::string issuer_;
  const SigningKey key_;
};

}  // namespace kube::serviceaccount

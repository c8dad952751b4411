#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/serviceaccount/jwt.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/service_account_lookup.h"
#include "common/auth/user_info.h"

namespace kube::serviceaccount {

struct TokenAuthenticatorConfig {
  // --service-account-issuer (every value): tokens from these issuers are checked as
  // TokenRequest tokens.
  std::vector<std::string> issuers;
  // --api-audiences: a token must share one with the requested audiences (these, when
  // the caller requests none). Empty accepts a token of any audience.
  std::vector<std::string> api_audiences;
  // Accept legacy Secret-based tokens (issuer "kubernetes/serviceaccount"), as
  // upstream does whenever --service-account-key-file is given.
  bool accept_legacy_tokens = true;
  // --service-account-lookup: check legacy tokens against their live Secret and
  // service account (TokenRequest tokens are always checked).
  bool legacy_lookup = true;
};

// A token that authenticated.
struct TokenAuthentication {
  // The service account's user; the caller adds system:authenticated.
  auth::UserInfo user;
  // The token's audiences that were requested, in the token's order.
  std::vector<std::string> audiences;
  // What upstream records in the audit event (stale-token, legacy-token).
  std::vector<std::pair<std::string, std::string>> audit_annotations;
};

// The service-account token authenticator of kube-apiserver (upstream's
// JWTTokenAuthenticator with its two validators).
//
// Verdicts:
//   nothing         - not a service-account token of ours: not a compact JWT, or its
//                     issuer is none of ours; the next authenticator may try it.
//   Unauthenticated - ours but not valid: bad signature or key, wrong audience,
//                     expired, its service account or bound object gone or replaced.
//                     The message is upstream's.
//   a user          - valid.
//
// Immutable after construction; Authenticate may be called from any thread.
class TokenAuthenticator {
 public:
  // `keys` are the --service-account-key-file keys; `lookup` must outlive this object.
  TokenAuthenticator(TokenAuthenticatorConfig config, std::shared_ptr<const PublicKeySet> keys,
                     const ServiceAccountLookup& lookup);

  TokenAuthenticator(const TokenAuthenticator&) = delete;
  TokenAuthenticator& operator=(const TokenAuthenticator&) = delete;

  // Authenticates a bearer token for the apiserver's own audiences at time `now`. When
  // it succeeds and `audiences_matched` is given, it receives the matching audiences.
  absl::StatusOr<std::optional<auth::UserInfo>> Authenticate(
      std::string_view token, absl::Time now, std::vector<std::string>* audiences_matched) const;

  // The same for explicitly requested audiences (a TokenReview's spec.audiences); null
  // means the apiserver's own.
  absl::StatusOr<std::optional<TokenAuthentication>> AuthenticateForAudiences(
      std::string_view token, const std::vector<std::string>* requested_audiences,
      absl::Time now) const;

 private:
  enum class TokenKind { kBound, kLegacy };

  // Verifies and validates a token already known to carry one of our issuers.
  absl::StatusOr<TokenAuthentication> Check(std::string_view token, const CompactJws& jws,
                                            TokenKind kind,
                                            const std::vector<std::string>& requested,
                                            absl::Time now) const;

  const TokenAuthenticatorConfig config_;
  const std::shared_ptr<const PublicKeySet> keys_;
  const ServiceAccountLookup& lookup_;
};

}  // namespace kube::serviceaccount

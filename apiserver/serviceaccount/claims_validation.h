#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/serviceaccount/claims.h"
#include "apiserver/serviceaccount/service_account_lookup.h"
#include "apiserver/serviceaccount/service_account_user.h"

namespace kube::serviceaccount {

// Upstream's allowance for clock skew: tokens are good until a minute after "exp" and
// from a minute before "nbf"; objects count as deleted a minute after their
// deletionTimestamp.
inline constexpr absl::Duration kClockLeeway = absl::Minutes(1);

// Audit annotations upstream adds while validating tokens.
inline constexpr char kStaleTokenAnnotation[] = "authentication.k8s.io/stale-token";
inline constexpr char kLegacyTokenAnnotation[] = "authentication.k8s.io/legacy-token";
// The Secret label that retires a legacy token.
inline constexpr char kLegacyTokenInvalidSinceLabel[] = "kubernetes.io/legacy-token-invalid-since";

// A token that passed validation: whom it speaks for, and what to audit.
struct ValidatedToken {
  ServiceAccountInfo service_account;
  std::vector<std::pair<std::string, std::string>> audit_annotations;
};

// Checks a TokenRequest token's signed claims against the clock and the live objects,
// as upstream's validator (pkg/serviceaccount/claims.go, v1.32): "exp"/"nbf"/"iat"
// with a minute's leeway; the service account must exist with the claimed uid and not
// have been deleted; a bound secret, pod or (for node-bound tokens) node likewise,
// else "service account token has been invalidated". The node of a pod-bound token
// is only reported, not looked up. Errors are Unauthenticated with upstream's texts.
absl::StatusOr<ValidatedToken> ValidateBoundToken(const ParsedClaims& claims,
                                                  const ServiceAccountLookup& lookup,
                                                  absl::Time now);

// Checks a legacy Secret-based token, as upstream's legacy validator: the claims
// must be complete and agree with "sub"; with a lookup, the Secret must exist, not be
// deleting, hold exactly `token`, not carry the invalid-since label, and the service
// account must exist with the claimed uid. Legacy tokens never expire.
absl::StatusOr<ValidatedToken> ValidateLegacyToken(const ParsedClaims& claims,
                                                   std::string_view token,
                                                   const ServiceAccountLookup* lookup);

}  // namespace kube::serviceaccount

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/serviceaccount/claims.h"
#include "apiserver/serviceaccount/service_account_lookup.h"

// The policy half of POST .../serviceaccounts/{name}/token (upstream's TokenREST,
// pkg/registry/core/serviceaccount/storage/token.go, and the authentication.k8s.io
// defaults and validation). The REST layer maps the authentication.k8s.io/v1
// TokenRequest to these structs, signs the planned claims with a TokenGenerator and
// answers with the status.
namespace kube::serviceaccount {

inline constexpr int64_t kDefaultTokenExpirationSeconds = 3600;
inline constexpr int64_t kMinTokenExpirationSeconds = 600;
inline constexpr int64_t kMaxTokenExpirationSeconds = int64_t{1} << 32;
// What the kubelet asks for projected tokens; with --service-account-extend-token-
// expiration such pod-bound tokens live a year but warn after this many seconds.
inline constexpr int64_t kWarnOnlyBoundTokenExpirationSeconds = 60 * 60 + 7;
inline constexpr int64_t kExpirationExtensionSeconds = 24 * 365 * 60 * 60;

// spec.boundObjectRef.
struct BoundObjectReference {
  std::string kind;         // Pod, Secret or Node
  std::string api_version;  // its group must be the core group ("v1")
  std::string name;
  std::string uid;  // when set, must be the live object's
};

// authentication.k8s.io/v1 TokenRequestSpec.
struct TokenRequestSpec {
  std::vector<std::string> audiences;
  std::optional<int64_t> expiration_seconds;  // unset: 3600
  std::optional<BoundObjectReference> bound_object_ref;
};

// The apiserver's flags that shape tokens.
struct TokenRequestPolicy {
  std::vector<std::string> api_audiences;        // --api-audiences
  std::optional<absl::Duration> max_expiration;  // --service-account-max-token-expiration
  bool extend_expiration = true;                 // --service-account-extend-token-expiration
};

// One failed field check, e.g. "spec.expirationSeconds: Invalid value: 60: may not
// specify a duration less than 10 minutes"; the REST layer turns these into a 422.
struct SpecViolation {
  std::string field;
  int64_t value = 0;
  std::string detail;

  std::string ToString() const;
};

// The spec as the server sees it: expirationSeconds 3600 when unset, audiences the
// apiserver's own when empty.
TokenRequestSpec DefaultTokenRequestSpec(TokenRequestSpec spec, const TokenRequestPolicy& policy);

// Upstream's ValidateTokenRequest of a defaulted spec: 600 <= expirationSeconds <= 2^32.
std::vector<SpecViolation> ValidateTokenRequestSpec(const TokenRequestSpec& defaulted);

// What to issue for a request.
struct PlannedToken {
  TokenRequestSpec spec;            // defaulted, expiration capped: the response's spec
  TokenRequestClaims claims;        // what to sign (the generator sets the issuer)
  absl::Time expiration_timestamp;  // status.expirationTimestamp: now + spec's expiration
  std::vector<std::string> warnings;  // HTTP Warning texts
};

// Decides the token for service account `name` in `namespace_name` at `now`, with
// `jti` as its id (NewTokenId()). In upstream's order: the service account must exist
// (NotFound "serviceaccounts \"x\" not found"); defaulting and validation
// (InvalidArgument, "TokenRequest.authentication.k8s.io \"\" is invalid: ..."); the
// bound object must exist (NotFound), be a Pod, Secret or Node of the core group
// (InvalidArgument, "cannot bind token to object of type ..."), a pod must run as this
// service account (InvalidArgument) and a given uid must match (Aborted, upstream's
// 409 Conflict text); a longer expiration than the maximum is cut with a warning; a
// pod-bound 3607 s request for the apiserver's audiences is extended to a year with
// warnafter = now + 3607 s when the policy says so. A pod's node is recorded in the
// claims (by name alone if the node is gone).
absl::StatusOr<PlannedToken> PlanTokenRequest(std::string_view namespace_name,
                                              std::string_view name,
                                              const TokenRequestSpec& spec,
                                              const TokenRequestPolicy& policy,
                                              const ServiceAccountLookup& lookup,
                                              absl::Time now, std::string jti);

}  // namespace kube::serviceaccount

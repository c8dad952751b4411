#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::serviceaccount {

// The issuer of legacy, Secret-based tokens.
inline constexpr char kLegacyIssuer[] = "kubernetes/serviceaccount";

// An object a token is bound to (or its service account): name and uid.
struct BoundObject {
  std::string name;
  std::string uid;

  friend bool operator==(const BoundObject&, const BoundObject&) = default;
};

// What a TokenRequest token says: upstream's public claims plus its "kubernetes.io"
// private claim (pkg/serviceaccount/claims.go, v1.32).
struct TokenRequestClaims {
  std::string issuer;                  // "iss"; the TokenGenerator writes its own
  std::vector<std::string> audiences;  // "aud", always a JSON array; omitted when empty
  absl::Time issued_at;                // "iat" and "nbf", whole seconds
  absl::Duration expiration;           // "exp" = issued_at + expiration
  std::string namespace_name;
  std::string service_account_name;
  std::string service_account_uid;
  // At most one of pod and secret. node is set for node-bound tokens and, alongside
  // pod, for pod-bound tokens whose pod is scheduled.
  std::optional<BoundObject> pod;
  std::optional<BoundObject> secret;
  std::optional<BoundObject> node;
  // "kubernetes.io.warnafter": the extended 3607 s tokens warn after this time.
  std::optional<absl::Time> warn_after;
  std::string jti;  // "jti": a random UUID; omitted when empty
};

// The JSON payload of a TokenRequest token, keys sorted as Go's encoder writes the
// merged claims: aud, exp, iat, iss, jti, kubernetes.io{namespace, node, pod, secret,
// serviceaccount{name, uid}, warnafter}, nbf, sub. Fails when both pod and secret are
// set (upstream: "token can only be bound to one object type").
absl::StatusOr<std::string> EncodeTokenRequestClaims(const TokenRequestClaims& claims);

// The claims of a legacy Secret-based token (flat "kubernetes.io/serviceaccount/..."
// keys, no audience and no expiry).
struct LegacyTokenClaims {
  std::string namespace_name;
  std::string service_account_name;
  std::string service_account_uid;
  std::string secret_name;
};

// The JSON payload of a legacy token: iss "kubernetes/serviceaccount", the four
// private claims, sub.
std::string EncodeLegacyClaims(const LegacyTokenClaims& claims);

// A token's payload as read for validation, whichever kind it is. Absent values are
// empty or nothing; JSON null counts as absent.
struct ParsedClaims {
  std::string issuer;
  std::string subject;
  std::vector<std::string> audiences;  // "aud" as a string or an array of strings
  std::optional<int64_t> expiry;       // NumericDate seconds
  std::optional<int64_t> not_before;
  std::optional<int64_t> issued_at;
  std::string jti;

  // "kubernetes.io"
  std::string namespace_name;
  BoundObject service_account;
  std::optional<BoundObject> pod;
  std::optional<BoundObject> secret;
  std::optional<BoundObject> node;
  std::optional<int64_t> warn_after;

  LegacyTokenClaims legacy;
};

// Reads a payload. InvalidArgument when it is not a JSON object or a known claim has
// the wrong JSON type.
absl::StatusOr<ParsedClaims> ParseClaims(std::string_view payload_json);

}  // namespace kube::serviceaccount

#include "apiserver/serviceaccount/claims_validation.h"

#include <openssl/crypto.h>

#include "apiserver/serviceaccount/status_message.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

constexpr char kInvalidated[] = "service account token has been invalidated";

absl::Status Unauthenticated(std::string_view message) {
  return absl::UnauthenticatedError(std::string(message));
}

absl::Time FromSeconds(int64_t seconds) { return absl::FromUnixSeconds(seconds); }

// Go's zero time (year 1): what go-jose compares a missing date against, so that a
// token without "exp" has expired.
absl::Time GoZeroTime() {
  return absl::FromCivil(absl::CivilSecond(1, 1, 1, 0, 0, 0), absl::UTCTimeZone());
}

absl::Status CheckTimes(const ParsedClaims& claims, absl::Time now) {
  absl::Time not_before = claims.not_before ? FromSeconds(*claims.not_before) : GoZeroTime();
  absl::Time expiry = claims.expiry ? FromSeconds(*claims.expiry) : GoZeroTime();
  absl::Time issued_at = claims.issued_at ? FromSeconds(*claims.issued_at) : GoZeroTime();
  if (now + kClockLeeway < not_before) {
    return Unauthenticated("service account token is not valid yet");
  }
  if (now - kClockLeeway > expiry) return Unauthenticated("service account token has expired");
  if (now + kClockLeeway < issued_at) {
    return Unauthenticated("service account token is issued in the future");
  }
  return absl::OkStatus();
}

bool DeletedBefore(const ObjectRef& object, absl::Time cutoff) {
  return object.deletion_timestamp && *object.deletion_timestamp < cutoff;
}

// A bound secret, pod or node: it must exist with the claimed uid and not have been
// deleted more than the leeway ago.
absl::Status CheckBoundObject(const absl::StatusOr<std::optional<ObjectRef>>& found,
                              const BoundObject& claimed, std::string_view kind,
                              absl::Time invalid_if_deleted_before) {
  if (!found.ok() || !found->has_value()) return Unauthenticated(kInvalidated);
  const ObjectRef& object = **found;
  if (object.uid != claimed.uid) {
    return Unauthenticated(kube::StrCat(kind, " UID (", object.uid,
                                        ") does not match service account ", kind,
                                        " ref claim (", claimed.uid, ")"));
  }
  if (DeletedBefore(object, invalid_if_deleted_before)) return Unauthenticated(kInvalidated);
  return absl::OkStatus();
}

absl::Status LookupFailure(const absl::Status& status) {
  return Unauthenticated(MessageOf(status));
}

}  // namespace

absl::StatusOr<ValidatedToken> ValidateBoundToken(const ParsedClaims& claims,
                                                  const ServiceAccountLookup& lookup,
                                                  absl::Time now) {
  if (absl::Status times = CheckTimes(claims, now); !times.ok()) return times;

  const absl::Time invalid_if_deleted_before = now - kClockLeeway;
  const std::string& namespace_name = claims.namespace_name;
  const BoundObject& service_account_ref = claims.service_account;

  absl::StatusOr<std::optional<ObjectRef>> service_account =
      lookup.GetServiceAccount(namespace_name, service_account_ref.name);
  if (!service_account.ok()) return LookupFailure(service_account.status());
  if (!service_account->has_value()) {
    return Unauthenticated(
        kube::StrCat("serviceaccounts \"", service_account_ref.name, "\" not found"));
  }
  if ((*service_account)->uid != service_account_ref.uid) {
    return Unauthenticated(kube::StrCat("service account UID (", (*service_account)->uid,
                                        ") does not match claim (", service_account_ref.uid,
                                        ")"));
  }
  if (DeletedBefore(**service_account, invalid_if_deleted_before)) {
    return Unauthenticated(kube::StrCat("service account ", namespace_name, "/",
                                        service_account_ref.name, " has been deleted"));
  }

  ValidatedToken validated;
  ServiceAccountInfo& info = validated.service_account;
  info.namespace_name = namespace_name;
  info.name = service_account_ref.name;
  info.uid = service_account_ref.uid;

  if (claims.secret) {
    absl::Status secret =
        CheckBoundObject(lookup.GetSecret(namespace_name, claims.secret->name), *claims.secret,
                         "secret", invalid_if_deleted_before);
    if (!secret.ok()) return secret;
  }
  if (claims.pod) {
    absl::Status pod = CheckBoundObject(lookup.GetPod(namespace_name, claims.pod->name),
                                        *claims.pod, "pod", invalid_if_deleted_before);
    if (!pod.ok()) return pod;
    info.pod_name = claims.pod->name;
    info.pod_uid = claims.pod->uid;
  }
  if (claims.node) {
    if (!claims.pod) {
      absl::Status node = CheckBoundObject(lookup.GetNode(claims.node->name), *claims.node,
                                           "node", invalid_if_deleted_before);
      if (!node.ok()) return node;
    }
    info.node_name = claims.node->name;
    info.node_uid = claims.node->uid;
  }

  if (claims.warn_after && *claims.warn_after != 0 && now > FromSeconds(*claims.warn_after)) {
    int64_t late = absl::ToUnixSeconds(now) - *claims.warn_after;
    validated.audit_annotations.emplace_back(
        kStaleTokenAnnotation,
        kube::StrCat("subject: ", claims.subject, ", seconds after warning threshold: ", late));
  }
  info.credential_id = CredentialIdForJti(claims.jti);
  return validated;
}

absl::StatusOr<ValidatedToken> ValidateLegacyToken(const ParsedClaims& claims,
                                                   std::string_view token,
                                                   const ServiceAccountLookup* lookup) {
  const LegacyTokenClaims& legacy = claims.legacy;
  if (claims.subject.empty()) return Unauthenticated("sub claim is missing");
  if (legacy.namespace_name.empty()) return Unauthenticated("namespace claim is missing");
  if (legacy.secret_name.empty()) return Unauthenticated("secretName claim is missing");
  if (legacy.service_account_name.empty()) {
    return Unauthenticated("serviceAccountName claim is missing");
  }
  if (legacy.service_account_uid.empty()) {
    return Unauthenticated("serviceAccountUID claim is missing");
  }
  std::optional<std::pair<std::string, std::string>> subject = SplitUsername(claims.subject);
  if (!subject || subject->first != legacy.namespace_name ||
      subject->second != legacy.service_account_name) {
    return Unauthenticated("sub claim is invalid");
  }

  ValidatedToken validated;
  if (lookup != nullptr) {
    absl::StatusOr<std::optional<ObjectRef>> secret =
        lookup->GetSecret(legacy.namespace_name, legacy.secret_name);
    if (!secret.ok() || !secret->has_value() || (*secret)->deletion_timestamp) {
      return Unauthenticated("Token has been invalidated");
    }
    const std::string& stored = (*secret)->token;
    if (stored.size() != token.size() ||
        CRYPTO_memcmp(stored.data(), token.data(), token.size()) != 0) {
      return Unauthenticated("Token does not match server's copy");
    }

    absl::StatusOr<std::optional<ObjectRef>> service_account =
        lookup->GetServiceAccount(legacy.namespace_name, legacy.service_account_name);
    if (!service_account.ok()) return LookupFailure(service_account.status());
    if (!service_account->has_value()) {
      return Unauthenticated(
          kube::StrCat("serviceaccounts \"", legacy.service_account_name, "\" not found"));
    }
    if ((*service_account)->deletion_timestamp) {
      return Unauthenticated(kube::StrCat("ServiceAccount ", legacy.namespace_name, "/",
                                          legacy.service_account_name, " has been deleted"));
    }
    if ((*service_account)->uid != legacy.service_account_uid) {
      return Unauthenticated(kube::StrCat("ServiceAccount UID (", (*service_account)->uid,
                                          ") does not match claim (",
                                          legacy.service_account_uid, ")"));
    }
    if (!(*secret)->legacy_token_invalid_since.empty()) {
      return Unauthenticated(kube::StrCat(
          "the token in secret ", legacy.namespace_name, "/", legacy.secret_name,
          " for service account ", legacy.namespace_name, "/", legacy.service_account_name,
          " has been marked invalid. Use tokens from the TokenRequest API or manually created "
          "secret-based tokens, or remove the '",
          kLegacyTokenInvalidSinceLabel, "' label from the secret to temporarily allow use of "
          "this token"));
    }
  }
  validated.service_account.namespace_name = legacy.namespace_name;
  validated.service_account.name = legacy.service_account_name;
  validated.service_account.uid = legacy.service_account_uid;
  return validated;
}

}  // namespace kube::serviceaccount

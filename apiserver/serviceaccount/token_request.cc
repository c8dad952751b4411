#include "apiserver/serviceaccount/token_request.h"

#include <algorithm>

#include "apiserver/serviceaccount/status_message.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

absl::Status NotFound(std::string_view resource, std::string_view name) {
  return absl::NotFoundError(kube::StrCat(resource, " \"", name, "\" not found"));
}

// The group, version and kind of an apiVersion/kind pair, as upstream's
// schema.FromAPIVersionAndKind (an unparseable apiVersion leaves group and version
// empty).
struct GroupVersionKind {
  std::string group;
  std::string version;
  std::string kind;

  std::string ToString() const { return kube::StrCat(group, "/", version, ", Kind=", kind); }
};

GroupVersionKind ParseGroupVersionKind(std::string_view api_version, std::string_view kind) {
  GroupVersionKind gvk;
  gvk.kind = std::string(kind);
  size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) {
    gvk.version = std::string(api_version);
  } else if (api_version.find('/', slash + 1) == std::string_view::npos) {
    gvk.group = std::string(api_version.substr(0, slash));
    gvk.version = std::string(api_version.substr(slash + 1));
  }
  return gvk;
}

// Every requested audience is one of the apiserver's.
bool IsKubeAudiences(const std::vector<std::string>& requested,
                     const std::vector<std::string>& api_audiences) {
  return std::all_of(requested.begin(), requested.end(), [&](const std::string& audience) {
    return std::find(api_audiences.begin(), api_audiences.end(), audience) !=
           api_audiences.end();
  });
}

// The object the token is bound to, looked up and checked; fills the claims' refs.
absl::Status BindObject(std::string_view namespace_name, std::string_view service_account,
                        const BoundObjectReference& ref, const ServiceAccountLookup& lookup,
                        TokenRequestClaims& claims) {
  GroupVersionKind gvk = ParseGroupVersionKind(ref.api_version, ref.kind);
  absl::StatusOr<std::optional<ObjectRef>> found;
  if (gvk.group.empty() && gvk.kind == "Pod") {
    found = lookup.GetPod(namespace_name, ref.name);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return NotFound("pods", ref.name);
    if ((*found)->service_account_name != service_account) {
      return absl::InvalidArgumentError(kube::StrCat(
          "cannot bind token for serviceaccount \"", service_account,
          "\" to pod running with different serviceaccount name."));
    }
    claims.pod = BoundObject{ref.name, (*found)->uid};
    if (const std::string& node_name = (*found)->node_name; !node_name.empty()) {
      absl::StatusOr<std::optional<ObjectRef>> node = lookup.GetNode(node_name);
      if (!node.ok()) {
        return absl::InternalError(kube::StrCat("Internal error occurred: ",
                                                MessageOf(node.status())));
      }
      // A vanished node still leaves its name in the token, as a hint.
      claims.node = BoundObject{node_name, node->has_value() ? (*node)->uid : ""};
    }
  } else if (gvk.group.empty() && gvk.kind == "Node") {
    found = lookup.GetNode(ref.name);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return NotFound("nodes", ref.name);
    claims.node = BoundObject{ref.name, (*found)->uid};
  } else if (gvk.group.empty() && gvk.kind == "Secret") {
    found = lookup.GetSecret(namespace_name, ref.name);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return NotFound("secrets", ref.name);
    claims.secret = BoundObject{ref.name, (*found)->uid};
  } else {
    return absl::InvalidArgumentError(
        kube::StrCat("cannot bind token to object of type ", gvk.ToString()));
  }
  if (!ref.uid.empty() && ref.uid != (*found)->uid) {
    return absl::AbortedError(kube::StrCat(
        "Operation cannot be fulfilled on ", gvk.kind, " \"", ref.name,
        "\": the UID in the bound object reference (", ref.uid,
        ") does not match the UID in record. The object might have been deleted and then "
        "recreated"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string SpecViolation::ToString() const {
  return kube::StrCat(field, ": Invalid value: ", value, ": ", detail);
}

TokenRequestSpec DefaultTokenRequestSpec(TokenRequestSpec spec, const TokenRequestPolicy& policy) {
  if (!spec.expiration_seconds) spec.expiration_seconds = kDefaultTokenExpirationSeconds;
  if (spec.audiences.empty()) spec.audiences = policy.api_audiences;
  return spec;
}

std::vector<SpecViolation> ValidateTokenRequestSpec(const TokenRequestSpec& defaulted) {
  std::vector<SpecViolation> violations;
  int64_t seconds = defaulted.expiration_seconds.value_or(kDefaultTokenExpirationSeconds);
  if (seconds < kMinTokenExpirationSeconds) {
    violations.push_back({"spec.expirationSeconds", seconds,
                          "may not specify a duration less than 10 minutes"});
  }
  if (seconds > kMaxTokenExpirationSeconds) {
    violations.push_back({"spec.expirationSeconds", seconds,
                          "may not specify a duration larger than 2^32 seconds"});
  }
  return violations;
}

absl::StatusOr<PlannedToken> PlanTokenRequest(std::string_view namespace_name,
                                              std::string_view name,
                                              const TokenRequestSpec& spec,
                                              const TokenRequestPolicy& policy,
                                              const ServiceAccountLookup& lookup,
                                              absl::Time now, std::string jti) {
  absl::StatusOr<std::optional<ObjectRef>> service_account =
      lookup.GetServiceAccount(namespace_name, name);
  if (!service_account.ok()) return service_account.status();
  if (!service_account->has_value()) return NotFound("serviceaccounts", name);

  PlannedToken planned;
  planned.spec = DefaultTokenRequestSpec(spec, policy);
  if (std::vector<SpecViolation> violations = ValidateTokenRequestSpec(planned.spec);
      !violations.empty()) {
    std::string message = "TokenRequest.authentication.k8s.io \"\" is invalid: ";
    if (violations.size() == 1) {
      message += violations.front().ToString();
    } else {
      message += "[";
      for (size_t i = 0; i < violations.size(); ++i) {
        if (i > 0) message += ", ";
        message += violations[i].ToString();
      }
      message += "]";
    }
    return absl::InvalidArgumentError(message);
  }

  TokenRequestClaims& claims = planned.claims;
  claims.namespace_name = std::string(namespace_name);
  claims.service_account_name = std::string(name);
  claims.service_account_uid = (*service_account)->uid;
  if (planned.spec.bound_object_ref) {
    absl::Status bound =
        BindObject(namespace_name, name, *planned.spec.bound_object_ref, lookup, claims);
    if (!bound.ok()) return bound;
  }

  int64_t& seconds = *planned.spec.expiration_seconds;
  if (policy.max_expiration) {
    int64_t max_seconds = absl::ToInt64Seconds(*policy.max_expiration);
    if (max_seconds > 0 && seconds > max_seconds) {
      planned.warnings.push_back(kube::StrCat("requested expiration of ", seconds,
                                              " seconds shortened to ", max_seconds,
                                              " seconds"));
      seconds = max_seconds;
    }
  }

  // Projected tokens the kubelet asks for at 3607 s keep working for a year (only
  // warning after 3607 s) so that clients that never reread them fail late.
  int64_t token_seconds = seconds;
  if (policy.extend_expiration && claims.pod &&
      seconds == kWarnOnlyBoundTokenExpirationSeconds &&
      IsKubeAudiences(planned.spec.audiences, policy.api_audiences)) {
    claims.warn_after = now + absl::Seconds(seconds);
    token_seconds = kExpirationExtensionSeconds;
  }

  claims.audiences = planned.spec.audiences;
  claims.issued_at = now;
  claims.expiration = absl::Seconds(token_seconds);
  claims.jti = std::move(jti);
  planned.expiration_timestamp = now + absl::Seconds(seconds);
  return planned;
}

}  // namespace kube::serviceaccount

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::serviceaccount {

// What token validation and TokenRequest need to know of a live object.
struct ObjectRef {
  std::string uid;
  // metadata.deletionTimestamp: set once the object is being deleted.
  std::optional<absl::Time> deletion_timestamp;

  // Pods only: spec.nodeName ("" while unscheduled) and spec.serviceAccountName.
  std::string node_name;
  std::string service_account_name;

  // Secrets only, for legacy secret-based tokens: data["token"], and the label
  // kubernetes.io/legacy-token-invalid-since ("" when absent).
  std::string token;
  std::string legacy_token_invalid_since;
};

// The objects a service-account token refers to, as upstream's
// ServiceAccountTokenGetter. The apiserver implements it over its watch caches; tests
// use a fake.
//
// Implementations must be safe to call from several threads at once.
class ServiceAccountLookup {
 public:
  virtual ~ServiceAccountLookup() = default;

  // Each returns the object, nothing when it does not exist, or an error when the
  // lookup itself failed.
  virtual absl::StatusOr<std::optional<ObjectRef>> GetServiceAccount(
      std::string_view namespace_name, std::string_view name) const = 0;
  virtual absl::StatusOr<std::optional<ObjectRef>> GetPod(std::string_view namespace_name,
                                                          std::string_view name) const = 0;
  virtual absl::StatusOr<std::optional<ObjectRef>> GetSecret(std::string_view namespace_name,
                                                             std::string_view name) const = 0;
  virtual absl::StatusOr<std::optional<ObjectRef>> GetNode(std::string_view name) const = 0;
};

}  // namespace kube::serviceaccount

#pragma once

#include "apiserver/generic/store_set.h"
#include "apiserver/serviceaccount/service_account_lookup.h"

namespace kube::apiserver {

// What ServiceAccount token validation asks of live objects, answered from the
// watch caches (falling back to storage for what they have not seen yet, so a
// token for an account created a moment ago is not refused). Thread-safe.
class StoreServiceAccountLookup final : public serviceaccount::ServiceAccountLookup {
 public:
  explicit StoreServiceAccountLookup(const StoreSet& stores) : stores_(stores) {}

  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetServiceAccount(
      std::string_view namespace_name, std::string_view name) const override;
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetPod(
      std::string_view namespace_name, std::string_view name) const override;
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetSecret(
      std::string_view namespace_name, std::string_view name) const override;
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetNode(
      std::string_view name) const override;

 private:
  const StoreSet& stores_;
};

}  // namespace kube::apiserver

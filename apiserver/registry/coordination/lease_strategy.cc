#include "apiserver/registry/coordination/lease_strategy.h"

#include "common/validation/names.h"
#include "k8s/coordination/v1/coordination.pb.h"

namespace kube::apiserver {

using k8s::coordination::v1::Lease;

void LeaseStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  // The store only carries a generation forward when the stored object has one.
  static_cast<Lease&>(object).mutable_metadata()->clear_generation();
}

api::FieldErrors LeaseStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const Lease&>(object).spec();
  api::FieldErrors errors;
  if (spec.has_leasedurationseconds() && spec.leasedurationseconds() <= 0) {
    errors.push_back(api::InvalidNumber("spec.leaseDurationSeconds", spec.leasedurationseconds(),
                                        "must be greater than 0"));
  }
  if (spec.has_leasetransitions() && spec.leasetransitions() < 0) {
    errors.push_back(api::InvalidNumber("spec.leaseTransitions", spec.leasetransitions(),
                                        "must be greater than or equal to 0"));
  }
  if (spec.has_strategy()) {
    const std::string& strategy = spec.strategy();
    if (strategy.find('/') == std::string::npos) {
      // Unprefixed names are Kubernetes-defined.
      if (strategy != "OldestEmulationVersion") {
        errors.push_back(api::NotSupported("spec.strategy", strategy, {"OldestEmulationVersion"}));
      }
    } else {
      for (const std::string& message : validation::IsQualifiedName(strategy)) {
        errors.push_back(api::Invalid("spec.strategy", strategy, message));
      }
    }
  }
  if (spec.has_preferredholder() && !spec.preferredholder().empty() &&
      (!spec.has_strategy() || spec.strategy().empty())) {
    errors.push_back(
        api::Forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
  }
  return errors;
}

}  // namespace kube::apiserver

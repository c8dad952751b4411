#include "apiserver/registry/policy/poddisruptionbudget_strategy.h"

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/int_or_percent.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {

using k8s::policy::v1::PodDisruptionBudget;

api::FieldErrors PodDisruptionBudgetStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const PodDisruptionBudget&>(object).spec();
  api::FieldErrors errors;
  if (spec.has_minavailable() && spec.has_maxunavailable()) {
    // Upstream prints the internal spec struct, pointers and all.
    errors.push_back(InvalidRendered("spec", "policy.PodDisruptionBudgetSpec{...}",
                                     "minAvailable and maxUnavailable cannot be both set"));
  }
  if (spec.has_minavailable()) {
    CheckIntOrPercent(spec.minavailable(), "spec.minAvailable", errors);
    CheckNotMoreThan100Percent(spec.minavailable(), "spec.minAvailable", errors);
  }
  if (spec.has_maxunavailable()) {
    CheckIntOrPercent(spec.maxunavailable(), "spec.maxUnavailable", errors);
    CheckNotMoreThan100Percent(spec.maxunavailable(), "spec.maxUnavailable", errors);
  }
  if (spec.has_selector()) Append(errors, ValidateLabelSelector(spec.selector(), "spec.selector"));
  if (spec.has_unhealthypodevictionpolicy()) {
    const std::string& policy = spec.unhealthypodevictionpolicy();
    if (policy != "AlwaysAllow" && policy != "IfHealthyBudget") {
      errors.push_back(api::NotSupported("spec.unhealthyPodEvictionPolicy", policy,
                                         {"AlwaysAllow", "IfHealthyBudget"}));
    }
  }
  return errors;
}

api::FieldErrors PodDisruptionBudgetStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const PodDisruptionBudget&>(object).status();
  api::FieldErrors errors;
  CheckNonnegative(status.disruptionsallowed(), "status.disruptionsAllowed", errors);
  CheckNonnegative(status.currenthealthy(), "status.currentHealthy", errors);
  CheckNonnegative(status.desiredhealthy(), "status.desiredHealthy", errors);
  CheckNonnegative(status.expectedpods(), "status.expectedPods", errors);
  return errors;
}

}  // namespace kube::apiserver

#include "apiserver/registry/apps/deployment_strategy.h"

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/int_or_percent.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::Deployment;

void CheckRollingUpdate(const k8s::apps::v1::RollingUpdateDeployment& rolling,
                        api::FieldErrors& errors) {
  const std::string path = "spec.strategy.rollingUpdate";
  // Defaulting fills both; a client may still send an explicit null.
  const auto max_unavailable = rolling.has_maxunavailable() ? rolling.maxunavailable()
                                                            : IntOrStringFromInt(0);
  const auto max_surge = rolling.has_maxsurge() ? rolling.maxsurge() : IntOrStringFromInt(0);
  CheckIntOrPercent(max_unavailable, path + ".maxUnavailable", errors);
  CheckIntOrPercent(max_surge, path + ".maxSurge", errors);
  if (IntOrPercentValue(max_unavailable) == 0 && IntOrPercentValue(max_surge) == 0) {
    errors.push_back(InvalidRendered(path + ".maxUnavailable", GoIntOrString(max_unavailable),
                                     "may not be 0 when `maxSurge` is 0"));
  }
  CheckNotMoreThan100Percent(max_unavailable, path + ".maxUnavailable", errors);
}

void CheckStrategy(const k8s::apps::v1::DeploymentStrategy& strategy, api::FieldErrors& errors) {
  if (strategy.type() == "Recreate") {
    if (strategy.has_rollingupdate()) {
      errors.push_back(api::Forbidden("spec.strategy.rollingUpdate",
                                      "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (strategy.type() == "RollingUpdate") {
    if (!strategy.has_rollingupdate()) {
      errors.push_back(api::Required("spec.strategy.rollingUpdate",
                                     "this should be defaulted and never be nil"));
    } else {
      CheckRollingUpdate(strategy.rollingupdate(), errors);
    }
  } else {
    std::string rendered = "apps.DeploymentStrategy{Type:" + api::QuoteValue(strategy.type()) +
                           ", RollingUpdate:(*apps.RollingUpdateDeployment)(" +
                           (strategy.has_rollingupdate() ? "...)}" : "nil)}");
    errors.push_back(NotSupportedRendered("spec.strategy", rendered, {"Recreate", "RollingUpdate"}));
  }
}

}  // namespace

void DeploymentStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<Deployment&>(object).mutable_spec();
  if (!spec.has_replicas()) spec.set_replicas(1);
  auto& strategy = *spec.mutable_strategy();
  if (strategy.type().empty()) strategy.set_type("RollingUpdate");
  if (strategy.type() == "RollingUpdate") {
    auto& rolling = *strategy.mutable_rollingupdate();
    if (!rolling.has_maxunavailable()) *rolling.mutable_maxunavailable() = IntOrStringFromString("25%");
    if (!rolling.has_maxsurge()) *rolling.mutable_maxsurge() = IntOrStringFromString("25%");
  }
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  if (!spec.has_progressdeadlineseconds()) spec.set_progressdeadlineseconds(600);
  hooks_.Default(*spec.mutable_template_());
}

api::FieldErrors DeploymentStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const Deployment&>(object).spec();
  api::FieldErrors errors;
  CheckNonnegative(spec.replicas(), "spec.replicas", errors);
  const auto* selector = spec.has_selector() ? &spec.selector() : nullptr;
  CheckControllerSelector(selector, /*required=*/true, "deployment", errors);
  CheckSelectorMatchesTemplate(selector, spec.template_(), errors);
  CheckAlwaysRunningTemplate(spec.template_(), hooks_, "ReplicaSet", errors);
  CheckStrategy(spec.strategy(), errors);
  CheckNonnegative(spec.minreadyseconds(), "spec.minReadySeconds", errors);
  if (spec.has_revisionhistorylimit()) {
    CheckNonnegative(spec.revisionhistorylimit(), "spec.revisionHistoryLimit", errors);
  }
  if (spec.has_progressdeadlineseconds()) {
    CheckNonnegative(spec.progressdeadlineseconds(), "spec.progressDeadlineSeconds", errors);
    if (spec.progressdeadlineseconds() <= spec.minreadyseconds()) {
      errors.push_back(api::InvalidNumber("spec.progressDeadlineSeconds",
                                          spec.progressdeadlineseconds(),
                                          "must be greater than minReadySeconds"));
    }
  }
  return errors;
}

api::FieldErrors DeploymentStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                    const google::protobuf::Message& old) const {
  const auto& spec = static_cast<const Deployment&>(object).spec();
  const auto& old_spec = static_cast<const Deployment&>(old).spec();
  api::FieldErrors errors;
  bool unchanged = spec.has_selector() == old_spec.has_selector() &&
                   SameMessage(spec.selector(), old_spec.selector());
  CheckImmutable(unchanged, "spec.selector",
                 GoLabelSelector(spec.has_selector() ? &spec.selector() : nullptr), errors);
  return errors;
}

api::FieldErrors DeploymentStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const Deployment&>(object).status();
  const auto& old_status = static_cast<const Deployment&>(old).status();
  api::FieldErrors errors;
  CheckNonnegative(status.observedgeneration(), "status.observedGeneration", errors);
  CheckNonnegative(status.replicas(), "status.replicas", errors);
  CheckNonnegative(status.updatedreplicas(), "status.updatedReplicas", errors);
  CheckNonnegative(status.readyreplicas(), "status.readyReplicas", errors);
  CheckNonnegative(status.availablereplicas(), "status.availableReplicas", errors);
  CheckNonnegative(status.unavailablereplicas(), "status.unavailableReplicas", errors);
  if (status.has_collisioncount()) {
    CheckNonnegative(status.collisioncount(), "status.collisionCount", errors);
  }
  const std::string above = "cannot be greater than status.replicas";
  CheckNotAbove(status.updatedreplicas(), status.replicas(), "status.updatedReplicas", above, errors);
  CheckNotAbove(status.readyreplicas(), status.replicas(), "status.readyReplicas", above, errors);
  CheckNotAbove(status.availablereplicas(), status.replicas(), "status.availableReplicas", above,
                errors);
  CheckNotAbove(status.availablereplicas(), status.readyreplicas(), "status.availableReplicas",
                "cannot be greater than readyReplicas", errors);
  CheckNotDecremented(status.has_collisioncount(), status.collisioncount(),
                      old_status.has_collisioncount(), old_status.collisioncount(),
                      "status.collisionCount", errors);
  return errors;
}

}  // namespace kube::apiserver

#include "apiserver/registry/apps/daemonset_strategy.h"

#include "absl/strings/numbers.h"
#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/int_or_percent.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::DaemonSet;

int64_t TemplateGeneration(const DaemonSet& daemon_set) {
  const auto& annotations = daemon_set.metadata().annotations();
  auto it = annotations.find(DaemonSetStrategy::kTemplateGenerationAnnotation);
  int64_t generation = 0;
  if (it == annotations.end() || !absl::SimpleAtoi(it->second, &generation)) return 0;
  return generation;
}

void SetTemplateGeneration(DaemonSet& daemon_set, int64_t generation) {
  (*daemon_set.mutable_metadata()->mutable_annotations())
      [DaemonSetStrategy::kTemplateGenerationAnnotation] = std::to_string(generation);
}

void CheckRollingUpdate(const k8s::apps::v1::RollingUpdateDaemonSet& rolling,
                        api::FieldErrors& errors) {
  const std::string path = "spec.updateStrategy.rollingUpdate";
  const auto max_unavailable = rolling.has_maxunavailable() ? rolling.maxunavailable()
                                                            : IntOrStringFromInt(0);
  const auto max_surge = rolling.has_maxsurge() ? rolling.maxsurge() : IntOrStringFromInt(0);
  CheckIntOrPercent(max_unavailable, path + ".maxUnavailable", errors);
  CheckIntOrPercent(max_surge, path + ".maxSurge", errors);
  CheckNotMoreThan100Percent(max_unavailable, path + ".maxUnavailable", errors);
  CheckNotMoreThan100Percent(max_surge, path + ".maxSurge", errors);
  // Exactly one of the two may be non-zero.
  bool has_unavailable = IntOrPercentValue(max_unavailable) != 0;
  bool has_surge = IntOrPercentValue(max_surge) != 0;
  if (has_unavailable && has_surge) {
    errors.push_back(InvalidRendered(path + ".maxSurge", GoIntOrString(max_surge),
                                     "may not be set when maxUnavailable is non-zero"));
  } else if (!has_unavailable && !has_surge) {
    errors.push_back(api::Required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
  }
}

void CheckUpdateStrategy(const k8s::apps::v1::DaemonSetUpdateStrategy& strategy,
                         api::FieldErrors& errors) {
  if (strategy.type() == "OnDelete") return;
  if (strategy.type() == "RollingUpdate") {
    if (!strategy.has_rollingupdate()) {
      errors.push_back(api::Required("spec.updateStrategy.rollingUpdate"));
      return;
    }
    CheckRollingUpdate(strategy.rollingupdate(), errors);
    return;
  }
  std::string rendered = "apps.DaemonSetUpdateStrategy{Type:" + api::QuoteValue(strategy.type()) +
                         ", RollingUpdate:(*apps.RollingUpdateDaemonSet)(" +
                         (strategy.has_rollingupdate() ? "...)}" : "nil)}");
  errors.push_back(
      NotSupportedRendered("spec.updateStrategy", rendered, {"RollingUpdate", "OnDelete"}));
}

}  // namespace

void DaemonSetStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<DaemonSet&>(object).mutable_spec();
  auto& strategy = *spec.mutable_updatestrategy();
  if (strategy.type().empty()) strategy.set_type("RollingUpdate");
  if (strategy.type() == "RollingUpdate") {
    auto& rolling = *strategy.mutable_rollingupdate();
    if (!rolling.has_maxunavailable()) *rolling.mutable_maxunavailable() = IntOrStringFromInt(1);
    if (!rolling.has_maxsurge()) *rolling.mutable_maxsurge() = IntOrStringFromInt(0);
  }
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  hooks_.Default(*spec.mutable_template_());
}

void DaemonSetStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  auto& daemon_set = static_cast<DaemonSet&>(object);
  if (TemplateGeneration(daemon_set) < 1) SetTemplateGeneration(daemon_set, 1);
}

void DaemonSetStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                         const google::protobuf::Message& old) const {
  Strategy::PrepareForUpdate(object, old);
  auto& daemon_set = static_cast<DaemonSet&>(object);
  const auto& old_set = static_cast<const DaemonSet&>(old);
  int64_t generation = TemplateGeneration(old_set);
  if (!SameMessage(daemon_set.spec().template_(), old_set.spec().template_())) ++generation;
  SetTemplateGeneration(daemon_set, std::max<int64_t>(generation, 1));
}

api::FieldErrors DaemonSetStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const DaemonSet&>(object).spec();
  api::FieldErrors errors;
  const auto* selector = spec.has_selector() ? &spec.selector() : nullptr;
  // Upstream reports a missing selector only as a template mismatch.
  CheckControllerSelector(selector, /*required=*/false, "daemonset", errors);
  CheckSelectorMatchesTemplate(selector, spec.template_(), errors);
  CheckAlwaysRunningTemplate(spec.template_(), hooks_, "DaemonSet", errors);
  CheckNonnegative(spec.minreadyseconds(), "spec.minReadySeconds", errors);
  CheckUpdateStrategy(spec.updatestrategy(), errors);
  if (spec.has_revisionhistorylimit()) {
    CheckNonnegative(spec.revisionhistorylimit(), "spec.revisionHistoryLimit", errors);
  }
  return errors;
}

api::FieldErrors DaemonSetStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                   const google::protobuf::Message& old) const {
  const auto& spec = static_cast<const DaemonSet&>(object).spec();
  const auto& old_spec = static_cast<const DaemonSet&>(old).spec();
  api::FieldErrors errors;
  bool unchanged = spec.has_selector() == old_spec.has_selector() &&
                   SameMessage(spec.selector(), old_spec.selector());
  CheckImmutable(unchanged, "spec.selector",
                 GoLabelSelector(spec.has_selector() ? &spec.selector() : nullptr), errors);
  return errors;
}

api::FieldErrors DaemonSetStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const DaemonSet&>(object).status();
  const auto& old_status = static_cast<const DaemonSet&>(old).status();
  api::FieldErrors errors;
  CheckNonnegative(status.currentnumberscheduled(), "status.currentNumberScheduled", errors);
  CheckNonnegative(status.numbermisscheduled(), "status.numberMisscheduled", errors);
  CheckNonnegative(status.desirednumberscheduled(), "status.desiredNumberScheduled", errors);
  CheckNonnegative(status.numberready(), "status.numberReady", errors);
  CheckNonnegative(status.observedgeneration(), "status.observedGeneration", errors);
  CheckNonnegative(status.updatednumberscheduled(), "status.updatedNumberScheduled", errors);
  CheckNonnegative(status.numberavailable(), "status.numberAvailable", errors);
  CheckNonnegative(status.numberunavailable(), "status.numberUnavailable", errors);
  if (status.has_collisioncount()) {
    CheckNonnegative(status.collisioncount(), "status.collisionCount", errors);
  }
  CheckNotDecremented(status.has_collisioncount(), status.collisioncount(),
                      old_status.has_collisioncount(), old_status.collisioncount(),
                      "status.collisionCount", errors);
  return errors;
}

}  // namespace kube::apiserver

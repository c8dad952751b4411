#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_validation.h"

#include <algorithm>
#include <set>
#include <vector>

#include "apiserver/registry/core/resource_validation.h"
#include "common/resource/quantity.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::autoscaling {
namespace {

namespace v2 = k8s::autoscaling::v2;

// Upstream's MaxPeriodSeconds and MaxStabilizationWindowSeconds.
constexpr int32_t kMaxPeriodSeconds = 1800;
constexpr int32_t kMaxStabilizationWindowSeconds = 3600;

const std::vector<std::string> kMetricSourceTypes = {"ContainerResource", "External", "Object",
                                                     "Pods", "Resource"};
const std::vector<std::string> kSelectPolicies = {"Disabled", "Max", "Min"};
const std::vector<std::string> kPolicyTypes = {"Percent", "Pods"};

void Append(api::FieldErrors& errors, api::FieldErrors more) {
  errors.insert(errors.end(), std::make_move_iterator(more.begin()),
                std::make_move_iterator(more.end()));
}

void CheckPathSegment(std::string_view value, const std::string& field, api::FieldErrors& errors) {
  for (const std::string& message : validation::IsValidPathSegmentName(value)) {
    errors.push_back(api::Invalid(field, value, message));
  }
}

void CheckPositive(const k8s::resource::Quantity& quantity, const std::string& field,
                   api::FieldErrors& errors) {
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  if (!parsed.ok() || parsed->Sign() != 1) {
    errors.push_back(api::Invalid(field, quantity.string(), "must be positive"));
  }
}

void ValidateMetricTarget(const v2::MetricTarget& target, const std::string& path,
                          api::FieldErrors& errors) {
  if (target.type().empty()) {
    errors.push_back(api::Required(path + ".type", "must specify a metric target type"));
  }
  if (target.type() != "Utilization" && target.type() != "Value" &&
      target.type() != "AverageValue") {
    errors.push_back(api::Invalid(path + ".type", target.type(),
                                  "must be either Utilization, Value, or AverageValue"));
  }
  if (target.has_value()) CheckPositive(target.value(), path + ".value", errors);
  if (target.has_averagevalue()) {
    CheckPositive(target.averagevalue(), path + ".averageValue", errors);
  }
  if (target.has_averageutilization() && target.averageutilization() < 1) {
    errors.push_back(api::InvalidNumber(path + ".averageUtilization", target.averageutilization(),
                                        "must be greater than 0"));
  }
}

void ValidateMetricIdentifier(const v2::MetricIdentifier& metric, const std::string& path,
                              api::FieldErrors& errors) {
  if (metric.name().empty()) {
    errors.push_back(api::Required(path + ".name", "must specify a metric name"));
  } else {
    CheckPathSegment(metric.name(), path + ".name", errors);
  }
}

void ValidateObjectSource(const v2::ObjectMetricSource& source, const std::string& path,
                          api::FieldErrors& errors) {
  Append(errors, ValidateCrossVersionObjectReference(source.describedobject().kind(),
                                                     source.describedobject().name(),
                                                     path + ".describedObject"));
  ValidateMetricIdentifier(source.metric(), path + ".metric", errors);
  ValidateMetricTarget(source.target(), path + ".target", errors);
  if (!source.target().has_value() && !source.target().has_averagevalue()) {
    errors.push_back(api::Required(path + ".target.averageValue",
                                   "must set either a target value or averageValue"));
  }
}

void ValidateExternalSource(const v2::ExternalMetricSource& source, const std::string& path,
                            api::FieldErrors& errors) {
  ValidateMetricIdentifier(source.metric(), path + ".metric", errors);
  ValidateMetricTarget(source.target(), path + ".target", errors);
  const v2::MetricTarget& target = source.target();
  if (!target.has_value() && !target.has_averagevalue()) {
    errors.push_back(
        api::Required(path + ".target.averageValue",
                      "must set either a target value for metric or a per-pod target"));
  }
  if (target.has_value() && target.has_averagevalue()) {
    errors.push_back(api::Forbidden(
        path + ".target.value", "may not set both a target value for metric and a per-pod target"));
  }
}

void ValidatePodsSource(const v2::PodsMetricSource& source, const std::string& path,
                        api::FieldErrors& errors) {
  ValidateMetricIdentifier(source.metric(), path + ".metric", errors);
  ValidateMetricTarget(source.target(), path + ".target", errors);
  if (!source.target().has_averagevalue()) {
    errors.push_back(api::Required(path + ".target.averageValue",
                                   "must specify a positive target averageValue"));
  }
}

// Resource and ContainerResource targets: a utilization or a raw average, not both.
void CheckResourceTarget(const v2::MetricTarget& target, const std::string& path,
                         api::FieldErrors& errors) {
  ValidateMetricTarget(target, path + ".target", errors);
  if (!target.has_averageutilization() && !target.has_averagevalue()) {
    errors.push_back(api::Required(path + ".target.averageUtilization",
                                   "must set either a target raw value or a target utilization"));
  }
  if (target.has_averageutilization() && target.has_averagevalue()) {
    errors.push_back(
        api::Forbidden(path + ".target.averageValue",
                       "may not set both a target raw value and a target utilization"));
  }
}

void ValidateResourceSource(const v2::ResourceMetricSource& source, const std::string& path,
                            api::FieldErrors& errors) {
  if (source.name().empty()) {
    errors.push_back(api::Required(path + ".name", "must specify a resource name"));
  }
  CheckResourceTarget(source.target(), path, errors);
}

void ValidateContainerResourceSource(const v2::ContainerResourceMetricSource& source,
                                     const std::string& path, api::FieldErrors& errors) {
  if (source.name().empty()) {
    errors.push_back(api::Required(path + ".name", "must specify a resource name"));
  } else {
    core::ValidateResourceName(source.name(), core::ResourceNameUse::kContainer, path + ".name",
                               errors);
  }
  if (source.container().empty()) {
    errors.push_back(api::Required(path + ".container", "must specify a container"));
  } else {
    for (const std::string& message : validation::IsDns1123Label(source.container())) {
      errors.push_back(api::Invalid(path + ".container", source.container(), message));
    }
  }
  CheckResourceTarget(source.target(), path, errors);
}

void ValidateMetricSpec(const v2::MetricSpec& metric, const std::string& path,
                        api::FieldErrors& errors) {
  const std::string& type = metric.type();
  if (type.empty()) {
    errors.push_back(api::Required(path + ".type", "must specify a metric source type"));
  }
  if (std::find(kMetricSourceTypes.begin(), kMetricSourceTypes.end(), type) ==
      kMetricSourceTypes.end()) {
    errors.push_back(api::NotSupported(path + ".type", type, kMetricSourceTypes));
  }
  // Only the first source present (in upstream's order) is validated.
  std::set<std::string> present;
  auto first = [&present](const char* name) {
    present.insert(name);
    return present.size() == 1;
  };
  if (metric.has_object() && first("object")) {
    ValidateObjectSource(metric.object(), path + ".object", errors);
  }
  if (metric.has_external() && first("external")) {
    ValidateExternalSource(metric.external(), path + ".external", errors);
  }
  if (metric.has_pods() && first("pods")) {
    ValidatePodsSource(metric.pods(), path + ".pods", errors);
  }
  if (metric.has_resource() && first("resource")) {
    ValidateResourceSource(metric.resource(), path + ".resource", errors);
  }
  if (metric.has_containerresource() && first("containerResource")) {
    ValidateContainerResourceSource(metric.containerresource(), path + ".containerResource",
                                    errors);
  }

  std::string expected;
  bool populated = false;
  if (type == "Object") {
    expected = "object", populated = metric.has_object();
  } else if (type == "Pods") {
    expected = "pods", populated = metric.has_pods();
  } else if (type == "Resource") {
    expected = "resource", populated = metric.has_resource();
  } else if (type == "External") {
    expected = "external", populated = metric.has_external();
  } else if (type == "ContainerResource") {
    expected = "containerResource", populated = metric.has_containerresource();
  } else {
    // Upstream reports an unknown type a second time here.
    errors.push_back(api::NotSupported(path + ".type", type, kMetricSourceTypes));
  }
  if (!expected.empty() && !populated) {
    errors.push_back(api::Required(path + "." + expected,
                                   "must populate information for the given metric source"));
  }
  if (present.size() != 1) {
    present.erase(expected);
    for (const std::string& name : present) {
      errors.push_back(
          api::Forbidden(path + "." + name, "must populate the given metric source only"));
    }
  }
}

void ValidateScalingRules(const v2::HPAScalingRules& rules, const std::string& path,
                          api::FieldErrors& errors) {
  if (rules.has_stabilizationwindowseconds()) {
    const int32_t window = rules.stabilizationwindowseconds();
    if (window < 0) {
      errors.push_back(api::InvalidNumber(path + ".stabilizationWindowSeconds", window,
                                          "must be greater than or equal to zero"));
    }
    if (window > kMaxStabilizationWindowSeconds) {
      errors.push_back(api::InvalidNumber(
          path + ".stabilizationWindowSeconds", window,
          StrCat("must be less than or equal to ", kMaxStabilizationWindowSeconds)));
    }
  }
  if (rules.has_selectpolicy() && std::find(kSelectPolicies.begin(), kSelectPolicies.end(),
                                            rules.selectpolicy()) == kSelectPolicies.end()) {
    errors.push_back(
        api::NotSupported(path + ".selectPolicy", rules.selectpolicy(), kSelectPolicies));
  }
  if (rules.policies().empty()) {
    errors.push_back(api::Required(path + ".policies", "must specify at least one Policy"));
  }
  for (int i = 0; i < rules.policies_size(); ++i) {
    const v2::HPAScalingPolicy& policy = rules.policies(i);
    const std::string at = StrCat(path, ".policies[", i, "]");
    if (policy.type() != "Pods" && policy.type() != "Percent") {
      errors.push_back(api::NotSupported(at + ".type", policy.type(), kPolicyTypes));
    }
    if (policy.value() <= 0) {
      errors.push_back(
          api::InvalidNumber(at + ".value", policy.value(), "must be greater than zero"));
    }
    if (policy.periodseconds() <= 0) {
      errors.push_back(api::InvalidNumber(at + ".periodSeconds", policy.periodseconds(),
                                          "must be greater than zero"));
    }
    if (policy.periodseconds() > kMaxPeriodSeconds) {
      errors.push_back(
          api::InvalidNumber(at + ".periodSeconds", policy.periodseconds(),
                             StrCat("must be less than or equal to ", kMaxPeriodSeconds)));
    }
  }
}

}  // namespace

api::FieldErrors ValidateCrossVersionObjectReference(std::string_view kind, std::string_view name,
                                                     const std::string& path) {
  api::FieldErrors errors;
  if (kind.empty()) {
    errors.push_back(api::Required(path + ".kind"));
  } else {
    CheckPathSegment(kind, path + ".kind", errors);
  }
  if (name.empty()) {
    errors.push_back(api::Required(path + ".name"));
  } else {
    CheckPathSegment(name, path + ".name", errors);
  }
  return errors;
}

api::FieldErrors ValidateHorizontalPodAutoscalerSpec(const v2::HorizontalPodAutoscalerSpec& spec) {
  api::FieldErrors errors;
  if (spec.has_minreplicas() && spec.minreplicas() < 1) {
    errors.push_back(api::InvalidNumber("spec.minReplicas", spec.minreplicas(),
                                        "must be greater than or equal to 1"));
  }
  if (spec.maxreplicas() < 1) {
    errors.push_back(
        api::InvalidNumber("spec.maxReplicas", spec.maxreplicas(), "must be greater than 0"));
  }
  if (spec.has_minreplicas() && spec.maxreplicas() < spec.minreplicas()) {
    errors.push_back(api::InvalidNumber("spec.maxReplicas", spec.maxreplicas(),
                                        "must be greater than or equal to `minReplicas`"));
  }
  Append(errors,
         ValidateCrossVersionObjectReference(spec.scaletargetref().kind(),
                                             spec.scaletargetref().name(), "spec.scaleTargetRef"));
  bool object_or_external = false;
  for (int i = 0; i < spec.metrics_size(); ++i) {
    const v2::MetricSpec& metric = spec.metrics(i);
    ValidateMetricSpec(metric, StrCat("spec.metrics[", i, "]"), errors);
    object_or_external |= metric.type() == "Object" || metric.type() == "External";
  }
  if (spec.has_minreplicas() && spec.minreplicas() == 0 && !object_or_external) {
    errors.push_back(api::Forbidden(
        "spec.metrics",
        "must specify at least one Object or External metric to support scaling to zero replicas"));
  }
  if (spec.has_behavior()) {
    const v2::HorizontalPodAutoscalerBehavior& behavior = spec.behavior();
    if (behavior.has_scaleup()) {
      ValidateScalingRules(behavior.scaleup(), "spec.behavior.scaleUp", errors);
    }
    if (behavior.has_scaledown()) {
      ValidateScalingRules(behavior.scaledown(), "spec.behavior.scaleDown", errors);
    }
  }
  return errors;
}

}  // namespace kube::apiserver::autoscaling

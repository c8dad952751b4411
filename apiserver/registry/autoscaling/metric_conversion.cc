#include "apiserver/registry/autoscaling/metric_conversion.h"

#include "common/resource/quantity.h"

namespace kube::apiserver::autoscaling {
namespace {

namespace v1 = k8s::autoscaling::v1;
namespace v2 = k8s::autoscaling::v2;

constexpr char kUtilization[] = "Utilization";
constexpr char kValue[] = "Value";
constexpr char kAverageValue[] = "AverageValue";

// The two CrossVersionObjectReferences have the same fields.
template <typename To, typename From>
To Reference(const From& from) {
  To to;
  if (from.has_kind()) to.set_kind(from.kind());
  if (from.has_name()) to.set_name(from.name());
  if (from.has_apiversion()) to.set_apiversion(from.apiversion());
  return to;
}

}  // namespace

v2::MetricSpec CpuUtilizationMetric(int32_t percent) {
  v2::MetricSpec metric;
  metric.set_type(kResourceMetricType);
  metric.mutable_resource()->set_name(kCpu);
  metric.mutable_resource()->mutable_target()->set_type(kUtilization);
  metric.mutable_resource()->mutable_target()->set_averageutilization(percent);
  return metric;
}

bool IsCpuResource(const v2::MetricSpec& metric) {
  return metric.type() == kResourceMetricType && metric.has_resource() &&
         metric.resource().name() == kCpu;
}

v1::CrossVersionObjectReference ReferenceToV1(const v2::CrossVersionObjectReference& reference) {
  return Reference<v1::CrossVersionObjectReference>(reference);
}

v2::CrossVersionObjectReference ReferenceToV2(const v1::CrossVersionObjectReference& reference) {
  return Reference<v2::CrossVersionObjectReference>(reference);
}

namespace {

bool IsZero(const k8s::resource::Quantity& quantity) {
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  return quantity.string().empty() || (parsed.ok() && parsed->IsZero());
}

// v1's selector and metric name as a v2 MetricIdentifier.
v2::MetricIdentifier Identifier(const std::string& name, bool has_selector,
                                const k8s::meta::v1::LabelSelector& selector) {
  v2::MetricIdentifier identifier;
  identifier.set_name(name);
  if (has_selector) *identifier.mutable_selector() = selector;
  return identifier;
}

v1::ObjectMetricSource ObjectToV1(const v2::ObjectMetricSource& in) {
  v1::ObjectMetricSource out;
  *out.mutable_target() = ReferenceToV1(in.describedobject());
  out.set_metricname(in.metric().name());
  if (in.target().has_value()) *out.mutable_targetvalue() = in.target().value();
  if (in.metric().has_selector()) *out.mutable_selector() = in.metric().selector();
  if (in.target().has_averagevalue()) *out.mutable_averagevalue() = in.target().averagevalue();
  return out;
}

v2::ObjectMetricSource ObjectToV2(const v1::ObjectMetricSource& in) {
  v2::ObjectMetricSource out;
  *out.mutable_describedobject() = ReferenceToV2(in.target());
  v2::MetricTarget& target = *out.mutable_target();
  target.set_type(in.has_averagevalue() ? kAverageValue : kValue);
  // v1's targetValue is not optional, so an average-only target reads back with a
  // value of 0; upstream keeps that 0, which its own validation then rejects.
  if (!in.has_averagevalue() || !IsZero(in.targetvalue())) {
    *target.mutable_value() = in.targetvalue();
  }
  if (in.has_averagevalue()) *target.mutable_averagevalue() = in.averagevalue();
  *out.mutable_metric() = Identifier(in.metricname(), in.has_selector(), in.selector());
  return out;
}

v1::PodsMetricSource PodsToV1(const v2::PodsMetricSource& in) {
  v1::PodsMetricSource out;
  out.set_metricname(in.metric().name());
  if (in.target().has_averagevalue()) {
    *out.mutable_targetaveragevalue() = in.target().averagevalue();
  }
  if (in.metric().has_selector()) *out.mutable_selector() = in.metric().selector();
  return out;
}

v2::PodsMetricSource PodsToV2(const v1::PodsMetricSource& in) {
  v2::PodsMetricSource out;
  *out.mutable_metric() = Identifier(in.metricname(), in.has_selector(), in.selector());
  out.mutable_target()->set_type(kAverageValue);
  *out.mutable_target()->mutable_averagevalue() = in.targetaveragevalue();
  return out;
}

// Resource and ContainerResource sources: a utilization or an average value.
template <typename To, typename From>
To ResourceToV1(const From& in) {
  To out;
  out.set_name(in.name());
  if (in.target().has_averageutilization()) {
    out.set_targetaverageutilization(in.target().averageutilization());
  }
  if (in.target().has_averagevalue())
    *out.mutable_targetaveragevalue() = in.target().averagevalue();
  return out;
}

template <typename To, typename From>
To ResourceToV2(const From& in) {
  To out;
  out.set_name(in.name());
  v2::MetricTarget& target = *out.mutable_target();
  target.set_type(in.has_targetaverageutilization() ? kUtilization : kAverageValue);
  if (in.has_targetaveragevalue()) *target.mutable_averagevalue() = in.targetaveragevalue();
  if (in.has_targetaverageutilization()) {
    target.set_averageutilization(in.targetaverageutilization());
  }
  return out;
}

v1::ExternalMetricSource ExternalToV1(const v2::ExternalMetricSource& in) {
  v1::ExternalMetricSource out;
  out.set_metricname(in.metric().name());
  if (in.metric().has_selector()) *out.mutable_metricselector() = in.metric().selector();
  if (in.target().has_value()) *out.mutable_targetvalue() = in.target().value();
  if (in.target().has_averagevalue()) {
    *out.mutable_targetaveragevalue() = in.target().averagevalue();
  }
  return out;
}

v2::ExternalMetricSource ExternalToV2(const v1::ExternalMetricSource& in) {
  v2::ExternalMetricSource out;
  *out.mutable_metric() = Identifier(in.metricname(), in.has_metricselector(), in.metricselector());
  v2::MetricTarget& target = *out.mutable_target();
  target.set_type(in.has_targetvalue() ? kValue : kAverageValue);
  if (in.has_targetvalue()) *target.mutable_value() = in.targetvalue();
  if (in.has_targetaveragevalue()) *target.mutable_averagevalue() = in.targetaveragevalue();
  return out;
}

v1::ObjectMetricStatus ObjectStatusToV1(const v2::ObjectMetricStatus& in) {
  v1::ObjectMetricStatus out;
  *out.mutable_target() = ReferenceToV1(in.describedobject());
  out.set_metricname(in.metric().name());
  if (in.current().has_value()) *out.mutable_currentvalue() = in.current().value();
  if (in.metric().has_selector()) *out.mutable_selector() = in.metric().selector();
  if (in.current().has_averagevalue()) *out.mutable_averagevalue() = in.current().averagevalue();
  return out;
}

v2::ObjectMetricStatus ObjectStatusToV2(const v1::ObjectMetricStatus& in) {
  v2::ObjectMetricStatus out;
  *out.mutable_metric() = Identifier(in.metricname(), in.has_selector(), in.selector());
  *out.mutable_current()->mutable_value() = in.currentvalue();
  if (in.has_averagevalue()) *out.mutable_current()->mutable_averagevalue() = in.averagevalue();
  *out.mutable_describedobject() = ReferenceToV2(in.target());
  return out;
}

v1::PodsMetricStatus PodsStatusToV1(const v2::PodsMetricStatus& in) {
  v1::PodsMetricStatus out;
  out.set_metricname(in.metric().name());
  if (in.current().has_averagevalue()) {
    *out.mutable_currentaveragevalue() = in.current().averagevalue();
  }
  if (in.metric().has_selector()) *out.mutable_selector() = in.metric().selector();
  return out;
}

v2::PodsMetricStatus PodsStatusToV2(const v1::PodsMetricStatus& in) {
  v2::PodsMetricStatus out;
  *out.mutable_metric() = Identifier(in.metricname(), in.has_selector(), in.selector());
  *out.mutable_current()->mutable_averagevalue() = in.currentaveragevalue();
  return out;
}

template <typename To, typename From>
To ResourceStatusToV1(const From& in) {
  To out;
  out.set_name(in.name());
  if (in.current().has_averageutilization()) {
    out.set_currentaverageutilization(in.current().averageutilization());
  }
  if (in.current().has_averagevalue()) {
    *out.mutable_currentaveragevalue() = in.current().averagevalue();
  }
  return out;
}

template <typename To, typename From>
To ResourceStatusToV2(const From& in) {
  To out;
  out.set_name(in.name());
  *out.mutable_current()->mutable_averagevalue() = in.currentaveragevalue();
  if (in.has_currentaverageutilization()) {
    out.mutable_current()->set_averageutilization(in.currentaverageutilization());
  }
  return out;
}

v1::ExternalMetricStatus ExternalStatusToV1(const v2::ExternalMetricStatus& in) {
  v1::ExternalMetricStatus out;
  out.set_metricname(in.metric().name());
  if (in.metric().has_selector()) *out.mutable_metricselector() = in.metric().selector();
  if (in.current().has_value()) *out.mutable_currentvalue() = in.current().value();
  if (in.current().has_averagevalue()) {
    *out.mutable_currentaveragevalue() = in.current().averagevalue();
  }
  return out;
}

v2::ExternalMetricStatus ExternalStatusToV2(const v1::ExternalMetricStatus& in) {
  v2::ExternalMetricStatus out;
  *out.mutable_metric() = Identifier(in.metricname(), in.has_metricselector(), in.metricselector());
  *out.mutable_current()->mutable_value() = in.currentvalue();
  if (in.has_currentaveragevalue()) {
    *out.mutable_current()->mutable_averagevalue() = in.currentaveragevalue();
  }
  return out;
}

// The two conditions have the same fields (v1's observedGeneration has no v2 field).
template <typename To, typename From>
To Condition(const From& in) {
  To out;
  out.set_type(in.type());
  out.set_status(in.status());
  if (in.has_lasttransitiontime()) *out.mutable_lasttransitiontime() = in.lasttransitiontime();
  if (in.has_reason()) out.set_reason(in.reason());
  if (in.has_message()) out.set_message(in.message());
  return out;
}

}  // namespace

v1::MetricSpec MetricSpecToV1(const v2::MetricSpec& spec) {
  v1::MetricSpec out;
  if (spec.has_type()) out.set_type(spec.type());
  if (spec.has_object()) *out.mutable_object() = ObjectToV1(spec.object());
  if (spec.has_pods()) *out.mutable_pods() = PodsToV1(spec.pods());
  if (spec.has_resource()) {
    *out.mutable_resource() = ResourceToV1<v1::ResourceMetricSource>(spec.resource());
  }
  if (spec.has_containerresource()) {
    *out.mutable_containerresource() =
        ResourceToV1<v1::ContainerResourceMetricSource>(spec.containerresource());
    out.mutable_containerresource()->set_container(spec.containerresource().container());
  }
  if (spec.has_external()) *out.mutable_external() = ExternalToV1(spec.external());
  return out;
}

v2::MetricSpec MetricSpecToV2(const v1::MetricSpec& spec) {
  v2::MetricSpec out;
  if (spec.has_type()) out.set_type(spec.type());
  if (spec.has_object()) *out.mutable_object() = ObjectToV2(spec.object());
  if (spec.has_pods()) *out.mutable_pods() = PodsToV2(spec.pods());
  if (spec.has_resource()) {
    *out.mutable_resource() = ResourceToV2<v2::ResourceMetricSource>(spec.resource());
  }
  if (spec.has_containerresource()) {
    *out.mutable_containerresource() =
        ResourceToV2<v2::ContainerResourceMetricSource>(spec.containerresource());
    out.mutable_containerresource()->set_container(spec.containerresource().container());
  }
  if (spec.has_external()) *out.mutable_external() = ExternalToV2(spec.external());
  return out;
}

v1::MetricStatus MetricStatusToV1(const v2::MetricStatus& status) {
  v1::MetricStatus out;
  if (status.has_type()) out.set_type(status.type());
  if (status.has_object()) *out.mutable_object() = ObjectStatusToV1(status.object());
  if (status.has_pods()) *out.mutable_pods() = PodsStatusToV1(status.pods());
  if (status.has_resource()) {
    *out.mutable_resource() = ResourceStatusToV1<v1::ResourceMetricStatus>(status.resource());
  }
  if (status.has_containerresource()) {
    *out.mutable_containerresource() =
        ResourceStatusToV1<v1::ContainerResourceMetricStatus>(status.containerresource());
    out.mutable_containerresource()->set_container(status.containerresource().container());
  }
  if (status.has_external()) *out.mutable_external() = ExternalStatusToV1(status.external());
  return out;
}

v2::MetricStatus MetricStatusToV2(const v1::MetricStatus& status) {
  v2::MetricStatus out;
  if (status.has_type()) out.set_type(status.type());
  if (status.has_object()) *out.mutable_object() = ObjectStatusToV2(status.object());
  if (status.has_pods()) *out.mutable_pods() = PodsStatusToV2(status.pods());
  if (status.has_resource()) {
    *out.mutable_resource() = ResourceStatusToV2<v2::ResourceMetricStatus>(status.resource());
  }
  if (status.has_containerresource()) {
    *out.mutable_containerresource() =
        ResourceStatusToV2<v2::ContainerResourceMetricStatus>(status.containerresource());
    out.mutable_containerresource()->set_container(status.containerresource().container());
  }
  if (status.has_external()) *out.mutable_external() = ExternalStatusToV2(status.external());
  return out;
}

v1::HorizontalPodAutoscalerCondition ConditionToV1(
    const v2::HorizontalPodAutoscalerCondition& condition) {
  return Condition<v1::HorizontalPodAutoscalerCondition>(condition);
}

v2::HorizontalPodAutoscalerCondition ConditionToV2(
    const v1::HorizontalPodAutoscalerCondition& condition) {
  return Condition<v2::HorizontalPodAutoscalerCondition>(condition);
}

}  // namespace kube::apiserver::autoscaling

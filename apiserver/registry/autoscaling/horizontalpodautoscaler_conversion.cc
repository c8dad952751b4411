#include "apiserver/registry/autoscaling/horizontalpodautoscaler_conversion.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/registry/autoscaling/behavior_annotation.h"
#include "apiserver/registry/autoscaling/metric_conversion.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"
#include "common/codec/zero_values.h"

namespace kube::apiserver::autoscaling {
namespace {

namespace v1 = k8s::autoscaling::v1;
namespace v2 = k8s::autoscaling::v2;

// A JSON array of `items`, each as the codec writes it.
template <typename T>
std::string EncodeList(const std::vector<T>& items) {
  rapidjson::Document array(rapidjson::kArrayType);
  for (const T& item : items) {
    rapidjson::Value value;
    codec::EncodeJsonValue(item, value, array.GetAllocator(), {.type_meta = false});
    array.PushBack(value, array.GetAllocator());
  }
  return codec::WriteJson(array);
}

// The items of a JSON array (null reads as none); nullopt when anything fails to decode.
template <typename T>
std::optional<std::vector<T>> DecodeList(std::string_view json) {
  rapidjson::Document document;
  if (!codec::ParseJson(json, document).ok()) return std::nullopt;
  std::vector<T> items;
  if (document.IsNull()) return items;
  if (!document.IsArray()) return std::nullopt;
  for (const auto& value : document.GetArray()) {
    if (!codec::DecodeJsonValue(value, items.emplace_back()).ok()) return std::nullopt;
  }
  return items;
}

const std::string* Annotation(const k8s::meta::v1::ObjectMeta& metadata, const char* key) {
  auto it = metadata.annotations().find(key);
  return it == metadata.annotations().end() ? nullptr : &it->second;
}

// The fields both versions have but the scale target, in either direction.
template <typename To, typename From>
void CopyCommon(const From& in, To& out) {
  if (in.has_metadata()) *out.mutable_metadata() = in.metadata();
  const auto& spec = in.spec();
  auto& out_spec = *out.mutable_spec();
  if (spec.has_minreplicas()) out_spec.set_minreplicas(spec.minreplicas());
  out_spec.set_maxreplicas(spec.maxreplicas());
  const auto& status = in.status();
  auto& out_status = *out.mutable_status();
  if (status.has_observedgeneration()) {
    out_status.set_observedgeneration(status.observedgeneration());
  }
  if (status.has_lastscaletime()) *out_status.mutable_lastscaletime() = status.lastscaletime();
  out_status.set_currentreplicas(status.currentreplicas());
  out_status.set_desiredreplicas(status.desiredreplicas());
}

}  // namespace

void DropRoundTripAnnotations(k8s::meta::v1::ObjectMeta& metadata) {
  for (const char* key : {kMetricSpecsAnnotation, kBehaviorSpecsAnnotation,
                          kMetricStatusesAnnotation, kConditionsAnnotation}) {
    metadata.mutable_annotations()->erase(key);
  }
}

v1::HorizontalPodAutoscaler ToV1(const v2::HorizontalPodAutoscaler& hpa) {
  v1::HorizontalPodAutoscaler out;
  CopyCommon(hpa, out);
  *out.mutable_spec()->mutable_scaletargetref() = ReferenceToV1(hpa.spec().scaletargetref());
  k8s::meta::v1::ObjectMeta& metadata = *out.mutable_metadata();
  DropRoundTripAnnotations(metadata);

  std::vector<v1::MetricSpec> other_metrics;
  for (const v2::MetricSpec& metric : hpa.spec().metrics()) {
    if (IsCpuResource(metric) && metric.resource().target().has_averageutilization()) continue;
    other_metrics.push_back(MetricSpecToV1(metric));
  }
  // The first CPU metric is v1's target, even one without a utilization.
  for (const v2::MetricSpec& metric : hpa.spec().metrics()) {
    if (!IsCpuResource(metric)) continue;
    if (metric.resource().target().has_averageutilization()) {
      out.mutable_spec()->set_targetcpuutilizationpercentage(
          metric.resource().target().averageutilization());
    }
    break;
  }
  std::vector<v1::MetricStatus> current_metrics;
  for (const v2::MetricStatus& metric : hpa.status().currentmetrics()) {
    current_metrics.push_back(MetricStatusToV1(metric));
    if (metric.type() == kResourceMetricType && metric.has_resource() &&
        metric.resource().name() == kCpu && metric.resource().current().has_averageutilization()) {
      out.mutable_status()->set_currentcpuutilizationpercentage(
          metric.resource().current().averageutilization());
    }
  }
  std::vector<v1::HorizontalPodAutoscalerCondition> conditions;
  for (const auto& condition : hpa.status().conditions()) {
    conditions.push_back(ConditionToV1(condition));
  }

  auto& annotations = *metadata.mutable_annotations();
  if (!other_metrics.empty()) annotations[kMetricSpecsAnnotation] = EncodeList(other_metrics);
  if (!current_metrics.empty()) {
    annotations[kMetricStatusesAnnotation] = EncodeList(current_metrics);
  }
  if (hpa.spec().has_behavior()) {
    annotations[kBehaviorSpecsAnnotation] = EncodeBehaviorAnnotation(hpa.spec().behavior());
  }
  if (!conditions.empty()) annotations[kConditionsAnnotation] = EncodeList(conditions);
  codec::ClearZeroValues(out);
  return out;
}

v2::HorizontalPodAutoscaler ToV2(const v1::HorizontalPodAutoscaler& hpa) {
  v2::HorizontalPodAutoscaler out;
  CopyCommon(hpa, out);
  auto& spec = *out.mutable_spec();
  *spec.mutable_scaletargetref() = ReferenceToV2(hpa.spec().scaletargetref());
  auto& status = *out.mutable_status();
  const k8s::meta::v1::ObjectMeta& metadata = hpa.metadata();

  if (hpa.spec().has_targetcpuutilizationpercentage()) {
    *spec.add_metrics() = CpuUtilizationMetric(hpa.spec().targetcpuutilizationpercentage());
  }
  if (hpa.status().has_currentcpuutilizationpercentage()) {
    v2::MetricStatus& cpu = *status.add_currentmetrics();
    cpu.set_type(kResourceMetricType);
    cpu.mutable_resource()->set_name(kCpu);
    cpu.mutable_resource()->mutable_current()->set_averageutilization(
        hpa.status().currentcpuutilizationpercentage());
  }

  if (const std::string* json = Annotation(metadata, kMetricSpecsAnnotation)) {
    if (auto others = DecodeList<v1::MetricSpec>(*json)) {
      // The annotation's metrics first, then the one v1 field (as upstream).
      google::protobuf::RepeatedPtrField<v2::MetricSpec> metrics;
      for (const v1::MetricSpec& metric : *others) *metrics.Add() = MetricSpecToV2(metric);
      for (const v2::MetricSpec& metric : spec.metrics()) *metrics.Add() = metric;
      *spec.mutable_metrics() = std::move(metrics);
    }
  }
  if (const std::string* json = Annotation(metadata, kBehaviorSpecsAnnotation)) {
    if (auto behavior = DecodeBehaviorAnnotation(*json)) *spec.mutable_behavior() = *behavior;
  }
  if (const std::string* json = Annotation(metadata, kMetricStatusesAnnotation)) {
    // They say more than currentCPUUtilizationPercentage: they replace it.
    if (auto current = DecodeList<v1::MetricStatus>(*json)) {
      status.clear_currentmetrics();
      for (const v1::MetricStatus& metric : *current) {
        *status.add_currentmetrics() = MetricStatusToV2(metric);
      }
    }
  }
  if (spec.metrics().empty()) *spec.add_metrics() = CpuUtilizationMetric(kDefaultCpuUtilization);
  if (const std::string* json = Annotation(metadata, kConditionsAnnotation)) {
    if (auto conditions = DecodeList<v1::HorizontalPodAutoscalerCondition>(*json)) {
      for (const auto& condition : *conditions) *status.add_conditions() = ConditionToV2(condition);
    }
  }
  if (out.has_metadata()) DropRoundTripAnnotations(*out.mutable_metadata());
  codec::ClearZeroValues(out);
  return out;
}

}  // namespace kube::apiserver::autoscaling

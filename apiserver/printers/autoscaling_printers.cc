// The HorizontalPodAutoscaler tables of autoscaling/v1 and autoscaling/v2.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "apiserver/registry/autoscaling/horizontalpodautoscaler_conversion.h"
#include "common/resource/quantity.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
namespace v1 = k8s::autoscaling::v1;
namespace v2 = k8s::autoscaling::v2;

// TARGETS shows this many metrics, then "+ N more...".
constexpr size_t kShownMetrics = 2;
constexpr char kUnknown[] = "<unknown>";

std::vector<TableColumn> Columns() {
  return {
      NameColumn(),
      Column("Reference", "string", "The target resource to scale."),
      Column("Targets", "string",
             "The metrics used to compute the desired replica count, current/target."),
      Column("MinPods", "string", "The lower limit for the number of replicas."),
      Column("MaxPods", "string", "The upper limit for the number of replicas."),
      Column("Replicas", "string", "The current number of replicas."),
      AgeColumn(),
  };
}

// NAME, REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS, AGE: the same in both versions.
template <typename Hpa>
std::vector<TableCell> Row(const Hpa& hpa, std::string targets, absl::Time now) {
  const auto& spec = hpa.spec();
  const auto& target = spec.scaletargetref();
  return {hpa.metadata().name(),
          absl::StrCat(target.kind(), "/", target.name()),
          std::move(targets),
          spec.has_minreplicas() ? absl::StrCat(spec.minreplicas()) : "<unset>",
          static_cast<int64_t>(spec.maxreplicas()),
          static_cast<int64_t>(hpa.status().currentreplicas()),
          Age(hpa.metadata(), now)};
}

// Quantity.String(): canonical, and "<nil>" for an unset pointer.
std::string QuantityText(bool present, const k8s::resource::Quantity& quantity) {
  if (!present) return "<nil>";
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  return parsed.ok() ? parsed->ToString() : quantity.string();
}

// Object and External: "current/target", or "current/target (avg)" for a target
// per pod.
std::string ValueTarget(const v2::MetricTarget& target, const v2::MetricValueStatus* current) {
  if (target.has_averagevalue()) {
    std::string now = current != nullptr && current->has_averagevalue()
                          ? QuantityText(true, current->averagevalue())
                          : kUnknown;
    return absl::StrCat(now, "/", QuantityText(true, target.averagevalue()), " (avg)");
  }
  std::string now =
      current != nullptr ? QuantityText(current->has_value(), current->value()) : kUnknown;
  return absl::StrCat(now, "/", QuantityText(target.has_value(), target.value()));
}

// Resource and ContainerResource: "cpu: 45%/80%", or raw averages "memory: 90Mi/100Mi".
std::string ResourceTarget(const std::string& name, const v2::MetricTarget& target,
                           const v2::MetricValueStatus* current) {
  if (target.has_averagevalue()) {
    std::string now = current != nullptr
                          ? QuantityText(current->has_averagevalue(), current->averagevalue())
                          : kUnknown;
    return absl::StrCat(name, ": ", now, "/", QuantityText(true, target.averagevalue()));
  }
  std::string now = current != nullptr && current->has_averageutilization()
                        ? absl::StrCat(current->averageutilization(), "%")
                        : kUnknown;
  std::string goal =
      target.has_averageutilization() ? absl::StrCat(target.averageutilization(), "%") : "<auto>";
  return absl::StrCat(name, ": ", now, "/", goal);
}

// One metric against the status at the same index, as upstream's formatHPAMetrics.
std::string MetricText(const v2::MetricSpec& spec, const v2::MetricStatus* status) {
  const std::string& type = spec.type();
  if (type == "External") {
    const auto* current =
        status != nullptr && status->has_external() ? &status->external().current() : nullptr;
    return ValueTarget(spec.external().target(), current);
  }
  if (type == "Pods") {
    std::string now = status != nullptr && status->has_pods()
                          ? QuantityText(status->pods().current().has_averagevalue(),
                                         status->pods().current().averagevalue())
                          : kUnknown;
    const v2::MetricTarget& target = spec.pods().target();
    return absl::StrCat(now, "/", QuantityText(target.has_averagevalue(), target.averagevalue()));
  }
  if (type == "Object") {
    const auto* current =
        status != nullptr && status->has_object() ? &status->object().current() : nullptr;
    return ValueTarget(spec.object().target(), current);
  }
  if (type == "Resource") {
    const auto* current =
        status != nullptr && status->has_resource() ? &status->resource().current() : nullptr;
    return ResourceTarget(spec.resource().name(), spec.resource().target(), current);
  }
  if (type == "ContainerResource") {
    const auto* current = status != nullptr && status->has_containerresource()
                              ? &status->containerresource().current()
                              : nullptr;
    return ResourceTarget(spec.containerresource().name(), spec.containerresource().target(),
                          current);
  }
  return "<unknown type>";
}

std::string V2Targets(const v2::HorizontalPodAutoscaler& hpa) {
  const auto& metrics = hpa.spec().metrics();
  if (metrics.empty()) return "<none>";
  const auto& statuses = hpa.status().currentmetrics();
  std::vector<std::string> shown;
  for (int i = 0; i < metrics.size() && shown.size() < kShownMetrics; ++i) {
    shown.push_back(MetricText(metrics[i], i < statuses.size() ? &statuses[i] : nullptr));
  }
  std::string text = absl::StrJoin(shown, ", ");
  if (static_cast<size_t>(metrics.size()) > kShownMetrics) {
    absl::StrAppend(&text, " + ", metrics.size() - kShownMetrics, " more...");
  }
  return text;
}

std::vector<TableCell> V2Row(const v2::HorizontalPodAutoscaler& hpa, absl::Time now) {
  return Row(hpa, V2Targets(hpa), now);
}

// Upstream prints every version from its internal form: a v1 object's TARGETS are
// those of the v2 object it converts to (its annotations' metrics included).
std::vector<TableCell> V1Row(const v1::HorizontalPodAutoscaler& hpa, absl::Time now) {
  return Row(hpa, V2Targets(autoscaling::ToV2(hpa)), now);
}

}  // namespace

std::unique_ptr<TablePrinter> NewHorizontalPodAutoscalerPrinter() {
  return MakePrinter<v1::HorizontalPodAutoscaler>(Columns(), V1Row);
}

std::unique_ptr<TablePrinter> NewHorizontalPodAutoscalerV2Printer() {
  return MakePrinter<v2::HorizontalPodAutoscaler>(Columns(), V2Row);
}

}  // namespace kube::apiserver

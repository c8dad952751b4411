#include "apiserver/registry/core/event_strategy.h"

#include "apiserver/registry/core/event_limits.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Event;

constexpr int64_t kGoZeroTimeSeconds = -62135596800;  // 0001-01-01T00:00:00Z

const Event& AsEvent(const google::protobuf::Message& object) {
  return static_cast<const Event&>(object);
}

bool IsZeroTime(const Event& event) {
  if (!event.has_eventtime()) return true;
  const auto& time = event.eventtime();
  return (time.seconds() == 0 || time.seconds() == kGoZeroTimeSeconds) && time.nanos() == 0;
}

}  // namespace

api::FieldErrors EventStrategy::Validate(const google::protobuf::Message& object) const {
  const Event& event = AsEvent(object);
  const std::string& ns = event.metadata().namespace_();
  const std::string& involved_ns = event.involvedobject().namespace_();
  api::FieldErrors errors;
  auto mismatch = [&] {
    errors.push_back(
        api::Invalid("involvedObject.namespace", involved_ns, "does not match event.namespace"));
  };
  if (IsZeroTime(event)) {
    // Old-style events: cluster-scoped objects' events live in "default".
    if (involved_ns.empty() ? (!ns.empty() && ns != "default") : ns != involved_ns) mismatch();
    return errors;
  }
  if (involved_ns.empty() && ns != "default" && ns != "kube-system") mismatch();
  if (event.reportingcomponent().empty()) {
    errors.push_back(api::Required("reportingComponent"));
  }
  for (const std::string& message : validation::IsQualifiedName(event.reportingcomponent())) {
    errors.push_back(api::Invalid("reportingComponent", event.reportingcomponent(), message));
  }
  if (event.reportinginstance().empty()) errors.push_back(api::Required("reportingInstance"));
  CheckEventFieldLength(event.reportinginstance(), kEventReportingInstanceLimit,
                        "reportingInstance", errors);
  if (event.action().empty()) errors.push_back(api::Required("action"));
  CheckEventFieldLength(event.action(), kEventActionLimit, "action", errors);
  if (event.reason().empty()) errors.push_back(api::Required("reason"));
  CheckEventFieldLength(event.reason(), kEventReasonLimit, "reason", errors);
  CheckEventFieldLength(event.message(), kEventNoteLimit, "message", errors);
  return errors;
}

std::optional<std::string> EventStrategy::SelectableField(const google::protobuf::Message& object,
                                                          std::string_view field) const {
  const Event& event = AsEvent(object);
  const auto& involved = event.involvedobject();
  if (field == "involvedObject.kind") return involved.kind();
  if (field == "involvedObject.namespace") return involved.namespace_();
  if (field == "involvedObject.name") return involved.name();
  if (field == "involvedObject.uid") return involved.uid();
  if (field == "involvedObject.apiVersion") return involved.apiversion();
  if (field == "involvedObject.resourceVersion") return involved.resourceversion();
  if (field == "involvedObject.fieldPath") return involved.fieldpath();
  if (field == "reason") return event.reason();
  if (field == "reportingComponent") return event.reportingcomponent();
  if (field == "source") return event.source().component();
  if (field == "type") return event.type();
  return std::nullopt;
}

}  // namespace kube::apiserver::core

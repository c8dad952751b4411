#include "apiserver/registry/events/event_v1_strategy.h"

#include "apiserver/registry/core/event_limits.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/events/v1/events.pb.h"

namespace kube::apiserver::events {
namespace {

using k8s::events::v1::Event;

bool IsSet(const k8s::meta::v1::MicroTime& time) {
  return time.seconds() != 0 || time.nanos() != 0;
}
bool IsSet(const k8s::meta::v1::Time& time) { return time.seconds() != 0 || time.nanos() != 0; }

}  // namespace

api::FieldErrors EventV1Strategy::Validate(const google::protobuf::Message& object) const {
  const Event& event = static_cast<const Event&>(object);
  api::FieldErrors errors;
  const std::string& ns = event.metadata().namespace_();
  if (event.regarding().namespace_().empty() && ns != "default" && ns != "kube-system") {
    errors.push_back(api::Invalid("involvedObject.namespace", event.regarding().namespace_(),
                                  "does not match event.namespace"));
  }
  if (event.reportingcontroller().empty()) errors.push_back(api::Required("reportingController"));
  for (const std::string& message : validation::IsQualifiedName(event.reportingcontroller())) {
    errors.push_back(api::Invalid("reportingController", event.reportingcontroller(), message));
  }
  if (event.reportinginstance().empty()) errors.push_back(api::Required("reportingInstance"));
  core::CheckEventFieldLength(event.reportinginstance(), core::kEventReportingInstanceLimit,
                              "reportingInstance", errors);
  if (event.action().empty()) errors.push_back(api::Required("action"));
  core::CheckEventFieldLength(event.action(), core::kEventActionLimit, "action", errors);
  if (event.reason().empty()) errors.push_back(api::Required("reason"));
  core::CheckEventFieldLength(event.reason(), core::kEventReasonLimit, "reason", errors);
  core::CheckEventFieldLength(event.note(), core::kEventNoteLimit, "message", errors);

  if (event.has_series()) {
    if (event.series().count() < 2) {
      errors.push_back(api::Invalid("series.count", "", "should be at least 2"));
    }
    if (!IsSet(event.series().lastobservedtime())) {
      errors.push_back(api::Required("series.lastObservedTime"));
    }
  }
  if (!IsSet(event.eventtime())) errors.push_back(api::Required("eventTime"));
  if (event.type() != "Normal" && event.type() != "Warning") {
    errors.push_back(api::Invalid("type", "", StrCat("has invalid value: ", event.type())));
  }
  if (IsSet(event.deprecatedfirsttimestamp())) {
    errors.push_back(api::Invalid("firstTimestamp", "", "needs to be unset"));
  }
  if (IsSet(event.deprecatedlasttimestamp())) {
    errors.push_back(api::Invalid("lastTimestamp", "", "needs to be unset"));
  }
  if (event.deprecatedcount() != 0)
    errors.push_back(api::Invalid("count", "", "needs to be unset"));
  if (!event.deprecatedsource().component().empty() || !event.deprecatedsource().host().empty()) {
    errors.push_back(api::Invalid("source", "", "needs to be unset"));
  }
  return errors;
}

}  // namespace kube::apiserver::events

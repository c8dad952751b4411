#include "apiserver/registry/events/event_conversion.h"

namespace kube::apiserver::events {

k8s::core::v1::Event ToCoreEvent(const k8s::events::v1::Event& event) {
  k8s::core::v1::Event core;
  if (event.has_metadata()) *core.mutable_metadata() = event.metadata();
  if (event.has_eventtime()) *core.mutable_eventtime() = event.eventtime();
  if (event.has_series()) {
    core.mutable_series()->set_count(event.series().count());
    if (event.series().has_lastobservedtime()) {
      *core.mutable_series()->mutable_lastobservedtime() = event.series().lastobservedtime();
    }
  }
  if (event.has_reportingcontroller()) core.set_reportingcomponent(event.reportingcontroller());
  if (event.has_reportinginstance()) core.set_reportinginstance(event.reportinginstance());
  if (event.has_action()) core.set_action(event.action());
  if (event.has_reason()) core.set_reason(event.reason());
  if (event.has_regarding()) *core.mutable_involvedobject() = event.regarding();
  if (event.has_related()) *core.mutable_related() = event.related();
  if (event.has_note()) core.set_message(event.note());
  if (event.has_type()) core.set_type(event.type());
  if (event.has_deprecatedsource()) *core.mutable_source() = event.deprecatedsource();
  if (event.has_deprecatedfirsttimestamp()) {
    *core.mutable_firsttimestamp() = event.deprecatedfirsttimestamp();
  }
  if (event.has_deprecatedlasttimestamp()) {
    *core.mutable_lasttimestamp() = event.deprecatedlasttimestamp();
  }
  if (event.has_deprecatedcount()) core.set_count(event.deprecatedcount());
  return core;
}

k8s::events::v1::Event FromCoreEvent(const k8s::core::v1::Event& core) {
  k8s::events::v1::Event event;
  if (core.has_metadata()) *event.mutable_metadata() = core.metadata();
  if (core.has_eventtime()) *event.mutable_eventtime() = core.eventtime();
  if (core.has_series()) {
    event.mutable_series()->set_count(core.series().count());
    if (core.series().has_lastobservedtime()) {
      *event.mutable_series()->mutable_lastobservedtime() = core.series().lastobservedtime();
    }
  }
  if (core.has_reportingcomponent()) event.set_reportingcontroller(core.reportingcomponent());
  if (core.has_reportinginstance()) event.set_reportinginstance(core.reportinginstance());
  if (core.has_action()) event.set_action(core.action());
  if (core.has_reason()) event.set_reason(core.reason());
  if (core.has_involvedobject()) *event.mutable_regarding() = core.involvedobject();
  if (core.has_related()) *event.mutable_related() = core.related();
  if (core.has_message()) event.set_note(core.message());
  if (core.has_type()) event.set_type(core.type());
  if (core.has_source()) *event.mutable_deprecatedsource() = core.source();
  if (core.has_firsttimestamp()) *event.mutable_deprecatedfirsttimestamp() = core.firsttimestamp();
  if (core.has_lasttimestamp()) *event.mutable_deprecatedlasttimestamp() = core.lasttimestamp();
  if (core.has_count()) event.set_deprecatedcount(core.count());
  return event;
}

}  // namespace kube::apiserver::events

// The Event table, as `kubectl get events` shows it.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::Event;

const std::string& FirstNonEmpty(const std::string& a, const std::string& b) {
  return a.empty() ? b : a;
}

// "component, host", the reporting controller and instance standing in when unset.
std::string EventSource(const Event& event) {
  const std::string& component =
      FirstNonEmpty(event.source().component(), event.reportingcomponent());
  const std::string& instance = FirstNonEmpty(event.source().host(), event.reportinginstance());
  if (instance.empty()) return component;
  return absl::StrCat(component, ", ", instance);
}

// "pod/web-0", or just the kind when the object has no name.
std::string EventObject(const Event& event) {
  const auto& object = event.involvedobject();
  std::string kind = absl::AsciiStrToLower(object.kind());
  if (object.name().empty()) return kind;
  return absl::StrCat(kind, "/", object.name());
}

std::vector<TableCell> EventRow(const Event& event, absl::Time now) {
  std::string first_seen = IsZeroTime(event.firsttimestamp())
                               ? TimestampSince(event.eventtime(), now)
                               : TimestampSince(event.firsttimestamp(), now);
  std::string last_seen =
      IsZeroTime(event.lasttimestamp()) ? first_seen : TimestampSince(event.lasttimestamp(), now);
  int64_t count = event.count();
  if (event.has_series()) {
    last_seen = TimestampSince(event.series().lastobservedtime(), now);
    count = event.series().count();
  } else if (count == 0) {
    count = 1;  // Singleton events of the events.k8s.io API have no count.
  }
  return {last_seen,
          event.type(),
          event.reason(),
          EventObject(event),
          event.involvedobject().fieldpath(),
          EventSource(event),
          std::string(absl::StripAsciiWhitespace(event.message())),
          first_seen,
          count,
          event.metadata().name()};
}

}  // namespace

std::unique_ptr<TablePrinter> NewEventPrinter() {
  return MakePrinter<Event>(
      {
          Column("Last Seen", "string",
                 "The time at which the most recent occurrence of this event was recorded."),
          Column("Type", "string", "Type of this event (Normal, Warning)."),
          Column("Reason", "string",
                 "A short, machine understandable string that gives the reason for the transition "
                 "into the object's current status."),
          Column("Object", "string", "The object that this event is about."),
          Column("Subobject", "string",
                 "The part of the object this event is about, e.g. a container.", 1),
          Column("Source", "string", "The component reporting this event.", 1),
          Column("Message", "string",
                 "A human-readable description of the status of this operation."),
          Column("First Seen", "string", "The time at which the event was first recorded.", 1),
          Column("Count", "string", "The number of times this event has occurred.", 1),
          NameColumn(1),
      },
      EventRow);
}

}  // namespace kube::apiserver

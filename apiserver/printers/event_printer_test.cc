#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

TEST_CASE("Event columns match kubectl get events", "[printers]") {
  const auto printer = NewEventPrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 10);
  const char* shown[] = {"Last Seen", "Type", "Reason", "Object", "Message"};
  int default_columns = 0;
  for (const auto& column : columns) {
    if (column.priority == 0) CHECK(column.name == shown[default_columns++]);
  }
  CHECK(default_columns == 5);
  CHECK(columns.back().name == "Name");
  CHECK(columns.back().format == "name");
  CHECK(columns.back().priority == 1);
}

TEST_CASE("Event rows", "[printers]") {
  struct Case {
    const char* name;
    std::string event;  // text format
    const char* last_seen;
    const char* object;
    const char* first_seen;
    const char* count;
    const char* source;
  };
  const Case cases[] = {
      {"classic event",
       "involvedObject { kind: 'Pod' name: 'web-0' fieldPath: 'spec.containers{web}' } "
       "source { component: 'kubelet' host: 'node-1' } count: 4 firstTimestamp " +
           Ago(3600) + " lastTimestamp " + Ago(45),
       "45s", "pod/web-0", "60m", "4", "kubelet, node-1"},
      {"no last timestamp",
       "involvedObject { kind: 'Node' name: 'node-1' } firstTimestamp " + Ago(600), "10m",
       "node/node-1", "10m", "1", ""},
      {"events.k8s.io event",
       "involvedObject { kind: 'Deployment' name: 'web' } eventTime { seconds: " +
           std::to_string(1'700'000'000 - 5) +
           " nanos: 250000000 } "
           "reportingComponent: 'deployment-controller' reportingInstance: 'cm-1'",
       "4s", "deployment/web", "4s", "1", "deployment-controller, cm-1"},
      {"series",
       "involvedObject { kind: 'Pod' name: 'p' } eventTime " + Ago(900) +
           " series { count: 7 lastObservedTime " + Ago(20) + " }",
       "20s", "pod/p", "15m", "7", ""},
      {"object without a name", "involvedObject { kind: 'ClusterRole' }", "<unknown>",
       "clusterrole", "<unknown>", "1", ""},
  };
  const auto printer = NewEventPrinter();
  for (const Case& c : cases) {
    INFO(c.name);
    const auto event = Parse<k8s::core::v1::Event>(
        "metadata { name: 'ev.1' } type: 'Warning' reason: 'BackOff' "
        "message: '  Back-off restarting failed container\\n' " +
        c.event);
    const auto row = printer->Row(event, kNow);
    CHECK(CellOf(*printer, row, "Last Seen") == c.last_seen);
    CHECK(CellOf(*printer, row, "Type") == "Warning");
    CHECK(CellOf(*printer, row, "Reason") == "BackOff");
    CHECK(CellOf(*printer, row, "Object") == c.object);
    CHECK(CellOf(*printer, row, "Message") == "Back-off restarting failed container");
    CHECK(CellOf(*printer, row, "First Seen") == c.first_seen);
    CHECK(CellOf(*printer, row, "Count") == c.count);
    CHECK(CellOf(*printer, row, "Source") == c.source);
    CHECK(CellOf(*printer, row, "Name") == "ev.1");
  }
}

}  // namespace
}  // namespace kube::apiserver

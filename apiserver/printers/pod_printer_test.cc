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
using testing::Text;

// One pod row, checked against the READY, STATUS and RESTARTS it should show.
struct PodCase {
  const char* name;
  std::string pod;  // text format
  const char* ready;
  const char* status;
  const char* restarts;
};

TEST_CASE("Pod READY, STATUS and RESTARTS", "[printers]") {
  const std::string two_containers = "spec { containers { name: 'a' } containers { name: 'b' } } ";
  const std::string two_inits =
      "spec { initContainers { name: 'i1' } initContainers { name: 'i2' } containers { name: 'a' } "
      "} ";
  const PodCase cases[] = {
      {"pending, nothing reported", "spec { containers { name: 'a' } } status { phase: 'Pending' }",
       "0/1", "Pending", "0"},
      {"running and ready",
       "spec { containers { name: 'a' } } status { phase: 'Running' containerStatuses { name: 'a' "
       "ready: true state { running { startedAt " +
           Ago(60) + " } } } }",
       "1/1", "Running", "0"},
      {"one of two ready",
       two_containers + "status { phase: 'Running' "
                        "containerStatuses { name: 'a' ready: true state { running {} } } "
                        "containerStatuses { name: 'b' ready: false state { running {} } } }",
       "1/2", "Running", "0"},
      {"first init container running",
       two_inits +
           "status { phase: 'Pending' initContainerStatuses { name: 'i1' state { running {} } } "
           "initContainerStatuses { name: 'i2' state { waiting { reason: 'PodInitializing' } } } }",
       "0/1", "Init:0/2", "0"},
      {"second init container waiting to start",
       two_inits +
           "status { phase: 'Pending' "
           "initContainerStatuses { name: 'i1' state { terminated { exitCode: 0 reason: "
           "'Completed' } } } "
           "initContainerStatuses { name: 'i2' state { waiting { reason: 'PodInitializing' } } } }",
       "0/1", "Init:1/2", "0"},
      {"init container cannot pull",
       two_inits + "status { phase: 'Pending' "
                   "initContainerStatuses { name: 'i1' state { waiting { reason: "
                   "'ImagePullBackOff' } } } }",
       "0/1", "Init:ImagePullBackOff", "0"},
      {"init container failed with a reason",
       two_inits + "status { phase: 'Pending' initContainerStatuses { name: 'i1' restartCount: 2 "
                   "state { terminated { exitCode: 1 reason: 'Error' } } } }",
       "0/1", "Init:Error", "2"},
      {"init container failed without a reason",
       two_inits + "status { phase: 'Pending' "
                   "initContainerStatuses { name: 'i1' state { terminated { exitCode: 3 } } } }",
       "0/1", "Init:ExitCode:3", "0"},
      {"init container killed by a signal",
       two_inits + "status { phase: 'Pending' "
                   "initContainerStatuses { name: 'i1' state { terminated { exitCode: 137 signal: "
                   "9 } } } }",
       "0/1", "Init:Signal:9", "0"},
      {"init done, main container initializing",
       two_inits +
           "status { phase: 'Pending' "
           "initContainerStatuses { name: 'i1' state { terminated { exitCode: 0 } } } "
           "initContainerStatuses { name: 'i2' state { terminated { exitCode: 0 } } } "
           "containerStatuses { name: 'a' state { waiting { reason: 'PodInitializing' } } } }",
       "0/1", "PodInitializing", "0"},
      {"crash loop with the last restart 5m ago",
       "spec { containers { name: 'a' } } status { phase: 'Running' containerStatuses { name: 'a' "
       "restartCount: 5 state { waiting { reason: 'CrashLoopBackOff' } } "
       "lastState { terminated { exitCode: 1 reason: 'Error' finishedAt " +
           Ago(300) + " } } } }",
       "0/1", "CrashLoopBackOff", "5 (5m ago)"},
      {"restarted, no last state",
       "spec { containers { name: 'a' } } status { phase: 'Running' containerStatuses { name: 'a' "
       "ready: true restartCount: 3 state { running {} } } }",
       "1/1", "Running", "3"},
      {"completed",
       "spec { containers { name: 'a' } } status { phase: 'Succeeded' containerStatuses { name: "
       "'a' "
       "state { terminated { exitCode: 0 reason: 'Completed' } } } }",
       "0/1", "Completed", "0"},
      {"container exited without a reason",
       "spec { containers { name: 'a' } } status { phase: 'Failed' containerStatuses { name: 'a' "
       "state { terminated { exitCode: 2 } } } }",
       "0/1", "ExitCode:2", "0"},
      {"one completed, one still running and ready",
       two_containers + "status { phase: 'Running' conditions { type: 'Ready' status: 'True' } "
                        "containerStatuses { name: 'a' state { terminated { exitCode: 0 reason: "
                        "'Completed' } } } "
                        "containerStatuses { name: 'b' ready: true state { running {} } } }",
       "1/2", "Running", "0"},
      {"one completed, one running, pod not ready",
       two_containers + "status { phase: 'Running' conditions { type: 'Ready' status: 'False' } "
                        "containerStatuses { name: 'a' state { terminated { exitCode: 0 reason: "
                        "'Completed' } } } "
                        "containerStatuses { name: 'b' ready: true state { running {} } } }",
       "1/2", "NotReady", "0"},
      {"being deleted",
       "metadata { deletionTimestamp " + Ago(1) +
           " } spec { containers { name: 'a' } } "
           "status { phase: 'Running' containerStatuses { name: 'a' ready: true state { running {} "
           "} } }",
       "1/1", "Terminating", "0"},
      {"deleted after it succeeded",
       "metadata { deletionTimestamp " + Ago(1) +
           " } spec { containers { name: 'a' } } "
           "status { phase: 'Succeeded' containerStatuses { name: 'a' "
           "state { terminated { exitCode: 0 reason: 'Completed' } } } }",
       "0/1", "Completed", "0"},
      {"deleted on a lost node",
       "metadata { deletionTimestamp " + Ago(1) +
           " } spec { containers { name: 'a' } } "
           "status { phase: 'Running' reason: 'NodeLost' }",
       "0/1", "Unknown", "0"},
      {"evicted", "spec { containers { name: 'a' } } status { phase: 'Failed' reason: 'Evicted' }",
       "0/1", "Evicted", "0"},
      {"scheduling gated",
       "spec { containers { name: 'a' } } status { phase: 'Pending' "
       "conditions { type: 'PodScheduled' status: 'False' reason: 'SchedulingGated' } }",
       "0/1", "SchedulingGated", "0"},
      {"sidecar init container counts as a container",
       "spec { initContainers { name: 's' restartPolicy: 'Always' } containers { name: 'a' } } "
       "status { phase: 'Running' conditions { type: 'Initialized' status: 'True' } "
       "initContainerStatuses { name: 's' started: true ready: true restartCount: 1 state { "
       "running {} } "
       "lastState { terminated { exitCode: 1 finishedAt " +
           Ago(120) +
           " } } } "
           "containerStatuses { name: 'a' ready: true state { running {} } } }",
       "2/2", "Running", "1 (2m ago)"},
  };
  const auto printer = NewPodPrinter();
  for (const PodCase& c : cases) {
    INFO(c.name);
    auto pod = Parse<k8s::core::v1::Pod>(c.pod);
    pod.mutable_metadata()->set_name("web");
    pod.mutable_metadata()->mutable_creationtimestamp()->set_seconds(1'700'000'000 - 600);
    const auto row = printer->Row(pod, kNow);
    REQUIRE(row.size() == printer->Columns().size());
    CHECK(Text(row[0]) == "web");
    CHECK(CellOf(*printer, row, "Ready") == c.ready);
    CHECK(CellOf(*printer, row, "Status") == c.status);
    CHECK(CellOf(*printer, row, "Restarts") == c.restarts);
    CHECK(CellOf(*printer, row, "Age") == "10m");
  }
}

TEST_CASE("Pod wide columns", "[printers]") {
  const auto printer = NewPodPrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 9);
  CHECK(columns[0].name == "Name");
  CHECK(columns[0].format == "name");
  CHECK(columns[4].name == "Age");
  CHECK(columns[4].priority == 0);
  for (size_t i = 5; i < columns.size(); ++i) CHECK(columns[i].priority == 1);

  SECTION("unscheduled") {
    const auto row = printer->Row(Parse<k8s::core::v1::Pod>("metadata { name: 'p' }"), kNow);
    CHECK(CellOf(*printer, row, "Age") == "<unknown>");
    CHECK(CellOf(*printer, row, "IP") == "<none>");
    CHECK(CellOf(*printer, row, "Node") == "<none>");
    CHECK(CellOf(*printer, row, "Nominated Node") == "<none>");
    CHECK(CellOf(*printer, row, "Readiness Gates") == "<none>");
  }
  SECTION("scheduled with readiness gates") {
    const auto pod = Parse<k8s::core::v1::Pod>(
        "metadata { name: 'p' } spec { nodeName: 'node-1' readinessGates { conditionType: 'a' } "
        "readinessGates { conditionType: 'b' } } status { podIP: '10.0.0.9' "
        "podIPs { ip: '10.244.0.8' } nominatedNodeName: 'node-2' "
        "conditions { type: 'a' status: 'True' } conditions { type: 'b' status: 'False' } }");
    const auto row = printer->Row(pod, kNow);
    CHECK(CellOf(*printer, row, "IP") == "10.244.0.8");
    CHECK(CellOf(*printer, row, "Node") == "node-1");
    CHECK(CellOf(*printer, row, "Nominated Node") == "node-2");
    CHECK(CellOf(*printer, row, "Readiness Gates") == "1/2");
  }
  SECTION("only the legacy podIP") {
    const auto row = printer->Row(
        Parse<k8s::core::v1::Pod>("metadata { name: 'p' } status { podIP: '10.0.0.9' }"), kNow);
    CHECK(CellOf(*printer, row, "IP") == "10.0.0.9");
  }
}

}  // namespace
}  // namespace kube::apiserver

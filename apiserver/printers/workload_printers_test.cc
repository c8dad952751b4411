#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/batch/v1/batch.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

const char kTemplate[] =
    "template { spec { containers { name: 'web' image: 'nginx:1.27' } "
    "containers { name: 'log' image: 'busybox' } } } ";

TEST_CASE("Deployment READY, UP-TO-DATE, AVAILABLE", "[printers]") {
  const auto printer = NewDeploymentPrinter();
  const auto deployment = Parse<k8s::apps::v1::Deployment>(
      std::string("metadata { name: 'web' creationTimestamp ") + Ago(90) +
      " } spec { replicas: 3 " + kTemplate +
      "selector { matchLabels { key: 'app' value: 'web' } } } "
      "status { replicas: 3 updatedReplicas: 3 readyReplicas: 2 availableReplicas: 2 }");
  const auto row = printer->Row(deployment, kNow);
  CHECK(CellOf(*printer, row, "Name") == "web");
  CHECK(CellOf(*printer, row, "Ready") == "2/3");
  CHECK(CellOf(*printer, row, "Up-to-date") == "3");
  CHECK(CellOf(*printer, row, "Available") == "2");
  CHECK(CellOf(*printer, row, "Age") == "90s");
  CHECK(CellOf(*printer, row, "Containers") == "web,log");
  CHECK(CellOf(*printer, row, "Images") == "nginx:1.27,busybox");
  CHECK(CellOf(*printer, row, "Selector") == "app=web");

  // spec.replicas defaults to 1.
  const auto fresh = printer->Row(Parse<k8s::apps::v1::Deployment>("metadata { name: 'x' }"), kNow);
  CHECK(CellOf(*printer, fresh, "Ready") == "0/1");
  CHECK(CellOf(*printer, fresh, "Selector") == "");
}

TEST_CASE("Label selectors print as upstream's", "[printers]") {
  const auto printer = NewReplicaSetPrinter();
  struct Case {
    std::string selector;
    const char* want;
  };
  const Case cases[] = {
      {"", "<none>"},
      {"selector {}", "<none>"},
      {"selector { matchLabels { key: 'b' value: '2' } matchLabels { key: 'a' value: '1' } }",
       "a=1,b=2"},
      {"selector { matchExpressions { key: 'env' operator: 'In' values: 'prod' values: 'dev' } "
       "matchExpressions { key: 'canary' operator: 'DoesNotExist' } "
       "matchExpressions { key: 'tier' operator: 'NotIn' values: 'db' } "
       "matchExpressions { key: 'app' operator: 'Exists' } }",
       "app,!canary,env in (dev,prod),tier notin (db)"},
      {"selector { matchExpressions { key: 'x' operator: 'Bogus' } }", "<error>"},
  };
  for (const Case& c : cases) {
    INFO(c.selector);
    const auto rs = Parse<k8s::apps::v1::ReplicaSet>("spec { " + c.selector + " }");
    CHECK(CellOf(*printer, printer->Row(rs, kNow), "Selector") == c.want);
  }
}

TEST_CASE("ReplicaSet, ReplicationController, DaemonSet, StatefulSet counts", "[printers]") {
  SECTION("replica set") {
    const auto printer = NewReplicaSetPrinter();
    const auto row = printer->Row(
        Parse<k8s::apps::v1::ReplicaSet>(std::string("spec { replicas: 4 ") + kTemplate +
                                         "} status { replicas: 3 readyReplicas: 1 }"),
        kNow);
    CHECK(CellOf(*printer, row, "Desired") == "4");
    CHECK(CellOf(*printer, row, "Current") == "3");
    CHECK(CellOf(*printer, row, "Ready") == "1");
    CHECK(std::get<int64_t>(row[1]) == 4);
  }
  SECTION("replication controller") {
    const auto printer = NewReplicationControllerPrinter();
    const auto row = printer->Row(
        Parse<k8s::core::v1::ReplicationController>(
            "spec { replicas: 2 selector { key: 'app' value: 'web' } } status { replicas: 2 }"),
        kNow);
    CHECK(CellOf(*printer, row, "Desired") == "2");
    CHECK(CellOf(*printer, row, "Current") == "2");
    CHECK(CellOf(*printer, row, "Ready") == "0");
    CHECK(CellOf(*printer, row, "Containers") == "");
    CHECK(CellOf(*printer, row, "Selector") == "app=web");
  }
  SECTION("daemon set") {
    const auto printer = NewDaemonSetPrinter();
    const auto row = printer->Row(
        Parse<k8s::apps::v1::DaemonSet>(
            "spec { template { spec { nodeSelector { key: 'kubernetes.io/os' value: 'linux' } } } "
            "} "
            "status { desiredNumberScheduled: 3 currentNumberScheduled: 3 numberReady: 2 "
            "updatedNumberScheduled: 1 numberAvailable: 2 }"),
        kNow);
    CHECK(CellOf(*printer, row, "Desired") == "3");
    CHECK(CellOf(*printer, row, "Current") == "3");
    CHECK(CellOf(*printer, row, "Ready") == "2");
    CHECK(CellOf(*printer, row, "Up-to-date") == "1");
    CHECK(CellOf(*printer, row, "Available") == "2");
    CHECK(CellOf(*printer, row, "Node Selector") == "kubernetes.io/os=linux");
    CHECK(CellOf(*printer, row, "Selector") == "<none>");
  }
  SECTION("stateful set") {
    const auto printer = NewStatefulSetPrinter();
    const auto row =
        printer->Row(Parse<k8s::apps::v1::StatefulSet>(std::string("spec { replicas: 3 ") +
                                                       kTemplate + "} status { readyReplicas: 1 }"),
                     kNow);
    CHECK(CellOf(*printer, row, "Ready") == "1/3");
    CHECK(CellOf(*printer, row, "Images") == "nginx:1.27,busybox");
  }
  SECTION("controller revision") {
    const auto printer = NewControllerRevisionPrinter();
    auto row =
        printer->Row(Parse<k8s::apps::v1::ControllerRevision>(
                         "metadata { name: 'web-7d9f' ownerReferences { apiVersion: 'apps/v1' "
                         "kind: 'StatefulSet' name: 'web' controller: true } } revision: 2"),
                     kNow);
    CHECK(CellOf(*printer, row, "Controller") == "statefulset.apps/web");
    CHECK(CellOf(*printer, row, "Revision") == "2");
    row = printer->Row(k8s::apps::v1::ControllerRevision(), kNow);
    CHECK(CellOf(*printer, row, "Controller") == "<none>");
  }
}

TEST_CASE("Job STATUS, COMPLETIONS, DURATION", "[printers]") {
  struct Case {
    const char* name;
    std::string job;  // text format
    const char* status;
    const char* completions;
    const char* duration;
  };
  const Case cases[] = {
      {"not started", "spec { completions: 3 }", "Running", "0/3", ""},
      {"running", "spec { completions: 3 } status { succeeded: 1 startTime " + Ago(150) + " }",
       "Running", "1/3", "2m30s"},
      {"complete",
       "spec { completions: 1 } status { succeeded: 1 startTime " + Ago(100) + " completionTime " +
           Ago(40) + " conditions { type: 'Complete' status: 'True' } }",
       "Complete", "1/1", "60s"},
      {"failed", "status { conditions { type: 'Failed' status: 'True' } }", "Failed", "0/1", ""},
      {"parallel without completions", "spec { parallelism: 4 }", "Running", "0/1 of 4", ""},
      {"suspended", "status { conditions { type: 'Suspended' status: 'True' } }", "Suspended",
       "0/1", ""},
      {"deleting", "metadata { deletionTimestamp " + Ago(1) + " }", "Terminating", "0/1", ""},
      {"failure target", "status { conditions { type: 'FailureTarget' status: 'True' } }",
       "FailureTarget", "0/1", ""},
  };
  const auto printer = NewJobPrinter();
  for (const Case& c : cases) {
    INFO(c.name);
    const auto row = printer->Row(Parse<k8s::batch::v1::Job>(c.job), kNow);
    CHECK(CellOf(*printer, row, "Status") == c.status);
    CHECK(CellOf(*printer, row, "Completions") == c.completions);
    CHECK(CellOf(*printer, row, "Duration") == c.duration);
  }
}

TEST_CASE("CronJob columns", "[printers]") {
  const auto printer = NewCronJobPrinter();
  auto row =
      printer->Row(Parse<k8s::batch::v1::CronJob>(
                       "spec { schedule: '*/5 * * * *' timeZone: 'Etc/UTC' suspend: false } "
                       "status { active { name: 'a' } active { name: 'b' } lastScheduleTime " +
                       Ago(30) + " }"),
                   kNow);
  CHECK(CellOf(*printer, row, "Schedule") == "*/5 * * * *");
  CHECK(CellOf(*printer, row, "Timezone") == "Etc/UTC");
  CHECK(CellOf(*printer, row, "Suspend") == "False");
  CHECK(CellOf(*printer, row, "Active") == "2");
  CHECK(CellOf(*printer, row, "Last Schedule") == "30s");
  row = printer->Row(k8s::batch::v1::CronJob(), kNow);
  CHECK(CellOf(*printer, row, "Timezone") == "<none>");
  CHECK(CellOf(*printer, row, "Suspend") == "<unset>");
  CHECK(CellOf(*printer, row, "Last Schedule") == "<none>");
}

}  // namespace
}  // namespace kube::apiserver

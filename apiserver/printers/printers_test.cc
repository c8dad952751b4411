// Properties every printer shares, and AttachPrinters.

#include "apiserver/printers/printers.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/register_printers.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/batch/v1/batch.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using testing::kNow;

// A printer, an empty object of its kind, and a filled-in one.
struct Kind {
  std::string name;
  std::unique_ptr<TablePrinter> printer;
  std::unique_ptr<google::protobuf::Message> empty;
  std::unique_ptr<google::protobuf::Message> sample;
};

template <typename T>
Kind MakeKind(std::string name, std::unique_ptr<TablePrinter> printer, const std::string& text) {
  auto sample = std::make_unique<T>(testing::Parse<T>(
      "metadata { name: 'x' creationTimestamp { seconds: 1699990000 } } " + text));
  return Kind{std::move(name), std::move(printer), std::make_unique<T>(), std::move(sample)};
}

std::vector<Kind> AllKinds() {
  namespace core = k8s::core::v1;
  namespace apps = k8s::apps::v1;
  std::vector<Kind> kinds;
  kinds.push_back(MakeKind<core::Pod>(
      "Pod", NewPodPrinter(),
      "spec { containers { name: 'a' } nodeName: 'n' } status { phase: 'Running' "
      "containerStatuses { name: 'a' ready: true state { running {} } } }"));
  kinds.push_back(
      MakeKind<core::Service>("Service", NewServicePrinter(),
                              "spec { type: 'NodePort' ports { port: 80 nodePort: 30000 } }"));
  kinds.push_back(
      MakeKind<core::Endpoints>("Endpoints", NewEndpointsPrinter(),
                                "subsets { addresses { ip: '10.0.0.1' } ports { port: 80 } }"));
  kinds.push_back(MakeKind<core::Node>("Node", NewNodePrinter(),
                                       "status { conditions { type: 'Ready' status: 'True' } }"));
  kinds.push_back(
      MakeKind<core::Event>("Event", NewEventPrinter(),
                            "involvedObject { kind: 'Pod' name: 'p' } reason: 'Started' count: 2"));
  kinds.push_back(
      MakeKind<core::Namespace>("Namespace", NewNamespacePrinter(), "status { phase: 'Active' }"));
  kinds.push_back(MakeKind<core::ConfigMap>("ConfigMap", NewConfigMapPrinter(),
                                            "data { key: 'a' value: 'b' }"));
  kinds.push_back(MakeKind<core::Secret>("Secret", NewSecretPrinter(), "type: 'Opaque'"));
  kinds.push_back(MakeKind<core::ServiceAccount>("ServiceAccount", NewServiceAccountPrinter(), ""));
  kinds.push_back(
      MakeKind<core::PodTemplate>("PodTemplate", NewPodTemplatePrinter(),
                                  "template { spec { containers { name: 'a' image: 'i' } } }"));
  kinds.push_back(
      MakeKind<core::ResourceQuota>("ResourceQuota", NewResourceQuotaPrinter(),
                                    "status { hard { key: 'pods' value { string: '1' } } }"));
  kinds.push_back(MakeKind<core::ComponentStatus>(
      "ComponentStatus", NewComponentStatusPrinter(),
      "conditions { type: 'Healthy' status: 'True' message: 'ok' }"));
  kinds.push_back(MakeKind<core::PersistentVolume>("PersistentVolume", NewPersistentVolumePrinter(),
                                                   "spec { accessModes: 'ReadWriteOnce' }"));
  kinds.push_back(MakeKind<core::PersistentVolumeClaim>(
      "PersistentVolumeClaim", NewPersistentVolumeClaimPrinter(), "spec { volumeName: 'v' }"));
  kinds.push_back(MakeKind<core::ReplicationController>(
      "ReplicationController", NewReplicationControllerPrinter(), "spec { replicas: 2 }"));
  kinds.push_back(
      MakeKind<apps::ReplicaSet>("ReplicaSet", NewReplicaSetPrinter(), "spec { replicas: 2 }"));
  kinds.push_back(
      MakeKind<apps::Deployment>("Deployment", NewDeploymentPrinter(), "spec { replicas: 2 }"));
  kinds.push_back(
      MakeKind<apps::DaemonSet>("DaemonSet", NewDaemonSetPrinter(), "status { numberReady: 1 }"));
  kinds.push_back(
      MakeKind<apps::StatefulSet>("StatefulSet", NewStatefulSetPrinter(), "spec { replicas: 2 }"));
  kinds.push_back(MakeKind<apps::ControllerRevision>(
      "ControllerRevision", NewControllerRevisionPrinter(), "revision: 3"));
  kinds.push_back(MakeKind<k8s::batch::v1::Job>("Job", NewJobPrinter(), "spec { completions: 2 }"));
  kinds.push_back(MakeKind<k8s::batch::v1::CronJob>("CronJob", NewCronJobPrinter(),
                                                    "spec { schedule: '@hourly' }"));
  kinds.push_back(MakeKind<k8s::policy::v1::PodDisruptionBudget>(
      "PodDisruptionBudget", NewPodDisruptionBudgetPrinter(),
      "spec { minAvailable { intVal: 1 } }"));
  kinds.push_back(MakeKind<k8s::autoscaling::v1::HorizontalPodAutoscaler>(
      "HorizontalPodAutoscaler", NewHorizontalPodAutoscalerPrinter(), "spec { maxReplicas: 3 }"));
  kinds.push_back(MakeKind<k8s::coordination::v1::Lease>("Lease", NewLeasePrinter(),
                                                         "spec { holderIdentity: 'h' }"));
  kinds.push_back(MakeKind<core::LimitRange>("LimitRange (default printer)", NewDefaultPrinter(),
                                             "spec { limits { type: 'Container' } }"));
  return kinds;
}

TEST_CASE("Every printer fills every column", "[printers]") {
  for (const Kind& kind : AllKinds()) {
    INFO(kind.name);
    const std::vector<TableColumn> columns = kind.printer->Columns();
    REQUIRE_FALSE(columns.empty());
    int name_columns = 0;
    for (const TableColumn& column : columns) {
      CHECK_FALSE(column.name.empty());
      CHECK_FALSE(column.type.empty());
      CHECK((column.priority == 0 || column.priority == 1));
      if (column.format == "name") {
        ++name_columns;
        CHECK(column.name == "Name");
        CHECK(column.type == "string");
      }
    }
    CHECK(name_columns == 1);

    CHECK(kind.printer->Row(*kind.empty, kNow).size() == columns.size());
    const auto row = kind.printer->Row(*kind.sample, kNow);
    REQUIRE(row.size() == columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].format == "name") CHECK(testing::Text(row[i]) == "x");
    }

    // An object of another kind prints as a degraded row, never a crash.
    const auto wrong = testing::Parse<k8s::core::v1::Binding>("metadata { name: 'y' }");
    const auto degraded = kind.printer->Row(wrong, kNow);
    REQUIRE(degraded.size() == columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].format == "name") CHECK(testing::Text(degraded[i]) == "y");
    }
  }
}

TEST_CASE("Integer columns get integer cells", "[printers]") {
  for (const Kind& kind : AllKinds()) {
    INFO(kind.name);
    const auto columns = kind.printer->Columns();
    const auto row = kind.printer->Row(*kind.sample, kNow);
    for (size_t i = 0; i < columns.size(); ++i) {
      INFO(columns[i].name);
      if (columns[i].type == "integer") CHECK(std::holds_alternative<int64_t>(row[i]));
    }
  }
}

ResourceInfo Info(std::string group, std::string kind, const google::protobuf::Message& prototype) {
  ResourceInfo info;
  info.group = std::move(group);
  info.version = "v1";
  info.kind = std::move(kind);
  info.prototype = &prototype;
  return info;
}

TEST_CASE("AttachPrinters gives each registered kind its printer", "[printers]") {
  ResourceRegistry registry;
  registry.Add(Info("", "Pod", k8s::core::v1::Pod::default_instance()));
  registry.Add(Info("apps", "Deployment", k8s::apps::v1::Deployment::default_instance()));
  registry.Add(Info("", "LimitRange", k8s::core::v1::LimitRange::default_instance()));
  ResourceInfo lease =
      Info("coordination.k8s.io", "Lease", k8s::coordination::v1::Lease::default_instance());
  lease.printer = NewNodePrinter();  // attached before: kept
  registry.Add(std::move(lease));

  AttachPrinters(registry);

  auto column_names = [&](std::string_view group, std::string_view kind) {
    const ResourceInfo* info = registry.FindByKind(group, "v1", kind);
    REQUIRE(info != nullptr);
    REQUIRE(info->printer != nullptr);
    std::vector<std::string> names;
    for (const auto& column : info->printer->Columns()) names.push_back(column.name);
    return names;
  };
  using Names = std::vector<std::string>;
  CHECK(column_names("", "Pod") == Names{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                                         "Nominated Node", "Readiness Gates"});
  CHECK(column_names("apps", "Deployment") == Names{"Name", "Ready", "Up-to-date", "Available",
                                                    "Age", "Containers", "Images", "Selector"});
  CHECK(column_names("", "LimitRange") == Names{"Name", "Created At"});
  CHECK(column_names("coordination.k8s.io", "Lease").at(1) == "Status");
}

}  // namespace
}  // namespace kube::apiserver

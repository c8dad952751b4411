// Tables of the replicated workloads: ReplicationController, ReplicaSet, Deployment,
// DaemonSet, StatefulSet, and their ControllerRevisions.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::apps::v1::ControllerRevision;
using k8s::apps::v1::DaemonSet;
using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;
using k8s::apps::v1::StatefulSet;
using k8s::core::v1::ReplicationController;

std::vector<TableCell> ReplicationControllerRow(const ReplicationController& rc, absl::Time now) {
  const auto& spec = rc.spec();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {rc.metadata().name(),
          ReplicasOrDefault(spec.has_replicas(), spec.replicas()),
          static_cast<int64_t>(rc.status().replicas()),
          static_cast<int64_t>(rc.status().readyreplicas()),
          Age(rc.metadata(), now),
          names,
          images,
          FormatLabels(spec.selector())};
}

std::vector<TableCell> ReplicaSetRow(const ReplicaSet& rs, absl::Time now) {
  const auto& spec = rs.spec();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {rs.metadata().name(),
          ReplicasOrDefault(spec.has_replicas(), spec.replicas()),
          static_cast<int64_t>(rs.status().replicas()),
          static_cast<int64_t>(rs.status().readyreplicas()),
          Age(rs.metadata(), now),
          names,
          images,
          FormatLabelSelector(spec.has_selector() ? &spec.selector() : nullptr)};
}

std::vector<TableCell> DeploymentRow(const Deployment& deployment, absl::Time now) {
  const auto& spec = deployment.spec();
  const auto& status = deployment.status();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {deployment.metadata().name(),
          absl::StrCat(status.readyreplicas(), "/",
                       ReplicasOrDefault(spec.has_replicas(), spec.replicas())),
          static_cast<int64_t>(status.updatedreplicas()),
          static_cast<int64_t>(status.availablereplicas()),
          Age(deployment.metadata(), now),
          names,
          images,
          LabelSelectorString(spec.has_selector() ? &spec.selector() : nullptr)};
}

std::vector<TableCell> DaemonSetRow(const DaemonSet& ds, absl::Time now) {
  const auto& spec = ds.spec();
  const auto& status = ds.status();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {ds.metadata().name(),
          static_cast<int64_t>(status.desirednumberscheduled()),
          static_cast<int64_t>(status.currentnumberscheduled()),
          static_cast<int64_t>(status.numberready()),
          static_cast<int64_t>(status.updatednumberscheduled()),
          static_cast<int64_t>(status.numberavailable()),
          FormatLabels(spec.template_().spec().nodeselector()),
          Age(ds.metadata(), now),
          names,
          images,
          FormatLabelSelector(spec.has_selector() ? &spec.selector() : nullptr)};
}

std::vector<TableCell> StatefulSetRow(const StatefulSet& sts, absl::Time now) {
  const auto& spec = sts.spec();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {sts.metadata().name(),
          absl::StrCat(sts.status().readyreplicas(), "/",
                       ReplicasOrDefault(spec.has_replicas(), spec.replicas())),
          Age(sts.metadata(), now), names, images};
}

// "daemonset.apps/fluentd" for the controlling owner, "<none>" without one.
std::string ControllerName(const k8s::meta::v1::ObjectMeta& meta) {
  for (const auto& owner : meta.ownerreferences()) {
    if (!owner.controller()) continue;
    const std::string& api_version = owner.apiversion();
    const size_t slash = api_version.find('/');
    const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
    if (owner.kind().empty() && group.empty()) return owner.name();
    std::string kind = group.empty() ? owner.kind() : absl::StrCat(owner.kind(), ".", group);
    return absl::StrCat(absl::AsciiStrToLower(kind), "/", owner.name());
  }
  return "<none>";
}

std::vector<TableCell> ControllerRevisionRow(const ControllerRevision& revision, absl::Time now) {
  return {revision.metadata().name(), ControllerName(revision.metadata()),
          static_cast<int64_t>(revision.revision()), Age(revision.metadata(), now)};
}

std::vector<TableColumn> ReplicaColumns(const char* kind) {
  return {
      NameColumn(),
      Column("Desired", "integer", absl::StrCat("Number of desired pods of the ", kind, ".")),
      Column("Current", "integer", "The most recently observed number of replicas."),
      Column("Ready", "integer", "The number of ready replicas."),
      AgeColumn(),
      Column("Containers", "string", kContainersDescription, 1),
      Column("Images", "string", kImagesDescription, 1),
      Column("Selector", "string", "A label query over pods that should match the replica count.",
             1),
  };
}

}  // namespace

std::unique_ptr<TablePrinter> NewReplicationControllerPrinter() {
  return MakePrinter<ReplicationController>(ReplicaColumns("replication controller"),
                                            ReplicationControllerRow);
}

std::unique_ptr<TablePrinter> NewReplicaSetPrinter() {
  return MakePrinter<ReplicaSet>(ReplicaColumns("replica set"), ReplicaSetRow);
}

std::unique_ptr<TablePrinter> NewDeploymentPrinter() {
  return MakePrinter<Deployment>(
      {
          NameColumn(),
          Column("Ready", "string", "Number of the pod with ready state"),
          Column("Up-to-date", "string",
                 "Total number of non-terminated pods targeted by this deployment that have the "
                 "desired template spec."),
          Column("Available", "string",
                 "Total number of available pods (ready for at least minReadySeconds) targeted by "
                 "this deployment."),
          AgeColumn(),
          Column("Containers", "string", kContainersDescription, 1),
          Column("Images", "string", kImagesDescription, 1),
          Column("Selector", "string", "Label selector for pods.", 1),
      },
      DeploymentRow);
}

std::unique_ptr<TablePrinter> NewDaemonSetPrinter() {
  return MakePrinter<DaemonSet>(
      {
          NameColumn(),
          Column("Desired", "integer",
                 "The total number of nodes that should be running the daemon pod."),
          Column("Current", "integer",
                 "The number of nodes running at least one daemon pod that are supposed to."),
          Column("Ready", "integer", "The number of nodes whose daemon pod is ready."),
          Column("Up-to-date", "integer", "The number of nodes running the updated daemon pod."),
          Column("Available", "integer", "The number of nodes whose daemon pod is available."),
          Column("Node Selector", "string", "The node labels the daemon pods are restricted to."),
          AgeColumn(),
          Column("Containers", "string", kContainersDescription, 1),
          Column("Images", "string", kImagesDescription, 1),
          Column("Selector", "string",
                 "A label query over pods that are managed by the daemon set.", 1),
      },
      DaemonSetRow);
}

std::unique_ptr<TablePrinter> NewStatefulSetPrinter() {
  return MakePrinter<StatefulSet>(
      {
          NameColumn(),
          Column("Ready", "string", "Number of the pod with ready state"),
          AgeColumn(),
          Column("Containers", "string", kContainersDescription, 1),
          Column("Images", "string", kImagesDescription, 1),
      },
      StatefulSetRow);
}

std::unique_ptr<TablePrinter> NewControllerRevisionPrinter() {
  return MakePrinter<ControllerRevision>(
      {
          NameColumn(),
          Column("Controller", "string", "Controller of the object"),
          Column("Revision", "string", "The revision of the state represented by Data."),
          AgeColumn(),
      },
      ControllerRevisionRow);
}

}  // namespace kube::apiserver

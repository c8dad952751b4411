// The scheduling.k8s.io, node.k8s.io and storage.k8s.io tables: PriorityClass,
// RuntimeClass, StorageClass, CSIDriver, CSINode and VolumeAttachment.

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "apiserver/registry/storage/default_class.h"
#include "k8s/node/v1/node.pb.h"
#include "k8s/scheduling/v1/scheduling.pb.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::node::v1::RuntimeClass;
using k8s::scheduling::v1::PriorityClass;
using k8s::storage::v1::CSIDriver;
using k8s::storage::v1::CSINode;
using k8s::storage::v1::StorageClass;
using k8s::storage::v1::VolumeAttachment;

// Upstream's cell is a Go bool, which kubectl prints as "true" / "false".
std::string BoolCell(bool value) { return value ? "true" : "false"; }

std::vector<TableCell> PriorityClassRow(const PriorityClass& priority_class, absl::Time now) {
  return {priority_class.metadata().name(), static_cast<int64_t>(priority_class.value()),
          BoolCell(priority_class.globaldefault()), Age(priority_class.metadata(), now),
          priority_class.preemptionpolicy()};
}

std::vector<TableCell> RuntimeClassRow(const RuntimeClass& runtime_class, absl::Time now) {
  return {runtime_class.metadata().name(), runtime_class.handler(),
          Age(runtime_class.metadata(), now)};
}

std::vector<TableCell> StorageClassRow(const StorageClass& storage_class, absl::Time now) {
  std::string name = storage_class.metadata().name();
  if (storage_rules::IsDefaultStorageClass(storage_class.metadata())) name += " (default)";
  return {name,
          storage_class.provisioner(),
          storage_class.has_reclaimpolicy() ? storage_class.reclaimpolicy() : "Delete",
          storage_class.has_volumebindingmode() ? storage_class.volumebindingmode() : "Immediate",
          BoolCell(storage_class.allowvolumeexpansion()),
          Age(storage_class.metadata(), now)};
}

std::vector<TableCell> CSIDriverRow(const CSIDriver& driver, absl::Time now) {
  const auto& spec = driver.spec();
  std::string modes = absl::StrJoin(spec.volumelifecyclemodes(), ",");
  if (modes.empty()) modes = "<none>";
  // A nil list prints "<unset>", an empty one "": the wire cannot tell them
  // apart.
  std::string token_requests = "<unset>";
  if (!spec.tokenrequests().empty()) {
    std::vector<std::string> audiences;
    for (const auto& request : spec.tokenrequests()) audiences.push_back(request.audience());
    token_requests = absl::StrJoin(audiences, ",");
  }
  return {driver.metadata().name(),
          BoolCell(spec.has_attachrequired() ? spec.attachrequired() : true),
          BoolCell(spec.podinfoonmount()),
          BoolCell(spec.storagecapacity()),
          token_requests,
          BoolCell(spec.requiresrepublish()),
          modes,
          Age(driver.metadata(), now)};
}

std::vector<TableCell> CSINodeRow(const CSINode& node, absl::Time now) {
  return {node.metadata().name(), static_cast<int64_t>(node.spec().drivers_size()),
          Age(node.metadata(), now)};
}

std::vector<TableCell> VolumeAttachmentRow(const VolumeAttachment& attachment, absl::Time now) {
  const auto& spec = attachment.spec();
  return {attachment.metadata().name(),
          spec.attacher(),
          spec.source().persistentvolumename(),
          spec.nodename(),
          BoolCell(attachment.status().attached()),
          Age(attachment.metadata(), now)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewPriorityClassPrinter() {
  return MakePrinter<PriorityClass>(
      {
          NameColumn(),
          Column("Value", "integer",
                 "value represents the integer value of this priority class. "
                 "This is the actual "
                 "priority that pods receive when they have the name of this "
                 "class in their pod "
                 "spec."),
          Column("Global-Default", "boolean",
                 "globalDefault specifies whether this PriorityClass should be "
                 "considered as the "
                 "default priority for pods that do not have any priority class."),
          AgeColumn(),
          Column("PreemptionPolicy", "string",
                 "preemptionPolicy is the Policy for preempting pods with "
                 "lower priority."),
      },
      PriorityClassRow);
}

std::unique_ptr<TablePrinter> NewRuntimeClassPrinter() {
  return MakePrinter<RuntimeClass>({NameColumn(), Column("Handler", "string", ""), AgeColumn()},
                                   RuntimeClassRow);
}

std::unique_ptr<TablePrinter> NewStorageClassPrinter() {
  return MakePrinter<StorageClass>(
      {
          NameColumn(),
          Column("Provisioner", "string", "provisioner indicates the type of the provisioner."),
          Column("ReclaimPolicy", "string",
                 "reclaimPolicy controls the reclaimPolicy for dynamically "
                 "provisioned "
                 "PersistentVolumes of this storage class. Defaults to Delete."),
          Column("VolumeBindingMode", "string",
                 "volumeBindingMode indicates how PersistentVolumeClaims "
                 "should be provisioned "
                 "and bound.  When unset, VolumeBindingImmediate is used."),
          Column("AllowVolumeExpansion", "string",
                 "allowVolumeExpansion shows whether the storage class allow "
                 "volume expand."),
          AgeColumn(),
      },
      StorageClassRow);
}

std::unique_ptr<TablePrinter> NewCSIDriverPrinter() {
  return MakePrinter<CSIDriver>(
      {
          NameColumn(),
          Column("AttachRequired", "boolean",
                 "attachRequired indicates this CSI volume driver requires an "
                 "attach operation."),
          Column("PodInfoOnMount", "boolean",
                 "podInfoOnMount indicates this CSI volume driver requires "
                 "additional pod "
                 "information (like podName, podUID, etc.) during mount "
                 "operations, if set to "
                 "true."),
          Column("StorageCapacity", "boolean",
                 "storageCapacity indicates that the CSI volume driver wants "
                 "pod scheduling to "
                 "consider the storage capacity that the driver deployment "
                 "will report."),
          Column("TokenRequests", "string",
                 "tokenRequests indicates the CSI driver needs pods' service "
                 "account tokens it "
                 "is mounting volume for to do necessary authentication."),
          Column("RequiresRepublish", "boolean",
                 "requiresRepublish indicates the CSI driver wants "
                 "`NodePublishVolume` being "
                 "periodically called to reflect any possible change in the "
                 "mounted volume."),
          Column("Modes", "string",
                 "volumeLifecycleModes defines what kind of volumes this CSI "
                 "volume driver "
                 "supports."),
          AgeColumn(),
      },
      CSIDriverRow);
}

std::unique_ptr<TablePrinter> NewCSINodePrinter() {
  return MakePrinter<CSINode>({NameColumn(),
                               Column("Drivers", "integer",
                                      "Drivers indicates the number of CSI "
                                      "drivers registered on the node"),
                               AgeColumn()},
                              CSINodeRow);
}

std::unique_ptr<TablePrinter> NewVolumeAttachmentPrinter() {
  TableColumn attacher = Column("Attacher", "string",
                                "attacher indicates the name of the volume driver that MUST "
                                "handle this request.");
  attacher.format = "name";  // as upstream's column definition
  return MakePrinter<VolumeAttachment>(
      {
          NameColumn(),
          attacher,
          Column("PV", "string",
                 "persistentVolumeName represents the name of the persistent "
                 "volume to attach."),
          Column("Node", "string",
                 "nodeName represents the node that the volume should be "
                 "attached to."),
          Column("Attached", "boolean", "attached indicates the volume is successfully attached."),
          AgeColumn(),
      },
      VolumeAttachmentRow);
}

}  // namespace kube::apiserver

#include "apiserver/printers/register_printers.h"

#include <memory>

#include "apiserver/printers/printers.h"
#include "apiserver/printers/rbac_printers.h"

namespace kube::apiserver {
namespace {

// A kind and the factory of its printer, for one version of the kind.
struct PrinterEntry {
  const char* group;
  const char* kind;
  std::unique_ptr<TablePrinter> (*factory)();
  const char* version = "v1";
};

constexpr PrinterEntry kPrinters[] = {
    {"", "Pod", NewPodPrinter},
    {"", "Service", NewServicePrinter},
    {"", "Endpoints", NewEndpointsPrinter},
    {"", "Node", NewNodePrinter},
    {"", "Event", NewEventPrinter},
    {"", "Namespace", NewNamespacePrinter},
    {"", "ConfigMap", NewConfigMapPrinter},
    {"", "Secret", NewSecretPrinter},
    {"", "ServiceAccount", NewServiceAccountPrinter},
    {"", "PodTemplate", NewPodTemplatePrinter},
    {"", "ResourceQuota", NewResourceQuotaPrinter},
    {"", "ComponentStatus", NewComponentStatusPrinter},
    {"", "PersistentVolume", NewPersistentVolumePrinter},
    {"", "PersistentVolumeClaim", NewPersistentVolumeClaimPrinter},
    {"", "ReplicationController", NewReplicationControllerPrinter},
    {"apps", "ReplicaSet", NewReplicaSetPrinter},
    {"apps", "Deployment", NewDeploymentPrinter},
    {"apps", "DaemonSet", NewDaemonSetPrinter},
    {"apps", "StatefulSet", NewStatefulSetPrinter},
    {"apps", "ControllerRevision", NewControllerRevisionPrinter},
    {"batch", "Job", NewJobPrinter},
    {"batch", "CronJob", NewCronJobPrinter},
    {"policy", "PodDisruptionBudget", NewPodDisruptionBudgetPrinter},
    {"autoscaling", "HorizontalPodAutoscaler", NewHorizontalPodAutoscalerPrinter},
    {"autoscaling", "HorizontalPodAutoscaler", NewHorizontalPodAutoscalerV2Printer, "v2"},
    {"coordination.k8s.io", "Lease", NewLeasePrinter},
    {"certificates.k8s.io", "CertificateSigningRequest", NewCertificateSigningRequestPrinter},
    {"networking.k8s.io", "Ingress", NewIngressPrinter},
    {"networking.k8s.io", "IngressClass", NewIngressClassPrinter},
    {"networking.k8s.io", "NetworkPolicy", NewNetworkPolicyPrinter},
    {"discovery.k8s.io", "EndpointSlice", NewEndpointSlicePrinter},
    {"rbac.authorization.k8s.io", "Role", NewRolePrinter},
    {"rbac.authorization.k8s.io", "ClusterRole", NewClusterRolePrinter},
    {"rbac.authorization.k8s.io", "RoleBinding", NewRoleBindingPrinter},
    {"rbac.authorization.k8s.io", "ClusterRoleBinding", NewClusterRoleBindingPrinter},
    {"scheduling.k8s.io", "PriorityClass", NewPriorityClassPrinter},
    {"node.k8s.io", "RuntimeClass", NewRuntimeClassPrinter},
    {"storage.k8s.io", "StorageClass", NewStorageClassPrinter},
    {"storage.k8s.io", "CSIDriver", NewCSIDriverPrinter},
    {"storage.k8s.io", "CSINode", NewCSINodePrinter},
    {"storage.k8s.io", "VolumeAttachment", NewVolumeAttachmentPrinter},
    {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration",
     NewValidatingWebhookConfigurationPrinter},
    {"admissionregistration.k8s.io", "MutatingWebhookConfiguration",
     NewMutatingWebhookConfigurationPrinter},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy",
     NewValidatingAdmissionPolicyPrinter},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding",
     NewValidatingAdmissionPolicyBindingPrinter},
    {"flowcontrol.apiserver.k8s.io", "FlowSchema", NewFlowSchemaPrinter},
    {"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration",
     NewPriorityLevelConfigurationPrinter},
    {"apiregistration.k8s.io", "APIService", NewApiServicePrinter},
};

// A version served from another's storage prints as that one does, on the object
// converted to it (upstream prints every version from one internal form).
class StoredVersionPrinter final : public TablePrinter {
 public:
  StoredVersionPrinter(const TablePrinter& stored, const StorageConversion& conversion)
      : stored_(stored), conversion_(conversion) {}

  std::vector<TableColumn> Columns() const override { return stored_.Columns(); }
  std::vector<TableCell> Row(const google::protobuf::Message& object,
                             absl::Time now) const override {
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> converted =
        conversion_.to_storage(object);
    if (!converted.ok()) return std::vector<TableCell>(stored_.Columns().size(), "<unknown>");
    return stored_.Row(**converted, now);
  }

 private:
  const TablePrinter& stored_;           // the stored resource's; lives as long as the registry
  const StorageConversion& conversion_;  // the served resource's
};

}  // namespace

void AttachPrinters(ResourceRegistry& registry) {
  for (const PrinterEntry& entry : kPrinters) {
    ResourceInfo* info = registry.MutableFindByKind(entry.group, entry.version, entry.kind);
    if (info != nullptr && info->printer == nullptr) info->printer = entry.factory();
  }
  for (const auto& info : registry.All()) {
    if (info->printer != nullptr || !info->stored_as) continue;
    const StorageConversion& conversion = *info->stored_as;
    const ResourceInfo* stored =
        registry.FindByKind(conversion.group, conversion.version, conversion.kind);
    if (stored != nullptr && stored->printer != nullptr) {
      info->printer = std::make_unique<StoredVersionPrinter>(*stored->printer, conversion);
    }
  }
  for (const auto& info : registry.All()) {
    if (info->printer == nullptr) info->printer = NewDefaultPrinter();
  }
}

}  // namespace kube::apiserver

#pragma once

// Factories of the TablePrinter of each kind, with upstream's columns
// (pkg/printers/internalversion). Every printer is stateless and thread-safe, and
// fills every column: the server always prints as `-o wide` would, and kubectl hides
// the priority-1 columns itself. Printers expect the generated message of their
// kind; any other message yields a row of "<unknown>" cells.

#include <memory>

#include "apiserver/printers/table_printer.h"

namespace kube::apiserver {

// Upstream's default table convertor: Name and "Created At" (RFC 3339), for any
// object with metadata.
std::unique_ptr<TablePrinter> NewDefaultPrinter();

// core/v1 (pod_printer.cc, service_printer.cc, node_printer.cc, event_printer.cc).
std::unique_ptr<TablePrinter> NewPodPrinter();
std::unique_ptr<TablePrinter> NewServicePrinter();
std::unique_ptr<TablePrinter> NewEndpointsPrinter();
std::unique_ptr<TablePrinter> NewNodePrinter();
std::unique_ptr<TablePrinter> NewEventPrinter();

// core/v1 (config_printers.cc).
std::unique_ptr<TablePrinter> NewNamespacePrinter();
std::unique_ptr<TablePrinter> NewConfigMapPrinter();
std::unique_ptr<TablePrinter> NewSecretPrinter();
std::unique_ptr<TablePrinter> NewServiceAccountPrinter();
std::unique_ptr<TablePrinter> NewPodTemplatePrinter();
std::unique_ptr<TablePrinter> NewResourceQuotaPrinter();
std::unique_ptr<TablePrinter> NewComponentStatusPrinter();

// core/v1 (storage_printers.cc).
std::unique_ptr<TablePrinter> NewPersistentVolumePrinter();
std::unique_ptr<TablePrinter> NewPersistentVolumeClaimPrinter();

// core/v1 ReplicationController and apps/v1 (workload_printers.cc).
std::unique_ptr<TablePrinter> NewReplicationControllerPrinter();
std::unique_ptr<TablePrinter> NewReplicaSetPrinter();
std::unique_ptr<TablePrinter> NewDeploymentPrinter();
std::unique_ptr<TablePrinter> NewDaemonSetPrinter();
std::unique_ptr<TablePrinter> NewStatefulSetPrinter();
std::unique_ptr<TablePrinter> NewControllerRevisionPrinter();

// batch/v1 (batch_printers.cc).
std::unique_ptr<TablePrinter> NewJobPrinter();
std::unique_ptr<TablePrinter> NewCronJobPrinter();

// policy/v1, coordination.k8s.io/v1 (policy_printers.cc).
std::unique_ptr<TablePrinter> NewPodDisruptionBudgetPrinter();
std::unique_ptr<TablePrinter> NewLeasePrinter();
std::unique_ptr<TablePrinter> NewCertificateSigningRequestPrinter();

// autoscaling/v1 and autoscaling/v2 (autoscaling_printers.cc).
std::unique_ptr<TablePrinter> NewHorizontalPodAutoscalerPrinter();
std::unique_ptr<TablePrinter> NewHorizontalPodAutoscalerV2Printer();

// networking.k8s.io/v1 and discovery.k8s.io/v1 (networking_printers.cc).
std::unique_ptr<TablePrinter> NewIngressPrinter();
std::unique_ptr<TablePrinter> NewIngressClassPrinter();
std::unique_ptr<TablePrinter> NewNetworkPolicyPrinter();
std::unique_ptr<TablePrinter> NewEndpointSlicePrinter();

// scheduling.k8s.io/v1, node.k8s.io/v1, storage.k8s.io/v1 (class_printers.cc).
std::unique_ptr<TablePrinter> NewPriorityClassPrinter();
std::unique_ptr<TablePrinter> NewRuntimeClassPrinter();
std::unique_ptr<TablePrinter> NewStorageClassPrinter();
std::unique_ptr<TablePrinter> NewCSIDriverPrinter();
std::unique_ptr<TablePrinter> NewCSINodePrinter();
std::unique_ptr<TablePrinter> NewVolumeAttachmentPrinter();

// admissionregistration.k8s.io/v1, flowcontrol.apiserver.k8s.io/v1 and
// apiregistration.k8s.io/v1 (api_config_printers.cc).
std::unique_ptr<TablePrinter> NewValidatingWebhookConfigurationPrinter();
std::unique_ptr<TablePrinter> NewMutatingWebhookConfigurationPrinter();
std::unique_ptr<TablePrinter> NewValidatingAdmissionPolicyPrinter();
std::unique_ptr<TablePrinter> NewValidatingAdmissionPolicyBindingPrinter();
std::unique_ptr<TablePrinter> NewFlowSchemaPrinter();
std::unique_ptr<TablePrinter> NewPriorityLevelConfigurationPrinter();
std::unique_ptr<TablePrinter> NewApiServicePrinter();

}  // namespace kube::apiserver

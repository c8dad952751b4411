#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "apiserver/generic/store_set.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {

// pods/binding: assigns the pod to the target node (spec.nodeName and the
// PodScheduled condition) once; a second binding is 409. What the scheduler calls.
absl::Status BindPod(const Store& pods, std::string_view ns, std::string_view pod_name,
                     const k8s::core::v1::Binding& binding, const WriteOptions& options);

// pods/eviction: deletes the pod unless a PodDisruptionBudget forbids it (429, as
// upstream; kubectl drain retries).
absl::Status EvictPod(const StoreView& stores, const Store& pods, std::string_view ns,
                      std::string_view name, const k8s::policy::v1::Eviction& eviction,
                      const WriteOptions& options);

// Where the kubelet serving a pod's container listens (pods/log, pods/exec).
struct KubeletLocation {
  std::string host;  // the node's InternalIP (else ExternalIP, else Hostname)
  int port = 10250;  // status.daemonEndpoints.kubeletEndpoint.port
  std::string node;
  std::string container;  // the container asked for, or the pod's only one
};

// pods/log and pods/exec: validates the pod and the container (the only one when
// none is named) and finds its node's kubelet. Errors, as upstream's: NotFound for
// the pod; BadRequest for a missing or unknown container name (naming the
// choices) and, for logs (`for_logs`), for a container that has not started
// ("... is waiting to start: ContainerCreating"); BadRequest for an unscheduled
// pod; ServiceUnavailable when the node or its address is unknown.
absl::StatusOr<KubeletLocation> LocatePodContainer(const Store& pods, const Store* nodes,
                                                   std::string_view ns, std::string_view name,
                                                   std::string_view container, bool for_logs,
                                                   bool previous);

}  // namespace kube::apiserver

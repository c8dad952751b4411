#pragma once

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
absl::Status EvictPod(const StoreSet& stores, const Store& pods, std::string_view ns,
                      std::string_view name, const k8s::policy::v1::Eviction& eviction,
                      const WriteOptions& options);

// pods/log: validates the pod and container; until a kubelet serves logs the answer
// is a clear error saying why there are none.
absl::Status CheckLogRequest(const Store& pods, std::string_view ns, std::string_view name,
                             std::string_view container);

}  // namespace kube::apiserver

#pragma once

#include <string>

#include "absl/status/status.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::scheduler::core {

// The scheduler's only writes to the API server, apart from events. Behind an
// interface so the scheduling cycle runs against a fake in unit tests.
// Implementations are thread-safe: binders call them concurrently.
class PodWriter {
 public:
  virtual ~PodWriter() = default;
  // POST pods/binding: assigns the pod to `node` (the apiserver sets spec.nodeName
  // and PodScheduled=True). A pod already bound answers Aborted/AlreadyExists (409).
  virtual absl::Status Bind(const k8s::core::v1::Pod& pod, const std::string& node) = 0;
  // Merges `condition` into the pod's status.conditions (by type) through the
  // status subresource.
  virtual absl::Status PatchCondition(const k8s::core::v1::Pod& pod,
                                      const k8s::core::v1::PodCondition& condition) = 0;
};

}  // namespace kube::scheduler::core

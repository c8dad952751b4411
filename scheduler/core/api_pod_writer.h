#pragma once

#include <memory>

#include "common/client/transport.h"
#include "scheduler/core/pod_writer.h"

namespace kube::scheduler::core {

// PodWriter through the client library: pods/binding, and a strategic merge patch
// of the status subresource (what upstream's util.PatchPodStatus sends).
class ApiPodWriter final : public PodWriter {
 public:
  explicit ApiPodWriter(std::shared_ptr<client::Transport> transport)
      : transport_(std::move(transport)) {}

  // PodWriter
  absl::Status Bind(const k8s::core::v1::Pod& pod, const std::string& node) override;
  absl::Status PatchCondition(const k8s::core::v1::Pod& pod,
                              const k8s::core::v1::PodCondition& condition) override;

 private:
  const std::shared_ptr<client::Transport> transport_;  // thread-safe; never null
};

}  // namespace kube::scheduler::core

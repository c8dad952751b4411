#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/nodeipam/cidr_allocator.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::nodeipam {

// The "nodeipam" loop: gives every Node without one a spec.podCIDR (and
// spec.podCIDRs) from --cluster-cidr, a /--node-cidr-mask-size each, and frees a
// node's range when the node is deleted.
//
// Threads: the node informer's dispatch thread enqueues and releases; one worker
// syncs. mu_ guards the allocator and the assignments in flight.
class NodeIpamController : public ControllerInterface {
 public:
  // InvalidArgument when the settings' --cluster-cidr is not usable.
  static absl::StatusOr<std::unique_ptr<NodeIpamController>> Create(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(1); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  NodeIpamController(ControllerContext& context, CidrAllocator allocator);
  absl::Status Sync(const std::string& name);
  void OnNodeDelete(const k8s::core::v1::Node& node);

  const client::Client client_;
  client::Informer<k8s::core::v1::Node> nodes_;

  absl::Mutex mu_;
  CidrAllocator allocator_ ABSL_GUARDED_BY(mu_);
  // Filled from the cache on the first sync (the cache is synced by then).
  bool occupied_existing_ ABSL_GUARDED_BY(mu_) = false;
  // Ranges written but maybe not yet in the cache, by node: never assign twice.
  std::map<std::string, std::string> assigned_ ABSL_GUARDED_BY(mu_);

  client::Controller controller_;
};

}  // namespace kube::kcm::nodeipam

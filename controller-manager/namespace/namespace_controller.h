#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::namespaces {

// The "namespace" loop: once a Namespace is being deleted (deletionTimestamp set,
// phase Terminating, the `kubernetes` finalizer in spec.finalizers), deletes every
// namespaced object in it (custom resources too, found from the CRDs), waits until they are all gone (pods leave when their
// kubelet is done), then removes the finalizer through namespaces/NAME/finalize so
// that the apiserver deletes the Namespace itself.
//
// Threads: the namespace informer's dispatch thread enqueues; workers sync one
// namespace at a time.
class NamespaceController : public ControllerInterface {
 public:
  explicit NamespaceController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& name);
  // Deletes what is left of one resource in `ns`; returns how many objects remain.
  absl::StatusOr<size_t> DeleteAll(const client::Resource& resource, const std::string& ns);
  absl::Status Finalize(const k8s::core::v1::Namespace& ns);

  const int workers_;
  const client::Client client_;
  client::Informer<k8s::core::v1::Namespace> namespaces_;
  client::Controller controller_;
};

}  // namespace kube::kcm::namespaces

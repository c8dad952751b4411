#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::endpoints {

// The "endpoint" loop: keeps an Endpoints object beside every Service that has a
// selector, listing the selected pods (subsets.h) — ready ones as addresses, the
// rest as notReadyAddresses — and deletes it with the Service. Services without a
// selector are left to whoever writes their Endpoints.
//
// Threads: the service and pod informers' dispatch threads enqueue service keys;
// workers sync one service at a time.
class EndpointsController : public ControllerInterface {
 public:
  explicit EndpointsController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using Pod = k8s::core::v1::Pod;

  absl::Status Sync(const std::string& key);
  // Enqueues every service in the pod's namespace whose selector matches it.
  void EnqueueServicesOf(const Pod& pod);

  const int workers_;
  const client::Client client_;
  client::Informer<k8s::core::v1::Service> services_;
  client::Informer<Pod> pods_;
  client::Informer<k8s::core::v1::Endpoints> endpoints_;
  client::Controller controller_;
};

}  // namespace kube::kcm::endpoints

#pragma once

#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::servicelb {

// The "service-lb" loop: with no cloud provider, a LoadBalancer Service is served
// on every node (kube-proxy forwards its port there, and its NodePort), so its
// status.loadBalancer.ingress lists the nodes' InternalIPs (as k3s's ServiceLB
// does). Keeps that list current as nodes come, go or change readiness, and clears
// it when a Service stops being a LoadBalancer.
//
// Threads: the service and node informers' dispatch threads enqueue service keys;
// workers sync one service at a time.
class ServiceLbController : public ControllerInterface {
 public:
  explicit ServiceLbController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(1); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& key);
  void EnqueueLoadBalancers();

  const client::Client client_;
  client::Informer<k8s::core::v1::Service> services_;
  client::Informer<k8s::core::v1::Node> nodes_;
  client::Controller controller_;
};

}  // namespace kube::kcm::servicelb

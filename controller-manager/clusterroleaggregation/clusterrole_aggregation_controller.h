#pragma once

#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::kcm::clusterroleaggregation {

// The "clusterrole-aggregation" loop: a ClusterRole with an aggregationRule holds
// the union of the rules of every ClusterRole its clusterRoleSelectors match
// (deduplicated, in the stable order of rbac::AggregatedRules), so that labelling
// a role rbac.authorization.k8s.io/aggregate-to-view=true extends `view`. The
// rules are written (an Update at the cached resourceVersion) only when they
// differ. Which role feeds which is not tracked: any ClusterRole change
// re-evaluates every aggregated role, as upstream does; there are few. That is
// also why a Conflict is not retried: the newer role's event re-evaluates it.
//
// Threads: the ClusterRole informer's dispatch thread enqueues; kWorkers workers
// sync one aggregated role each at a time.
class ClusterRoleAggregationController : public ControllerInterface {
 public:
  explicit ClusterRoleAggregationController(ControllerContext& context);

  absl::Status Run() override;
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& key);
  // Queues every ClusterRole that has an aggregationRule.
  void EnqueueAggregated();

  const client::Client client_;
  client::Informer<k8s::rbac::v1::ClusterRole> roles_;
  client::Controller controller_;
};

}  // namespace kube::kcm::clusterroleaggregation

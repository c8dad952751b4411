#include "controller-manager/replication/replication_controller.h"

#include <map>

#include "controller-manager/replicaset/replica_manager.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replication {

std::unique_ptr<ControllerInterface> NewReplicationManager(ControllerContext& context) {
  using k8s::core::v1::ReplicationController;
  auto kind = std::make_unique<replicaset::TypedReplicaKind<ReplicationController>>(
      "ReplicationController", "v1", context.client,
      context.informers.For<ReplicationController>(),
      [](const ReplicationController& rc) -> absl::StatusOr<selectors::LabelSelector> {
        // An empty selector would match every pod in the namespace; upstream's
        // validation defaults it from the template, so treat empty as "none".
        if (rc.spec().selector().empty()) return selectors::LabelSelector::Nothing();
        std::map<std::string, std::string> labels(rc.spec().selector().begin(),
                                                  rc.spec().selector().end());
        return selectors::LabelSelector::FromMatchLabels(labels);
      });
  replicaset::ReplicaManagerOptions options;
  options.name = "replicationmanager";
  options.workers = context.settings.concurrent_rc_syncs;
  return std::make_unique<replicaset::ReplicaManager>(std::move(kind), context, std::move(options));
}

}  // namespace kube::kcm::replication

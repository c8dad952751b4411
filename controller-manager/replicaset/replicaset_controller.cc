#include "controller-manager/replicaset/replicaset_controller.h"

#include "common/selectors/label_selector_proto.h"
#include "controller-manager/replicaset/replica_manager.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::kcm::replicaset {

std::unique_ptr<ControllerInterface> NewReplicaSetController(ControllerContext& context) {
  using k8s::apps::v1::ReplicaSet;
  auto kind = std::make_unique<TypedReplicaKind<ReplicaSet>>(
      "ReplicaSet", "apps/v1", context.client, context.informers.For<ReplicaSet>(),
      [](const ReplicaSet& rs) {
        return selectors::LabelSelectorFromProto(rs.spec().has_selector() ? &rs.spec().selector()
                                                                          : nullptr);
      });
  ReplicaManagerOptions options;
  options.name = "replicaset";
  options.workers = context.settings.concurrent_replicaset_syncs;
  return std::make_unique<ReplicaManager>(std::move(kind), context, std::move(options));
}

}  // namespace kube::kcm::replicaset

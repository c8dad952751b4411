#pragma once

#include <memory>

#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"

namespace kube::kcm::replicaset {

// The "replicaset" controller: the replica core over apps/v1 ReplicaSets.
std::unique_ptr<ControllerInterface> NewReplicaSetController(ControllerContext& context);

}  // namespace kube::kcm::replicaset

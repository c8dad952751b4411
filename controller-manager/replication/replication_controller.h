#pragma once

#include <memory>

#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"

namespace kube::kcm::replication {

// The "replicationcontroller" loop (upstream's replication manager): the replica
// core of controller-manager/replicaset/ over v1 ReplicationControllers, whose
// selector is a plain label map.
std::unique_ptr<ControllerInterface> NewReplicationManager(ControllerContext& context);

}  // namespace kube::kcm::replication

#pragma once

#include "k8s/core/v1/core.pb.h"

// What upstream's Priority and DefaultTolerationSeconds admission plugins add to
// every new pod, done here as part of create until they are admission steps of
// their own (the ServiceAccount plugin is: apiserver/admission/serviceaccount).
namespace kube::apiserver::core {

// priority (0 without a class; the built-in system-cluster-critical and
// system-node-critical classes' values) and preemptionPolicy PreemptLowerPriority.
// Other classes are left alone: PriorityClass objects are not consulted here.
void AdmitPriority(k8s::core::v1::PodSpec& spec);

// Tolerate node.kubernetes.io/not-ready and /unreachable NoExecute for 300 s,
// unless the pod already tolerates them.
void AdmitDefaultTolerations(k8s::core::v1::PodSpec& spec);

}  // namespace kube::apiserver::core

#pragma once

#include "k8s/core/v1/core.pb.h"

// What upstream's DefaultTolerationSeconds admission plugin adds to every new
// pod, done here as part of create until it is an admission step of its own (as
// ServiceAccount and Priority are: apiserver/admission/).
namespace kube::apiserver::core {

// Tolerate node.kubernetes.io/not-ready and /unreachable NoExecute for 300 s,
// unless the pod already tolerates them.
void AdmitDefaultTolerations(k8s::core::v1::PodSpec& spec);

}  // namespace kube::apiserver::core

#pragma once

#include <string>

#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Upstream's ComputePodQOS: "Guaranteed" when every container limits cpu and
// memory and requests equal limits, "BestEffort" when nothing requests or limits
// cpu or memory, "Burstable" otherwise. Pod-level resources, when set, decide.
std::string ComputePodQos(const k8s::core::v1::PodSpec& spec);

}  // namespace kube::apiserver::core

#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::endpoints {

using PodPtr = std::shared_ptr<const k8s::core::v1::Pod>;

// The container port a service port reaches on `pod`: a number as is (or the
// service port when targetPort is unset), a name looked up among the pod's
// container ports of the same protocol (the talk's `targetPort: es`, which may be
// 9200 on one pod and 9201 on another). nullopt when the pod has no such port.
std::optional<int32_t> ResolveTargetPort(const k8s::core::v1::ServicePort& port,
                                         const k8s::core::v1::Pod& pod);

// The Endpoints subsets for `service` over the pods its selector matched: one
// address per pod with an IP (ready ones in addresses, others in
// notReadyAddresses unless the service publishes not-ready addresses), with the
// node name and a reference to the pod, grouped into one subset per distinct set
// of resolved ports. Deterministic: addresses sorted by IP, subsets by ports, so
// an unchanged world gives an identical object and no write.
std::vector<k8s::core::v1::EndpointSubset> BuildSubsets(const k8s::core::v1::Service& service,
                                                        const std::vector<PodPtr>& pods);

}  // namespace kube::kcm::endpoints

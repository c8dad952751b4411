#pragma once

#include <memory>
#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::servicelb {

// The ingress a LoadBalancer Service gets when no cloud provides one: the
// InternalIP of every Ready, schedulable node, sorted and without duplicates
// (kube-proxy forwards a Service's port on each of them, as for its NodePort).
// Other Service types get none.
std::vector<std::string> IngressAddresses(
    const k8s::core::v1::Service& service,
    const std::vector<std::shared_ptr<const k8s::core::v1::Node>>& nodes);

// Whether the Service's status already lists exactly these IPs (in order).
bool IngressMatches(const k8s::core::v1::Service& service, const std::vector<std::string>& ips);

}  // namespace kube::kcm::servicelb

#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "cluster-dns/records/zone.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::dns {

// The zone of the Kubernetes DNS specification (schema 1.1.0) for these Services
// and Endpoints, under config.domain (<svc>.<ns>.svc.<domain>):
//  - a Service with a cluster IP: A/AAAA to each cluster IP; SRV
//    _<port>._<proto>.<svc>... for each named port, target the Service's name;
//    PTR from each cluster IP to the Service's name;
//  - a headless Service (clusterIP None): A/AAAA to each ready endpoint address
//    (and the not-ready ones when publishNotReadyAddresses or the
//    tolerate-unready-endpoints annotation says so); <host>.<svc>... A/AAAA for each,
//    where <host> is the endpoint's hostname or its dashed IP; SRV per named
//    endpoint port and endpoint, target <host>.<svc>...; PTR from each endpoint
//    address to <host>.<svc>...;
//  - an ExternalName Service: CNAME to its externalName.
// Objects whose names cannot form a valid DNS name are skipped.
absl::StatusOr<std::unique_ptr<const Zone>> BuildClusterZone(
    const ZoneConfig& config,
    const std::vector<std::shared_ptr<const k8s::core::v1::Service>>& services,
    const std::vector<std::shared_ptr<const k8s::core::v1::Endpoints>>& endpoints);

}  // namespace kube::dns

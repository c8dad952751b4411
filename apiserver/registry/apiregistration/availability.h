#pragma once

#include <functional>
#include <string>

#include "k8s/apiregistration/v1/apiregistration.pb.h"

// The Available condition of an APIService, as upstream's availability controllers
// (kube-aggregator pkg/controllers/status) set it. A local APIService is always
// available. This server does not proxy to a Service yet (the aggregation layer),
// so a non-local one is never available: reason ServiceNotFound when its Service
// is missing, as upstream, else ServiceNotProxied.
namespace kube::apiserver::apiregistration {

// Whether Service `name` exists in namespace `ns`.
using ServiceExists = std::function<bool(const std::string& ns, const std::string& name)>;

// The condition `service` should have now (lastTransitionTime left unset).
k8s::apiregistration::v1::APIServiceCondition AvailableCondition(
    const k8s::apiregistration::v1::APIService& service, const ServiceExists& exists);

// SetAPIServiceCondition: replaces the condition of the same type, keeping its
// lastTransitionTime unless the status changes (then `now`). Returns whether the
// status changed in any way.
bool SetCondition(k8s::apiregistration::v1::APIServiceStatus& status,
                  const k8s::apiregistration::v1::APIServiceCondition& condition,
                  const k8s::meta::v1::Time& now);

}  // namespace kube::apiserver::apiregistration

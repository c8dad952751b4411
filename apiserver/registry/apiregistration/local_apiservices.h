#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "apiserver/registry/resource_registry.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

// The APIServices of the group-versions this apiserver serves itself, as upstream's
// kube-apiserver registers them at start (the aggregator's autoregister controller,
// with the priorities of pkg/controlplane/apiserver/aggregator.go).
namespace kube::apiserver::apiregistration {

// Marks APIServices the apiserver made; "onstart": synced once at each start.
inline constexpr char kAutoManagedLabel[] = "kube-aggregator.kubernetes.io/automanaged";

struct Priority {
  int32_t group = 0;    // spec.groupPriorityMinimum
  int32_t version = 0;  // spec.versionPriority
};

// Upstream's priority of a built-in group-version; nullopt for one upstream does
// not list (it then registers no APIService, and neither does this server).
std::optional<Priority> BuiltinPriority(std::string_view group, std::string_view version);

// One local APIService ("v1.", "v1.apps", ...) for every group-version the
// registry serves that has a built-in priority, in the registry's order.
std::vector<k8s::apiregistration::v1::APIService> LocalApiServices(
    const ResourceRegistry& registry);

}  // namespace kube::apiserver::apiregistration

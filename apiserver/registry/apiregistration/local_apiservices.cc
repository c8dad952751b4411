#include "apiserver/registry/apiregistration/local_apiservices.h"

#include <string>

namespace kube::apiserver::apiregistration {
namespace {

struct Entry {
  std::string_view group;
  std::string_view version;
  Priority priority;
};

// Upstream 1.32's table, for the versions this server can serve.
constexpr Entry kPriorities[] = {
    {"", "v1", {18000, 1}},
    {"apps", "v1", {17800, 15}},
    {"events.k8s.io", "v1", {17750, 15}},
    {"authentication.k8s.io", "v1", {17700, 15}},
    {"authorization.k8s.io", "v1", {17600, 15}},
    {"autoscaling", "v1", {17500, 15}},
    {"autoscaling", "v2", {17500, 30}},
    {"batch", "v1", {17400, 15}},
    {"certificates.k8s.io", "v1", {17300, 15}},
    {"networking.k8s.io", "v1", {17200, 15}},
    {"policy", "v1", {17100, 15}},
    {"rbac.authorization.k8s.io", "v1", {17000, 15}},
    {"storage.k8s.io", "v1", {16800, 15}},
    {"apiextensions.k8s.io", "v1", {16700, 15}},
    {"admissionregistration.k8s.io", "v1", {16700, 15}},
    {"scheduling.k8s.io", "v1", {16600, 15}},
    {"coordination.k8s.io", "v1", {16500, 15}},
    {"node.k8s.io", "v1", {16300, 15}},
    {"discovery.k8s.io", "v1", {16200, 15}},
    {"flowcontrol.apiserver.k8s.io", "v1", {16100, 21}},
};

}  // namespace

std::optional<Priority> BuiltinPriority(std::string_view group, std::string_view version) {
  for (const Entry& entry : kPriorities) {
    if (entry.group == group && entry.version == version) return entry.priority;
  }
  return std::nullopt;
}

std::vector<k8s::apiregistration::v1::APIService> LocalApiServices(
    const ResourceRegistry& registry) {
  std::vector<k8s::apiregistration::v1::APIService> services;
  for (const ResourceRegistry::GroupVersion& served : registry.GroupVersions()) {
    std::optional<Priority> priority = BuiltinPriority(served.group, served.version);
    if (!priority.has_value()) continue;
    k8s::apiregistration::v1::APIService& service = services.emplace_back();
    service.mutable_metadata()->set_name(served.version + "." + served.group);
    (*service.mutable_metadata()->mutable_labels())[kAutoManagedLabel] = "onstart";
    auto& spec = *service.mutable_spec();
    spec.set_group(served.group);
    spec.set_version(served.version);
    spec.set_grouppriorityminimum(priority->group);
    spec.set_versionpriority(priority->version);
  }
  return services;
}

}  // namespace kube::apiserver::apiregistration

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// The legacy (unaggregated) discovery documents kubectl reads, built from the
// registry: /api (APIVersions), /apis (APIGroupList), /apis/G (APIGroup), and
// /api/v1, /apis/G/V (APIResourceList with kind, namespaced, verbs, shortNames,
// categories and the subresources actually served).
class Discovery {
 public:
  explicit Discovery(const ResourceRegistry& registry);

  const std::string& ApiVersions() const { return api_versions_; }
  const std::string& ApiGroupList() const { return api_group_list_; }
  // nullopt when the group or group-version is not served.
  std::optional<std::string> ApiGroup(std::string_view group) const;
  std::optional<std::string> ResourceList(std::string_view group, std::string_view version) const;

 private:
  const ResourceRegistry& registry_;
  std::string api_versions_;
  std::string api_group_list_;
};

}  // namespace kube::apiserver

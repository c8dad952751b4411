#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// One entry of a group-version's resources as discovery lists them: a resource or
// one of its subresources ("pods/status"). `group`/`version` are set only where the
// response kind lives elsewhere (pods/eviction is policy/v1 Eviction).
struct DiscoveredResource {
  std::string name;
  std::string singular;  // "" for subresources
  bool namespaced = true;
  std::string group;
  std::string version;
  std::string kind;
  std::vector<std::string> verbs;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
};

// A group and the versions it serves, preferred first.
struct DiscoveredGroup {
  std::string name;  // "" for the core group
  std::vector<std::string> versions;
};

// Discovery built from the registry, in both forms kubectl reads: the legacy
// documents, /api (APIVersions), /apis (APIGroupList), /apis/G (APIGroup) and
// /api/v1, /apis/G/V (APIResourceList with kind, namespaced, verbs, shortNames,
// categories and the subresources actually served); and the aggregated one
// (apidiscovery.k8s.io APIGroupDiscoveryList for /api and /apis, see
// aggregated_discovery.h). Immutable once built; shared by request threads.
class Discovery {
 public:
  explicit Discovery(const ResourceRegistry& registry);

  const std::string& ApiVersions() const { return api_versions_; }
  const std::string& ApiGroupList() const { return api_group_list_; }
  // nullopt when the group or group-version is not served.
  std::optional<std::string> ApiGroup(std::string_view group) const;
  std::optional<std::string> ResourceList(std::string_view group, std::string_view version) const;

  // The model both forms are written from. Groups: the core group first, then the
  // others in registration order.
  const std::vector<DiscoveredGroup>& groups() const { return groups_; }
  std::vector<DiscoveredResource> Resources(std::string_view group, std::string_view version) const;

 private:
  const ResourceRegistry& registry_;
  std::vector<DiscoveredGroup> groups_;
  std::string api_versions_;
  std::string api_group_list_;
};

}  // namespace kube::apiserver

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/registry/resource.h"
#include "apiserver/storage/storage.h"

namespace kube::apiserver {

// What resource registration needs from the server.
struct RegistryConfig {
  storage::Storage* storage = nullptr;  // not owned; outlives the registry
  // --service-cluster-ip-range: where Service cluster IPs come from.
  std::string service_cluster_ip_range = "10.0.0.0/24";
  // --service-node-port-range: "30000-32767".
  std::string service_node_port_range = "30000-32767";
};

// Every resource the server serves. Filled once (Add, AddShared, MutableFind),
// read-only afterwards, so it is shared by request threads without locking. The
// server's view with custom resources is a second registry sharing the built-in
// entries (AddShared), rebuilt whenever a CustomResourceDefinition changes.
class ResourceRegistry {
 public:
  struct GroupVersion {
    std::string group;
    std::string version;
  };

  // Start-up only. Registration order is discovery order.
  void Add(ResourceInfo info);
  // An entry owned jointly with another registry (or a custom resource's serving).
  void AddShared(std::shared_ptr<ResourceInfo> info);
  // Start-up only: for attaching printers and the like. Without a version, the
  // first registered.
  ResourceInfo* MutableFindByKind(std::string_view group, std::string_view kind);
  ResourceInfo* MutableFindByKind(std::string_view group, std::string_view version,
                                  std::string_view kind);

  const ResourceInfo* Find(std::string_view group, std::string_view version,
                           std::string_view resource) const;
  const ResourceInfo* FindByKind(std::string_view group, std::string_view version,
                                 std::string_view kind) const;
  const std::vector<std::shared_ptr<ResourceInfo>>& All() const { return resources_; }
  // The core group first, then the others in registration order.
  std::vector<GroupVersion> GroupVersions() const;

 private:
  std::vector<std::shared_ptr<ResourceInfo>> resources_;
};

}  // namespace kube::apiserver

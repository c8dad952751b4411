#pragma once

#include <map>
#include <memory>

#include "apiserver/generic/store.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// One Store per registered resource, sharing one Storage, and the namespace
// lifecycle rule every create goes through: the namespace must exist and not be
// terminating. Built at start-up; read-only afterwards.
class StoreSet {
 public:
  StoreSet(storage::Storage& storage, const ResourceRegistry& registry);

  // The store of a registered resource (never null for one).
  const Store* For(const ResourceInfo& resource) const;
  const Store* Find(std::string_view group, std::string_view kind) const;

 private:
  absl::Status CheckNamespace(std::string_view ns, std::string_view qualified_resource,
                              std::string_view name) const;

  std::map<const ResourceInfo*, std::unique_ptr<Store>> stores_;
  const Store* namespaces_ = nullptr;
};

}  // namespace kube::apiserver

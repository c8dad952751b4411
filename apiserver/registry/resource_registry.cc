#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

void ResourceRegistry::Add(ResourceInfo info) {
  resources_.push_back(std::make_shared<ResourceInfo>(std::move(info)));
}

void ResourceRegistry::AddShared(std::shared_ptr<ResourceInfo> info) {
  resources_.push_back(std::move(info));
}

ResourceInfo* ResourceRegistry::MutableFindByKind(std::string_view group, std::string_view kind) {
  for (auto& resource : resources_) {
    if (resource->group == group && resource->kind == kind) return resource.get();
  }
  return nullptr;
}

ResourceInfo* ResourceRegistry::MutableFindByKind(std::string_view group, std::string_view version,
                                                std::string_view kind) {
  return const_cast<ResourceInfo*>(FindByKind(group, version, kind));
}

const ResourceInfo* ResourceRegistry::Find(std::string_view group, std::string_view version,
                                           std::string_view resource) const {
  for (const auto& info : resources_) {
    if (info->group == group && info->version == version && info->resource == resource) {
      return info.get();
    }
  }
  return nullptr;
}

const ResourceInfo* ResourceRegistry::FindByKind(std::string_view group,
                                                 std::string_view version,
                                                 std::string_view kind) const {
  for (const auto& info : resources_) {
    if (info->group == group && info->version == version && info->kind == kind) {
      return info.get();
    }
  }
  return nullptr;
}

std::vector<ResourceRegistry::GroupVersion> ResourceRegistry::GroupVersions() const {
  std::vector<GroupVersion> result;
  auto add = [&result](const ResourceInfo& info) {
    for (const GroupVersion& existing : result) {
      if (existing.group == info.group && existing.version == info.version) return;
    }
    result.push_back({info.group, info.version});
  };
  for (const auto& info : resources_) {
    if (info->group.empty()) add(*info);
  }
  for (const auto& info : resources_) add(*info);
  return result;
}

}  // namespace kube::apiserver

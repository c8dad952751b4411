#include "apiserver/server/served_api.h"

namespace kube::apiserver {

ServedApi::ServedApi(const ResourceRegistry& builtins, const StoreSet& stores,
                     customresource::CrdController::Servings servings,
                     const ResourceHandlerOptions& options, const ServedApi* previous)
    : builtin_stores_(stores), servings_(std::move(servings)) {
  for (const auto& info : builtins.All()) registry_.AddShared(info);
  for (const auto& serving : servings_) {
    for (const auto& version : serving->versions()) {
      registry_.AddShared(version.info);
      custom_stores_[version.info.get()] = version.store.get();
    }
  }
  discovery_ = std::make_unique<Discovery>(registry_);
  aggregated_discovery_ = std::make_unique<AggregatedDiscovery>(*discovery_);
  handler_ = std::make_unique<ResourceHandler>(registry_, *this, options);
  openapi_ = std::make_unique<OpenApiDocuments>(
      registry_, previous == nullptr ? nullptr : &previous->openapi());
}

const Store* ServedApi::For(const ResourceInfo& resource) const {
  if (auto it = custom_stores_.find(&resource); it != custom_stores_.end()) return it->second;
  return builtin_stores_.For(resource);
}

const Store* ServedApi::Find(std::string_view group, std::string_view kind) const {
  for (const auto& [info, store] : custom_stores_) {
    if (info->group == group && info->kind == kind) return store;
  }
  return builtin_stores_.Find(group, kind);
}

void ServedApi::Compacted(storage::Revision revision) const {
  for (const auto& serving : servings_) serving->Compacted(revision);
}

}  // namespace kube::apiserver

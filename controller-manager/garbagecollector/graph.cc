#include "controller-manager/garbagecollector/graph.h"

#include "common/api/object.h"

namespace kube::kcm::garbagecollector {

std::optional<GraphNode> NodeFor(const client::Resource& resource,
                                 const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  if (meta == nullptr || meta->uid().empty()) return std::nullopt;
  GraphNode node;
  node.uid = meta->uid();
  node.resource = &resource;
  node.ns = meta->namespace_();
  node.name = meta->name();
  node.owners.assign(meta->ownerreferences().begin(), meta->ownerreferences().end());
  node.being_deleted = meta->has_deletiontimestamp();
  for (const std::string& finalizer : meta->finalizers()) {
    if (finalizer == kForegroundFinalizer) node.deleting_dependents = node.being_deleted;
    if (finalizer == kOrphanFinalizer) node.orphaning = node.being_deleted;
  }
  return node;
}

std::optional<GraphNode> Graph::Upsert(GraphNode node) {
  absl::MutexLock lock(&mu_);
  std::optional<GraphNode> old;
  auto it = nodes_.find(node.uid);
  if (it != nodes_.end()) {
    old = std::move(it->second);
    for (const auto& ref : old->owners) {
      auto deps = dependents_.find(ref.uid());
      if (deps == dependents_.end()) continue;
      deps->second.erase(node.uid);
      if (deps->second.empty()) dependents_.erase(deps);
    }
  }
  for (const auto& ref : node.owners) dependents_[ref.uid()].insert(node.uid);
  std::string uid = node.uid;
  nodes_[uid] = std::move(node);
  return old;
}

std::optional<GraphNode> Graph::Remove(const std::string& uid) {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find(uid);
  if (it == nodes_.end()) return std::nullopt;
  GraphNode node = std::move(it->second);
  nodes_.erase(it);
  for (const auto& ref : node.owners) {
    auto deps = dependents_.find(ref.uid());
    if (deps == dependents_.end()) continue;
    deps->second.erase(uid);
    if (deps->second.empty()) dependents_.erase(deps);
  }
  return node;
}

std::optional<GraphNode> Graph::Get(const std::string& uid) const {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find(uid);
  if (it == nodes_.end()) return std::nullopt;
  return it->second;
}

std::vector<GraphNode> Graph::DependentsOf(const std::string& owner_uid) const {
  absl::MutexLock lock(&mu_);
  std::vector<GraphNode> out;
  auto deps = dependents_.find(owner_uid);
  if (deps == dependents_.end()) return out;
  for (const std::string& uid : deps->second) {
    auto it = nodes_.find(uid);
    if (it != nodes_.end()) out.push_back(it->second);
  }
  return out;
}

size_t Graph::size() const {
  absl::MutexLock lock(&mu_);
  return nodes_.size();
}

}  // namespace kube::kcm::garbagecollector

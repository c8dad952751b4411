#include "apiserver/authorization/node/node_graph.h"

namespace kube::apiserver::node {

void NodeGraph::SetPod(const ObjectName& pod, PodReferences references) {
  absl::MutexLock lock(&mu_);
  RemovePodLocked(pod);
  AddPodLocked(pod, std::move(references));
}

void NodeGraph::RemovePod(const ObjectName& pod) {
  absl::MutexLock lock(&mu_);
  RemovePodLocked(pod);
}

void NodeGraph::ReplacePods(std::vector<std::pair<ObjectName, PodReferences>> pods) {
  absl::MutexLock lock(&mu_);
  pods_.clear();
  for (Edges& edges : edges_) edges.clear();
  for (auto& [pod, references] : pods) AddPodLocked(pod, std::move(references));
}

void NodeGraph::SetVolume(const std::string& name, VolumeReferences references) {
  absl::MutexLock lock(&mu_);
  RemoveVolumeLocked(name);
  AddVolumeLocked(name, std::move(references));
}

void NodeGraph::RemoveVolume(const std::string& name) {
  absl::MutexLock lock(&mu_);
  RemoveVolumeLocked(name);
}

void NodeGraph::ReplaceVolumes(std::vector<std::pair<std::string, VolumeReferences>> volumes) {
  absl::MutexLock lock(&mu_);
  volumes_.clear();
  volumes_by_secret_.clear();
  for (auto& [name, references] : volumes) AddVolumeLocked(name, std::move(references));
}

bool NodeGraph::Related(std::string_view node, Kind kind, const ObjectName& object) const {
  absl::ReaderMutexLock lock(&mu_);
  if (HasEdgeLocked(kind, object, node)) return true;
  if (kind != Kind::kSecret) return false;
  auto volumes = volumes_by_secret_.find(object);
  if (volumes == volumes_by_secret_.end()) return false;
  for (const std::string& volume : volumes->second) {
    auto references = volumes_.find(volume);
    if (references != volumes_.end() &&
        HasEdgeLocked(Kind::kPersistentVolumeClaim, references->second.claim, node)) {
      return true;
    }
  }
  return false;
}

bool NodeGraph::VolumeRelated(std::string_view node, std::string_view name) const {
  absl::ReaderMutexLock lock(&mu_);
  auto volume = volumes_.find(name);
  return volume != volumes_.end() && !volume->second.claim.name.empty() &&
         HasEdgeLocked(Kind::kPersistentVolumeClaim, volume->second.claim, node);
}

void NodeGraph::AddPodLocked(const ObjectName& pod, PodReferences references) {
  if (references.node.empty()) return;
  CountPodLocked(pod, references, +1);
  pods_.emplace(pod, std::move(references));
}

void NodeGraph::RemovePodLocked(const ObjectName& pod) {
  auto known = pods_.find(pod);
  if (known == pods_.end()) return;
  CountPodLocked(pod, known->second, -1);
  pods_.erase(known);
}

void NodeGraph::CountPodLocked(const ObjectName& pod, const PodReferences& references,
                               int delta) {
  auto count = [&](Kind kind, const std::string& name) {
    if (name.empty()) return;
    Edges& edges = edges_[static_cast<size_t>(kind)];
    ObjectName object{pod.namespace_, name};
    auto& nodes = edges[object];
    int& pods = nodes[references.node];
    pods += delta;
    if (pods > 0) return;
    nodes.erase(references.node);
    if (nodes.empty()) edges.erase(object);
  };
  count(Kind::kServiceAccount, references.service_account);
  for (const std::string& name : references.secrets) count(Kind::kSecret, name);
  for (const std::string& name : references.config_maps) count(Kind::kConfigMap, name);
  for (const std::string& name : references.claims) count(Kind::kPersistentVolumeClaim, name);
}

void NodeGraph::AddVolumeLocked(const std::string& name, VolumeReferences references) {
  for (const ObjectName& secret : references.secrets) volumes_by_secret_[secret].insert(name);
  volumes_.emplace(name, std::move(references));
}

void NodeGraph::RemoveVolumeLocked(const std::string& name) {
  auto known = volumes_.find(name);
  if (known == volumes_.end()) return;
  for (const ObjectName& secret : known->second.secrets) {
    auto volumes = volumes_by_secret_.find(secret);
    if (volumes == volumes_by_secret_.end()) continue;
    volumes->second.erase(name);
    if (volumes->second.empty()) volumes_by_secret_.erase(volumes);
  }
  volumes_.erase(known);
}

bool NodeGraph::HasEdgeLocked(Kind kind, const ObjectName& object, std::string_view node) const {
  const Edges& edges = edges_[static_cast<size_t>(kind)];
  auto nodes = edges.find(object);
  return nodes != edges.end() && nodes->second.find(node) != nodes->second.end();
}

}  // namespace kube::apiserver::node

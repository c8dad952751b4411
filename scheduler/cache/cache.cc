#include "scheduler/cache/cache.h"

#include <algorithm>
#include <vector>

#include "common/util/strings.h"

namespace kube::scheduler::cache {

Cache::Cache(absl::Duration assumed_ttl, Clock clock)
    : assumed_ttl_(assumed_ttl), clock_(std::move(clock)) {}

Cache::NodeEntry& Cache::TouchNode(const std::string& name) {
  auto [it, inserted] = nodes_.try_emplace(name);
  NodeEntry& entry = it->second;
  if (inserted) {
    recency_.push_front(name);
  } else {
    recency_.splice(recency_.begin(), recency_, entry.recency);
  }
  entry.recency = recency_.begin();
  entry.info.set_generation(++generation_);
  return entry;
}

void Cache::MaybeDropNode(const std::string& name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end() || it->second.info.node() != nullptr || !it->second.info.pods().empty()) {
    return;
  }
  recency_.erase(it->second.recency);
  nodes_.erase(it);
}

void Cache::AddNode(std::shared_ptr<const k8s::core::v1::Node> node) {
  absl::MutexLock lock(&mu_);
  NodeEntry& entry = TouchNode(node->metadata().name());
  if (entry.info.node() == nullptr) {
    ++node_set_version_;
    ++node_count_;
  }
  entry.info.SetNode(std::move(node));
}

void Cache::RemoveNode(const std::string& name) {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find(name);
  if (it == nodes_.end() || it->second.info.node() == nullptr) return;
  // Pods still bound to it stay counted until the informer removes them.
  TouchNode(name).info.ClearNode();
  ++node_set_version_;
  --node_count_;
  MaybeDropNode(name);
}

void Cache::AddPodToNode(const PodState& state) {
  TouchNode(state.node).info.AddPod(state.info);
}

void Cache::RemovePodFromNode(const PodState& state) {
  if (nodes_.find(state.node) == nodes_.end()) return;
  TouchNode(state.node).info.RemovePod(state.info->key);
  MaybeDropNode(state.node);
}

void Cache::AddPod(std::shared_ptr<const framework::PodInfo> pod) {
  absl::MutexLock lock(&mu_);
  const std::string key = pod->key;
  const std::string& node = pod->pod->spec().nodename();
  auto it = pods_.find(key);
  if (it != pods_.end()) {
    // Confirms an assumed pod, or updates a known one: replace it on its node.
    RemovePodFromNode(it->second);
    if (it->second.assumed) assumed_.erase(key);
    pods_.erase(it);
  }
  PodState state;
  state.info = std::move(pod);
  state.node = node;
  AddPodToNode(state);
  pods_.emplace(key, std::move(state));
}

void Cache::RemovePod(const k8s::core::v1::Pod& pod) {
  absl::MutexLock lock(&mu_);
  const std::string key = framework::PodKey(pod);
  auto it = pods_.find(key);
  if (it == pods_.end()) return;
  RemovePodFromNode(it->second);
  if (it->second.assumed) assumed_.erase(key);
  pods_.erase(it);
}

absl::Status Cache::AssumePod(std::shared_ptr<const framework::PodInfo> pod,
                             const std::string& node) {
  absl::MutexLock lock(&mu_);
  const std::string key = pod->key;
  if (pods_.contains(key)) {
    return absl::AlreadyExistsError(StrCat("pod ", key, " is in the cache, so can't be assumed"));
  }
  PodState state;
  state.node = node;
  state.info = std::move(pod);
  state.assumed = true;
  AddPodToNode(state);
  pods_.emplace(key, std::move(state));
  assumed_.insert(key);
  return absl::OkStatus();
}

void Cache::FinishBinding(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = pods_.find(key);
  if (it == pods_.end() || !it->second.assumed) return;
  it->second.binding_finished = true;
  it->second.deadline = clock_() + assumed_ttl_;
}

absl::Status Cache::ForgetPod(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = pods_.find(key);
  if (it == pods_.end()) return absl::NotFoundError(StrCat("pod ", key, " is not in the cache"));
  if (!it->second.assumed) {
    return absl::FailedPreconditionError(StrCat("pod ", key, " was confirmed; cannot forget it"));
  }
  RemovePodFromNode(it->second);
  assumed_.erase(key);
  pods_.erase(it);
  return absl::OkStatus();
}

int Cache::CleanupExpiredAssumedPods() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_();
  std::vector<std::string> expired;
  for (const std::string& key : assumed_) {
    const PodState& state = pods_.at(key);
    if (state.binding_finished && now > state.deadline) expired.push_back(key);
  }
  for (const std::string& key : expired) {
    auto it = pods_.find(key);
    RemovePodFromNode(it->second);
    pods_.erase(it);
    assumed_.erase(key);
  }
  return static_cast<int>(expired.size());
}

bool Cache::IsAssumed(const std::string& key) const {
  absl::MutexLock lock(&mu_);
  return assumed_.contains(key);
}

bool Cache::HasPod(const std::string& key) const {
  absl::MutexLock lock(&mu_);
  return pods_.contains(key);
}

CacheStats Cache::Stats() const {
  absl::MutexLock lock(&mu_);
  return CacheStats{node_count_, static_cast<int64_t>(pods_.size()),
                    static_cast<int64_t>(assumed_.size())};
}

void Cache::UpdateSnapshot(Snapshot& snapshot) const {
  absl::MutexLock lock(&mu_);
  for (const std::string& name : recency_) {
    const NodeEntry& entry = nodes_.at(name);
    if (entry.info.generation() <= snapshot.generation_) break;
    if (entry.info.node() == nullptr) continue;  // pods on a node not seen yet
    std::unique_ptr<framework::NodeInfo>& slot = snapshot.infos_[name];
    if (slot == nullptr) {
      slot = std::make_unique<framework::NodeInfo>(entry.info);
    } else {
      *slot = entry.info;
    }
  }
  snapshot.generation_ = generation_;
  if (snapshot.node_set_version_ == node_set_version_) return;
  // Nodes came or went: drop the ones gone and rebuild the list.
  for (auto it = snapshot.infos_.begin(); it != snapshot.infos_.end();) {
    auto entry = nodes_.find(it->first);
    if (entry == nodes_.end() || entry->second.info.node() == nullptr) {
      snapshot.infos_.erase(it++);
    } else {
      ++it;
    }
  }
  snapshot.list_.clear();
  for (const auto& [name, info] : snapshot.infos_) snapshot.list_.push_back(info.get());
  std::sort(snapshot.list_.begin(), snapshot.list_.end(),
            [](const framework::NodeInfo* a, const framework::NodeInfo* b) {
              return a->name() < b->name();
            });
  snapshot.node_set_version_ = node_set_version_;
}

}  // namespace kube::scheduler::cache

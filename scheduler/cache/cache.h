#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "scheduler/cache/snapshot.h"
#include "scheduler/framework/node_info.h"
#include "scheduler/framework/pod_info.h"

namespace kube::scheduler::cache {

// Counts for /metrics.
struct CacheStats {
  int64_t nodes = 0;
  int64_t pods = 0;     // confirmed and assumed
  int64_t assumed = 0;  // assumed, not yet seen bound by the informer
};

// The scheduler's node/pod cache (upstream's internal/cache): nodes from the node
// informer and every pod bound to a node from the pod informer, so that
// NodeInfo::requested() counts what is really on each node.
//
// Assumed pods close the gap between deciding and the informer hearing of the
// binding: the scheduling thread assumes a pod on its node the moment it decides,
// so the next pod already sees those resources taken. The informer's add of the
// bound pod confirms it. If the binding fails the scheduler forgets it; if it
// succeeded but never shows up, it expires `assumed_ttl` after FinishBinding.
// Thread-safe.
class Cache {
 public:
  using Clock = std::function<absl::Time()>;

  explicit Cache(absl::Duration assumed_ttl = absl::Seconds(30), Clock clock = absl::Now);
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  // Nodes, from the node informer. Add and Update both store the latest object.
  void AddNode(std::shared_ptr<const k8s::core::v1::Node> node);
  void UpdateNode(std::shared_ptr<const k8s::core::v1::Node> node) { AddNode(std::move(node)); }
  void RemoveNode(const std::string& name);

  // Pods bound to a node (spec.nodeName set), from the pod informer. Adding an
  // assumed pod confirms it (moving it if it was bound elsewhere).
  void AddPod(std::shared_ptr<const framework::PodInfo> pod);
  void UpdatePod(std::shared_ptr<const framework::PodInfo> pod) { AddPod(std::move(pod)); }
  void RemovePod(const k8s::core::v1::Pod& pod);

  // Counts the pending `pod` on `node` before the binding is confirmed.
  // AlreadyExists if the cache has the pod already.
  absl::Status AssumePod(std::shared_ptr<const framework::PodInfo> pod, const std::string& node);
  // The binding call returned: start the expiry clock of the assumed pod.
  void FinishBinding(const std::string& key);
  // Takes back an assumed pod whose binding failed. NotFound / FailedPrecondition
  // when the pod is not there or no longer assumed.
  absl::Status ForgetPod(const std::string& key);
  // Removes assumed pods whose binding finished more than assumed_ttl ago and
  // that the informer never confirmed; returns how many.
  int CleanupExpiredAssumedPods();

  bool IsAssumed(const std::string& key) const;
  // Whether the pod is in the cache at all (assumed or confirmed).
  bool HasPod(const std::string& key) const;
  CacheStats Stats() const;

  // Copies into `snapshot` what changed since its last update.
  void UpdateSnapshot(Snapshot& snapshot) const;

 private:
  struct PodState {
    std::shared_ptr<const framework::PodInfo> info;
    std::string node;
    bool assumed = false;
    bool binding_finished = false;
    absl::Time deadline = absl::InfiniteFuture();  // when an assumed pod expires
  };
  struct NodeEntry {
    framework::NodeInfo info;
    std::list<std::string>::iterator recency;  // its place in recency_
  };

  // The entry for `name`, made (without a Node) if absent, moved to the front of
  // recency_ with a new generation: call before changing it.
  NodeEntry& TouchNode(const std::string& name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Drops a node entry that has neither a Node nor pods.
  void MaybeDropNode(const std::string& name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AddPodToNode(const PodState& state) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemovePodFromNode(const PodState& state) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Constant after construction.
  const absl::Duration assumed_ttl_;
  const Clock clock_;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, NodeEntry> nodes_ ABSL_GUARDED_BY(mu_);
  // Node names, most recently changed first, so snapshots stop at the first node
  // they already have.
  std::list<std::string> recency_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, PodState> pods_ ABSL_GUARDED_BY(mu_);  // by pod key
  absl::flat_hash_set<std::string> assumed_ ABSL_GUARDED_BY(mu_);         // keys of assumed pods
  int64_t generation_ ABSL_GUARDED_BY(mu_) = 0;  // bumped on every node change
  // Bumped when a Node appears or goes, so snapshots rebuild their node list.
  int64_t node_set_version_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t node_count_ ABSL_GUARDED_BY(mu_) = 0;  // entries with a Node object
};

}  // namespace kube::scheduler::cache

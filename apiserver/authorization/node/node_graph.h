#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "apiserver/authorization/node/references.h"

namespace kube::apiserver::node {

// Which node may read which object, as upstream's node authorizer graph: every
// pod bound to a node relates that node to the pod's ServiceAccount, Secrets,
// ConfigMaps and claims; a claim's PersistentVolume and the volume's secrets follow
// from the claim. Kept current from watches (NodeGraphFeeder); asked on every
// request of a node identity. Thread-safe: writers hold the lock exclusively,
// readers shared.
class NodeGraph {
 public:
  // The kinds of object a pod relates its node to.
  enum class Kind { kSecret, kConfigMap, kPersistentVolumeClaim, kServiceAccount };

  // A pod was added or changed. An unbound pod (no node) relates nothing.
  void SetPod(const ObjectName& pod, PodReferences references);
  void RemovePod(const ObjectName& pod);
  // Every pod, after a (re)list: replaces what was known.
  void ReplacePods(std::vector<std::pair<ObjectName, PodReferences>> pods);

  void SetVolume(const std::string& name, VolumeReferences references);
  void RemoveVolume(const std::string& name);
  void ReplaceVolumes(std::vector<std::pair<std::string, VolumeReferences>> volumes);

  // Whether a pod on `node` relates it to the object (for secrets, also through a
  // PersistentVolume whose claim a pod there uses).
  bool Related(std::string_view node, Kind kind, const ObjectName& object) const;
  // Whether a pod on `node` uses the claim PersistentVolume `name` is bound to.
  bool VolumeRelated(std::string_view node, std::string_view name) const;

 private:
  // object -> node -> how many pods there reference it.
  using Edges = std::map<ObjectName, std::map<std::string, int, std::less<>>>;

  void AddPodLocked(const ObjectName& pod, PodReferences references)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemovePodLocked(const ObjectName& pod) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AddVolumeLocked(const std::string& name, VolumeReferences references)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemoveVolumeLocked(const std::string& name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Adds `delta` to every edge the pod's references make.
  void CountPodLocked(const ObjectName& pod, const PodReferences& references, int delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HasEdgeLocked(Kind kind, const ObjectName& object, std::string_view node) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<ObjectName, PodReferences> pods_ ABSL_GUARDED_BY(mu_);  // bound pods only
  std::array<Edges, 4> edges_ ABSL_GUARDED_BY(mu_);                 // indexed by Kind
  std::map<std::string, VolumeReferences, std::less<>> volumes_ ABSL_GUARDED_BY(mu_);
  std::map<ObjectName, std::set<std::string>> volumes_by_secret_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::apiserver::node

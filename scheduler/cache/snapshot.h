#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "scheduler/framework/node_info.h"

namespace kube::scheduler::cache {

// A point-in-time copy of the cache's nodes for one scheduling cycle (upstream's
// Snapshot): plugins read it without locks while the informers keep changing the
// cache. Cache::UpdateSnapshot brings it up to date by copying only the nodes that
// changed since the last update. Owned and used by one thread.
class Snapshot {
 public:
  Snapshot() = default;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // Every node with a Node object, sorted by name.
  const std::vector<const framework::NodeInfo*>& nodes() const { return list_; }
  // nullptr when the snapshot has no such node.
  const framework::NodeInfo* Get(std::string_view name) const;

 private:
  friend class Cache;

  absl::flat_hash_map<std::string, std::unique_ptr<framework::NodeInfo>> infos_;
  std::vector<const framework::NodeInfo*> list_;  // points into infos_
  int64_t generation_ = 0;         // the cache generation copied last
  int64_t node_set_version_ = -1;  // the cache's node set when list_ was built
};

}  // namespace kube::scheduler::cache

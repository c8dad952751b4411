#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "cluster-dns/records/cluster_zone.h"
#include "cluster-dns/records/zone_snapshot.h"

namespace kube::dns::app {

// Where the rebuilder reads the objects from (the informers' listers).
struct ZoneSources {
  std::function<std::vector<std::shared_ptr<const k8s::core::v1::Service>>()> services;
  std::function<std::vector<std::shared_ptr<const k8s::core::v1::Endpoints>>()> endpoints;
};

// Rebuilds the whole zone from the informers' caches on a thread of its own and
// publishes it to the snapshot. Informer handlers only call MarkDirty(), so a
// burst of events (the initial list, a rollout) costs one rebuild, not one each,
// and no API event ever waits on a rebuild or a query.
class ZoneRebuilder {
 public:
  ZoneRebuilder(ZoneConfig config, ZoneSources sources, ZoneSnapshot& snapshot);
  ~ZoneRebuilder();  // stops
  ZoneRebuilder(const ZoneRebuilder&) = delete;
  ZoneRebuilder& operator=(const ZoneRebuilder&) = delete;

  void Start();
  void Stop();
  // Asks for a rebuild soon. Thread-safe and cheap.
  void MarkDirty();
  // Rebuilds and publishes now, on the calling thread.
  void RebuildNow();

  uint64_t rebuilds() const { return rebuilds_.load(); }
  size_t records() const { return records_.load(); }

 private:
  void Loop();

  const ZoneConfig config_;     // serial is replaced by rebuild count at each build
  const ZoneSources sources_;
  ZoneSnapshot& snapshot_;      // not owned; outlives this

  absl::Mutex mu_;  // guards dirty_ and stopping_, waited on by the loop
  bool dirty_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Mutex build_mu_;  // one build at a time (RebuildNow vs the loop)
  std::atomic<uint64_t> rebuilds_{0};
  std::atomic<size_t> records_{0};
  std::thread thread_;  // runs Loop; joined by Stop
};

}  // namespace kube::dns::app

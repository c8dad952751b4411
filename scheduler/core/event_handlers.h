#pragma once

#include <memory>
#include <string>

#include "k8s/core/v1/core.pb.h"
#include "scheduler/cache/cache.h"
#include "scheduler/queue/scheduling_queue.h"

namespace kube::scheduler::core {

// Routes informer events to the cache and the queue (upstream's eventhandlers.go):
//  - pods bound to a node (any scheduler's) and not finished go to the cache, so
//    their requests count; finished or deleted ones leave it and may let waiting
//    pods fit;
//  - unbound pods for this scheduler name go to the queue; others are left alone;
//  - node changes that could make pods fit move the unschedulable ones.
// Called on the informers' dispatch threads; the cache and queue are thread-safe.
class EventHandlers {
 public:
  EventHandlers(std::string scheduler_name, cache::Cache& cache, queue::SchedulingQueue& queue)
      : scheduler_name_(std::move(scheduler_name)), cache_(cache), queue_(queue) {}

  void OnPodAdd(const std::shared_ptr<const k8s::core::v1::Pod>& pod);
  void OnPodUpdate(const std::shared_ptr<const k8s::core::v1::Pod>& old_pod,
                   const std::shared_ptr<const k8s::core::v1::Pod>& new_pod);
  // `pod` is the last state known.
  void OnPodDelete(const std::shared_ptr<const k8s::core::v1::Pod>& pod);

  void OnNodeAdd(const std::shared_ptr<const k8s::core::v1::Node>& node);
  void OnNodeUpdate(const std::shared_ptr<const k8s::core::v1::Node>& old_node,
                    const std::shared_ptr<const k8s::core::v1::Node>& new_node);
  void OnNodeDelete(const std::shared_ptr<const k8s::core::v1::Node>& node);

  // Whether this scheduler schedules `pod` (its spec.schedulerName, "" meaning
  // default-scheduler).
  bool Responsible(const k8s::core::v1::Pod& pod) const;

 private:
  const std::string scheduler_name_;
  cache::Cache& cache_;
  queue::SchedulingQueue& queue_;
};

// Whether a node change can make a pod fit that did not (upstream's
// nodeSchedulingPropertiesChange): allocatable, labels, taints, unschedulable.
bool NodeSchedulingPropertiesChanged(const k8s::core::v1::Node& old_node,
                                     const k8s::core::v1::Node& new_node);

}  // namespace kube::scheduler::core

#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// The Services of one namespace, from the scheduler's informer.
using ServiceLister =
    std::function<std::vector<std::shared_ptr<const k8s::core::v1::Service>>(const std::string& ns)>;

// Score: spreads the pods of one controller, and of the Services selecting the
// pod, across nodes (upstream's SelectorSpread). A pod on a node counts as a
// sibling when it is in the same namespace, not being deleted, has the same
// controller (ownerReference with controller=true, by uid) if the pod has one, and
// matches every Service selector that selects the pod. Nodes with fewer siblings
// score higher; when nodes carry topology.kubernetes.io/zone labels, zones count
// for two thirds, as upstream. Pods with neither controller nor Service skip it.
class SelectorSpread final : public framework::PreScorePlugin, public framework::ScorePlugin {
 public:
  // `services` may be empty: then only controllers spread.
  explicit SelectorSpread(ServiceLister services) : services_(std::move(services)) {}

  std::string_view Name() const override;
  // framework::PreScorePlugin
  framework::PluginStatus PreScore(framework::CycleState& state, const framework::PodInfo& pod,
                                   const std::vector<const framework::NodeInfo*>& nodes) override;
  // framework::ScorePlugin
  int64_t Score(const framework::CycleState& state, const framework::PodInfo& pod,
                const framework::NodeInfo& node) const override;
  void NormalizeScore(const framework::CycleState& state, const framework::PodInfo& pod,
                      std::vector<int64_t>& scores) const override;

 private:
  const ServiceLister services_;  // constant after construction; thread-safe
};

// The uid of the pod's controller (the ownerReference with controller=true), or "".
std::string ControllerUid(const k8s::core::v1::Pod& pod);

}  // namespace kube::scheduler::plugins

#include "scheduler/core/event_handlers.h"

#include <google/protobuf/util/message_differencer.h>

#include "scheduler/framework/pod_info.h"

namespace kube::scheduler::core {
namespace {

using google::protobuf::util::MessageDifferencer;

bool Assigned(const k8s::core::v1::Pod& pod) { return !pod.spec().nodename().empty(); }

template <typename Map>
bool SameMap(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end()) return false;
    if constexpr (std::is_same_v<typename Map::mapped_type, std::string>) {
      if (it->second != value) return false;
    } else {
      if (!MessageDifferencer::Equals(it->second, value)) return false;
    }
  }
  return true;
}

}  // namespace

bool NodeSchedulingPropertiesChanged(const k8s::core::v1::Node& old_node,
                                     const k8s::core::v1::Node& new_node) {
  if (old_node.spec().unschedulable() != new_node.spec().unschedulable()) return true;
  if (!SameMap(old_node.metadata().labels(), new_node.metadata().labels())) return true;
  if (!SameMap(old_node.status().allocatable(), new_node.status().allocatable())) return true;
  if (old_node.spec().taints_size() != new_node.spec().taints_size()) return true;
  for (int i = 0; i < old_node.spec().taints_size(); ++i) {
    const auto& a = old_node.spec().taints(i);
    const auto& b = new_node.spec().taints(i);
    if (a.key() != b.key() || a.value() != b.value() || a.effect() != b.effect()) return true;
  }
  return false;
}

bool EventHandlers::Responsible(const k8s::core::v1::Pod& pod) const {
  const std::string& name = pod.spec().schedulername();
  return name == scheduler_name_ || (name.empty() && scheduler_name_ == "default-scheduler");
}

void EventHandlers::OnPodAdd(const std::shared_ptr<const k8s::core::v1::Pod>& pod) {
  if (Assigned(*pod)) {
    if (!framework::PodTerminated(*pod)) cache_.AddPod(framework::PodInfo::New(pod));
    return;
  }
  if (Responsible(*pod) && !framework::PodTerminated(*pod)) {
    queue_.Add(framework::PodInfo::New(pod));
  }
}

void EventHandlers::OnPodUpdate(const std::shared_ptr<const k8s::core::v1::Pod>& old_pod,
                                const std::shared_ptr<const k8s::core::v1::Pod>& new_pod) {
  if (old_pod == new_pod) return;  // a resync
  if (Assigned(*new_pod)) {
    if (!Assigned(*old_pod)) queue_.Delete(*new_pod);  // bound: no longer pending
    if (framework::PodTerminated(*new_pod)) {
      // Finished pods hold nothing: their room may fit a waiting pod.
      if (!framework::PodTerminated(*old_pod) || !Assigned(*old_pod)) {
        cache_.RemovePod(*new_pod);
        queue_.MoveAllToActiveOrBackoff("AssignedPodTerminated");
      }
      return;
    }
    cache_.UpdatePod(framework::PodInfo::New(new_pod));
    return;
  }
  if (!Responsible(*new_pod) || framework::PodTerminated(*new_pod)) {
    queue_.Delete(*new_pod);
    return;
  }
  queue_.Update(*old_pod, framework::PodInfo::New(new_pod));
}

void EventHandlers::OnPodDelete(const std::shared_ptr<const k8s::core::v1::Pod>& pod) {
  if (Assigned(*pod)) {
    cache_.RemovePod(*pod);
    queue_.MoveAllToActiveOrBackoff("AssignedPodDelete");
    return;
  }
  queue_.Delete(*pod);
}

void EventHandlers::OnNodeAdd(const std::shared_ptr<const k8s::core::v1::Node>& node) {
  cache_.AddNode(node);
  queue_.MoveAllToActiveOrBackoff("NodeAdd");
}

void EventHandlers::OnNodeUpdate(const std::shared_ptr<const k8s::core::v1::Node>& old_node,
                                 const std::shared_ptr<const k8s::core::v1::Node>& new_node) {
  if (old_node == new_node) return;  // a resync
  cache_.UpdateNode(new_node);
  if (NodeSchedulingPropertiesChanged(*old_node, *new_node)) {
    queue_.MoveAllToActiveOrBackoff("NodeUpdate");
  }
}

void EventHandlers::OnNodeDelete(const std::shared_ptr<const k8s::core::v1::Node>& node) {
  cache_.RemoveNode(node->metadata().name());
}

}  // namespace kube::scheduler::core

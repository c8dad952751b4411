#include "apiserver/authorization/node/node_graph_feeder.h"

namespace kube::apiserver::node {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::Pod;

ObjectName NameOf(const Pod& pod) { return {pod.metadata().namespace_(), pod.metadata().name()}; }

}  // namespace

NodeGraphFeeder::NodeGraphFeeder(const Store& pods, const Store& volumes, NodeGraph& graph) {
  StoreInformer::Handler pod_handler;
  pod_handler.replace = [&graph](std::vector<SharedObject> objects) {
    std::vector<std::pair<ObjectName, PodReferences>> pods;
    pods.reserve(objects.size());
    for (const SharedObject& object : objects) {
      const auto& pod = static_cast<const Pod&>(*object);
      pods.emplace_back(NameOf(pod), ReferencesOf(pod));
    }
    graph.ReplacePods(std::move(pods));
  };
  pod_handler.apply = [&graph](const WatchEvent& event) {
    const auto& pod = static_cast<const Pod&>(*event.object);
    if (event.type == "DELETED") {
      graph.RemovePod(NameOf(pod));
    } else {
      graph.SetPod(NameOf(pod), ReferencesOf(pod));
    }
  };
  StoreInformer::Handler volume_handler;
  volume_handler.replace = [&graph](std::vector<SharedObject> objects) {
    std::vector<std::pair<std::string, VolumeReferences>> volumes;
    volumes.reserve(objects.size());
    for (const SharedObject& object : objects) {
      const auto& volume = static_cast<const PersistentVolume&>(*object);
      volumes.emplace_back(volume.metadata().name(), ReferencesOf(volume));
    }
    graph.ReplaceVolumes(std::move(volumes));
  };
  volume_handler.apply = [&graph](const WatchEvent& event) {
    const auto& volume = static_cast<const PersistentVolume&>(*event.object);
    if (event.type == "DELETED") {
      graph.RemoveVolume(volume.metadata().name());
    } else {
      graph.SetVolume(volume.metadata().name(), ReferencesOf(volume));
    }
  };
  pods_ = std::make_unique<StoreInformer>(pods, std::move(pod_handler));
  volumes_ = std::make_unique<StoreInformer>(volumes, std::move(volume_handler));
}

bool NodeGraphFeeder::WaitForSync(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  return pods_->WaitForSync(timeout) && volumes_->WaitForSync(deadline - absl::Now());
}

void NodeGraphFeeder::CatchUp(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  pods_->WaitUntilCurrent(timeout);
  volumes_->WaitUntilCurrent(deadline - absl::Now());
}

}  // namespace kube::apiserver::node

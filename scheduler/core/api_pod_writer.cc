#include "scheduler/core/api_pod_writer.h"

#include "common/client/client.h"
#include "common/client/resources.h"
#include "common/codec/json_encode.h"
#include "common/util/strings.h"

namespace kube::scheduler::core {

absl::Status ApiPodWriter::Bind(const k8s::core::v1::Pod& pod, const std::string& node) {
  k8s::core::v1::Binding binding;
  binding.mutable_metadata()->set_name(pod.metadata().name());
  binding.mutable_metadata()->set_namespace_(pod.metadata().namespace_());
  binding.mutable_metadata()->set_uid(pod.metadata().uid());
  binding.mutable_target()->set_kind("Node");
  binding.mutable_target()->set_name(node);
  return transport_
      ->Create(client::ResourceFor<k8s::core::v1::Pod>(), pod.metadata().namespace_(), binding, {},
               "binding")
      .status();
}

absl::Status ApiPodWriter::PatchCondition(const k8s::core::v1::Pod& pod,
                                          const k8s::core::v1::PodCondition& condition) {
  // Only the condition: conditions merge by type, everything else is left alone.
  std::string patch = StrCat("{\"status\":{\"conditions\":[", codec::EncodeJson(condition), "]}}");
  return transport_
      ->Patch(client::ResourceFor<k8s::core::v1::Pod>(), pod.metadata().namespace_(),
              pod.metadata().name(), client::kStrategicMergePatch, patch, {}, "status")
      .status();
}

}  // namespace kube::scheduler::core

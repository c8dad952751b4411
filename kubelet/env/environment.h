#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/objects/object_source.h"

namespace kube::kubelet {

// What a container's environment may refer to besides its own spec.
struct EnvContext {
  const k8s::core::v1::Pod* pod = nullptr;
  std::string pod_ip;
  std::string host_ip;
  ObjectSource* objects = nullptr;
  // Node allocatable: what resourceFieldRef reports for a limit that is not set.
  int64_t node_allocatable_milli_cpu = 0;
  int64_t node_allocatable_memory = 0;
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

// The container's environment in upstream's order: envFrom sources first, then
// env, a later name replacing an earlier one's value in place. env values expand
// $(VAR) references to variables defined before them. A reference that cannot be
// resolved (missing ConfigMap, Secret or key that is not optional, an unknown
// fieldPath) is FailedPrecondition with upstream's message: the container waits
// with reason CreateContainerConfigError.
absl::StatusOr<EnvList> MakeEnvironment(const k8s::core::v1::Container& container,
                                        const EnvContext& context);

// The container's command and args with $(VAR) references to `env` expanded.
std::vector<std::string> ExpandCommand(const google::protobuf::RepeatedPtrField<std::string>& words,
                                       const EnvList& env);

// The value of a downward API fieldPath ("metadata.name", "status.podIP",
// "metadata.labels['app']", ...); InvalidArgument for an unsupported path.
absl::StatusOr<std::string> PodFieldValue(const k8s::core::v1::Pod& pod,
                                          const std::string& field_path, const std::string& pod_ip,
                                          const std::string& host_ip);

}  // namespace kube::kubelet

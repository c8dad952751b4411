#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// What the runtime holds for one pod, found through the kubelet's labels: the
// kubelet's only memory of a pod's containers, so a restarted kubelet sees the
// same thing as the one before it.
struct RuntimePod {
  std::string uid;
  std::string name;
  std::string namespace_;
  std::vector<PodSandboxStatus> sandboxes;  // newest first
  std::vector<ContainerStatus> containers;  // newest first (by attempt, then creation)

  // The newest instance of the named container, or nullptr.
  const ContainerStatus* Latest(const std::string& container_name) const;
  // The instance before the newest one, or nullptr.
  const ContainerStatus* Previous(const std::string& container_name) const;
  // The newest sandbox, or nullptr.
  const PodSandboxStatus* LatestSandbox() const {
    return sandboxes.empty() ? nullptr : &sandboxes.front();
  }
  bool Empty() const { return sandboxes.empty() && containers.empty(); }
};

// Every pod the kubelet has in the runtime, by pod uid.
absl::StatusOr<std::map<std::string, RuntimePod>> ListRuntimePods(Runtime& runtime);
// One pod's sandboxes and containers (empty when the runtime has none), each with
// its full status (IPs, exit codes, times), where ListRuntimePods has the runtime's
// list summaries only.
absl::StatusOr<RuntimePod> GetRuntimePod(Runtime& runtime, const std::string& uid);

// Groups already-listed objects (ListRuntimePods without the calls).
std::map<std::string, RuntimePod> GroupRuntimePods(std::vector<PodSandboxStatus> sandboxes,
                                                   std::vector<ContainerStatus> containers);

// The container's id as the API shows it: "containerd://<id>".
std::string ApiContainerId(const std::string& runtime_name, const std::string& id);

}  // namespace kube::kubelet

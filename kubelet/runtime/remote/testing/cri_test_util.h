#pragma once

// Test-only helpers shared by the remote runtime's tests: a node or a SKIPPED
// warning, a connected runtime, bounded polling, and pod and container configs.

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "common/util/strings.h"
#include "kubelet/runtime/remote/remote_runtime.h"
#include "kubelet/runtime/remote/testing/containerd_node.h"
#include "tests/support/eventually.h"

namespace kube::kubelet::testing {

using kube::testing::Eventually;

// A node, or null after a SKIPPED warning when this machine cannot run one.
inline std::unique_ptr<ContainerdNode> StartNodeOrSkip(const ContainerdNodeOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<ContainerdNode>> node = ContainerdNode::Start(options);
  if (node.status().code() == absl::StatusCode::kFailedPrecondition) {
    WARN("SKIPPED: the CRI tests need a real containerd, but " << node.status().message()
                                                                << "; they did not run");
    return nullptr;
  }
  if (!node.ok()) FAIL(node.status().ToString());
  return std::move(*node);
}

inline std::unique_ptr<Runtime> Connect(const ContainerdNode& node) {
  absl::StatusOr<std::unique_ptr<Runtime>> runtime =
      NewRemoteRuntime(node.endpoint(), absl::Seconds(30));
  if (!runtime.ok()) FAIL(runtime.status().ToString());
  return std::move(*runtime);
}

// A pod whose logs and cgroups stay inside the node's directory and cgroup parent.
inline PodSandboxConfig PodConfig(const ContainerdNode& node, const std::string& name) {
  PodSandboxConfig config;
  config.name = name;
  config.uid = StrCat("uid-", name);
  config.namespace_ = "default";
  config.hostname = name;
  config.log_directory = StrCat(node.dir(), "/pods/default_", name);
  config.dns_servers = {"10.96.0.10"};
  config.dns_searches = {"default.svc.cluster.local"};
  config.dns_options = {"ndots:5"};
  config.labels = {{"io.kubernetes.pod.name", name}, {"test", "cri"}};
  config.annotations = {{"kube.test/note", "remote runtime test"}};
  config.cgroup_parent = StrCat(node.cgroup_parent(), "/pod-", name);
  return config;
}

// busybox running `/bin/sh -c script`, logging to NAME/0.log.
inline ContainerConfig ShellContainer(const std::string& name, const std::string& script) {
  ContainerConfig config;
  config.name = name;
  config.image = "busybox";  // containerd normalizes it to docker.io/library/busybox:latest
  config.command = {"/bin/sh", "-c"};
  config.args = {script};
  config.log_path = StrCat(name, "/0.log");
  config.labels = {{"io.kubernetes.container.name", name}};
  config.annotations = {{"kube.test/container", name}};
  return config;
}

// The container's status once it has exited (or the last one seen, or the error).
inline absl::StatusOr<ContainerStatus> WaitUntilExited(Runtime& runtime, const std::string& id,
                                                       absl::Duration timeout) {
  absl::StatusOr<ContainerStatus> status;
  Eventually(
      [&] {
        status = runtime.GetContainerStatus(id);
        return !status.ok() || status->state == ContainerState::kExited;
      },
      timeout);
  return status;
}

}  // namespace kube::kubelet::testing

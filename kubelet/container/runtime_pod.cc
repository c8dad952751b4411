#include "kubelet/container/runtime_pod.h"

#include <algorithm>

#include "common/util/strings.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

std::string LabelOf(const std::map<std::string, std::string>& labels, const char* key) {
  auto it = labels.find(key);
  return it == labels.end() ? "" : it->second;
}

uint32_t AttemptOf(const ContainerStatus& container) {
  return std::max(container.attempt, RestartCountOf(container.annotations));
}

RuntimePod& PodFor(std::map<std::string, RuntimePod>& pods,
                   const std::map<std::string, std::string>& labels) {
  std::string uid = LabelOf(labels, kPodUidLabel);
  RuntimePod& pod = pods[uid];
  if (pod.uid.empty()) {
    pod.uid = uid;
    pod.name = LabelOf(labels, kPodNameLabel);
    pod.namespace_ = LabelOf(labels, kPodNamespaceLabel);
  }
  return pod;
}

}  // namespace

const ContainerStatus* RuntimePod::Latest(const std::string& container_name) const {
  for (const ContainerStatus& container : containers) {
    if (container.name == container_name) return &container;
  }
  return nullptr;
}

const ContainerStatus* RuntimePod::Previous(const std::string& container_name) const {
  bool seen_latest = false;
  for (const ContainerStatus& container : containers) {
    if (container.name != container_name) continue;
    if (seen_latest) return &container;
    seen_latest = true;
  }
  return nullptr;
}

std::map<std::string, RuntimePod> GroupRuntimePods(std::vector<PodSandboxStatus> sandboxes,
                                                   std::vector<ContainerStatus> containers) {
  std::map<std::string, RuntimePod> pods;
  for (PodSandboxStatus& sandbox : sandboxes) {
    if (LabelOf(sandbox.labels, kPodUidLabel).empty()) continue;  // not the kubelet's
    PodFor(pods, sandbox.labels).sandboxes.push_back(std::move(sandbox));
  }
  for (ContainerStatus& container : containers) {
    if (LabelOf(container.labels, kPodUidLabel).empty()) continue;
    if (container.name.empty()) container.name = LabelOf(container.labels, kContainerNameLabel);
    PodFor(pods, container.labels).containers.push_back(std::move(container));
  }
  for (auto& [uid, pod] : pods) {
    std::sort(pod.sandboxes.begin(), pod.sandboxes.end(),
              [](const PodSandboxStatus& a, const PodSandboxStatus& b) {
                if (a.attempt != b.attempt) return a.attempt > b.attempt;
                return a.created_at > b.created_at;
              });
    std::sort(pod.containers.begin(), pod.containers.end(),
              [](const ContainerStatus& a, const ContainerStatus& b) {
                uint32_t attempt_a = AttemptOf(a), attempt_b = AttemptOf(b);
                if (attempt_a != attempt_b) return attempt_a > attempt_b;
                return a.created_at > b.created_at;
              });
  }
  return pods;
}

absl::StatusOr<std::map<std::string, RuntimePod>> ListRuntimePods(Runtime& runtime) {
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime.ListPodSandboxes();
  if (!sandboxes.ok()) return sandboxes.status();
  absl::StatusOr<std::vector<ContainerStatus>> containers = runtime.ListContainers({});
  if (!containers.ok()) return containers.status();
  return GroupRuntimePods(std::move(*sandboxes), std::move(*containers));
}

absl::StatusOr<RuntimePod> GetRuntimePod(Runtime& runtime, const std::string& uid) {
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime.ListPodSandboxes();
  if (!sandboxes.ok()) return sandboxes.status();
  std::vector<PodSandboxStatus> mine;
  for (PodSandboxStatus& sandbox : *sandboxes) {
    if (LabelOf(sandbox.labels, kPodUidLabel) == uid) mine.push_back(std::move(sandbox));
  }
  ContainerFilter filter;
  filter.labels[kPodUidLabel] = uid;
  absl::StatusOr<std::vector<ContainerStatus>> containers = runtime.ListContainers(filter);
  if (!containers.ok()) return containers.status();
  // Lists are summaries (CRI's ListContainers has no exit codes or times, its
  // ListPodSandbox no IPs): ask for each object's full status.
  for (PodSandboxStatus& sandbox : mine) {
    absl::StatusOr<PodSandboxStatus> full = runtime.GetPodSandboxStatus(sandbox.id);
    if (full.ok()) {
      if (full->labels.empty()) full->labels = sandbox.labels;
      sandbox = std::move(*full);
    } else if (!absl::IsNotFound(full.status())) {
      return full.status();
    }
  }
  for (ContainerStatus& container : *containers) {
    absl::StatusOr<ContainerStatus> full = runtime.GetContainerStatus(container.id);
    if (full.ok()) {
      if (full->labels.empty()) full->labels = container.labels;
      if (full->annotations.empty()) full->annotations = container.annotations;
      if (full->sandbox_id.empty()) full->sandbox_id = container.sandbox_id;
      container = std::move(*full);
    } else if (!absl::IsNotFound(full.status())) {
      return full.status();
    }
  }
  std::map<std::string, RuntimePod> pods =
      GroupRuntimePods(std::move(mine), std::move(*containers));
  auto it = pods.find(uid);
  if (it == pods.end()) {
    RuntimePod empty;
    empty.uid = uid;
    return empty;
  }
  return std::move(it->second);
}

std::string ApiContainerId(const std::string& runtime_name, const std::string& id) {
  return kube::StrCat(runtime_name, "://", id);
}

}  // namespace kube::kubelet

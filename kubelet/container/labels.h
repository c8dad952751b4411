#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {

// Labels and annotations the kubelet puts on sandboxes and containers, with
// upstream's keys, so that a restarted kubelet (ours or upstream's) finds its pods
// in the runtime again and `crictl` shows familiar names.
inline constexpr char kPodNameLabel[] = "io.kubernetes.pod.name";
inline constexpr char kPodNamespaceLabel[] = "io.kubernetes.pod.namespace";
inline constexpr char kPodUidLabel[] = "io.kubernetes.pod.uid";
inline constexpr char kContainerNameLabel[] = "io.kubernetes.container.name";
// Marks sandboxes and containers as the kubelet's (others in the runtime are ignored).
inline constexpr char kManagedLabel[] = "io.kubernetes.kubelet.managed";

inline constexpr char kContainerHashAnnotation[] = "io.kubernetes.container.hash";
inline constexpr char kRestartCountAnnotation[] = "io.kubernetes.container.restartCount";
inline constexpr char kTerminationGracePeriodAnnotation[] =
    "io.kubernetes.pod.terminationGracePeriod";

// Labels of the pod's sandbox: the pod's own labels plus the identifying ones.
std::map<std::string, std::string> SandboxLabels(const k8s::core::v1::Pod& pod);
// Labels of one of the pod's containers.
std::map<std::string, std::string> ContainerLabels(const k8s::core::v1::Pod& pod,
                                                   const std::string& container_name);
// Annotations of a container: its spec hash, restart count and the pod's grace period.
std::map<std::string, std::string> ContainerAnnotations(const k8s::core::v1::Pod& pod,
                                                        const k8s::core::v1::Container& container,
                                                        uint32_t restart_count);

// A stable hash of a container's spec (FNV-1a over its deterministic encoding):
// a running container whose hash differs from the spec's is replaced.
std::string ContainerHash(const k8s::core::v1::Container& container);

// The restart count recorded on a container (0 when absent or malformed).
uint32_t RestartCountOf(const std::map<std::string, std::string>& annotations);
// The grace period recorded on a container (30 s when absent).
int64_t GracePeriodOf(const std::map<std::string, std::string>& annotations);

}  // namespace kube::kubelet

#pragma once

// Conversions between the kubelet's runtime types (kubelet/runtime/runtime.h) and
// CRI runtime.v1 messages. Pure functions: no I/O, so they are tested without a
// runtime.

#include <cstdint>

#include "absl/time/time.h"
#include "cri/cri_service.pb.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet::remote {

namespace cri = ::runtime::v1;

// CRI timestamps are nanoseconds since the epoch, 0 meaning "not set".
absl::Time TimeFromNanos(int64_t nanos);  // 0 -> InfinitePast
int64_t NanosFromTime(absl::Time time);   // InfinitePast -> 0

// CRI durations (stop and exec timeouts) are whole seconds; rounds up so a short
// timeout is never 0 ("kill at once" / "no limit"), except for a zero one.
int64_t SecondsRoundedUp(absl::Duration duration);

// Sandboxes. Host network puts the sandbox in the node's network namespace; every
// sandbox gets its own PID namespace (the kubelet's default for v1 pods).
cri::PodSandboxConfig ToCri(const PodSandboxConfig& config);
PodSandboxStatus FromCri(const cri::PodSandboxStatus& status);
// A list entry: as FromCri(PodSandboxStatus) but without the IP, which CRI's
// ListPodSandbox does not return.
PodSandboxStatus FromCri(const cri::PodSandbox& sandbox);

// Containers. Namespaces follow the sandbox's (host network when it has it) with a
// PID namespace of the container's own.
cri::ContainerConfig ToCri(const ContainerConfig& config, const PodSandboxConfig& sandbox);
cri::ContainerFilter ToCri(const ContainerFilter& filter);
cri::ContainerState ToCri(ContainerState state);
ContainerState FromCri(cri::ContainerState state);
// Full status, except sandbox_id, which CRI's ContainerStatus does not carry.
ContainerStatus FromCri(const cri::ContainerStatus& status);
// A list entry: id, sandbox_id, name, attempt, state, created_at, image, image_ref,
// labels and annotations; no times past creation, exit code, reason or log path.
ContainerStatus FromCri(const cri::Container& container);
ContainerStats FromCri(const cri::ContainerStats& stats);

// Images.
ImageInfo FromCri(const cri::Image& image);

}  // namespace kube::kubelet::remote

#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// A Runtime that is a CRI runtime.v1 client (containerd's CRI plugin, or any CRI
// server) over gRPC.
//
// `endpoint` is the runtime's socket: "unix:///run/containerd/containerd.sock" or a
// bare path. `timeout` bounds each call; calls that wait by design get it on top of
// their own wait (StopContainer's grace period, ExecSync's timeout), RunPodSandbox
// gets twice as long (CNI runs inside it), PullImage at least kMinPullTimeout.
// Fails Unavailable when the runtime does not answer a Version call within
// `timeout`, Unimplemented when it does not serve runtime.v1.
//
// What CRI's list calls return is a summary, and so is what these list calls
// return: ListContainers fills id, sandbox_id, name, attempt, state, created_at,
// image, image_ref, labels and annotations (no start/finish times, exit code,
// reason or log path: ask GetContainerStatus); ListPodSandboxes leaves ip empty
// (ask GetPodSandboxStatus). A container's image_ref is what the runtime reports:
// containerd 1.6 gives the repo digest ("registry/name@sha256:...") when it knows
// one and the image id (what PullImage returns) otherwise. Thread-safe.
absl::StatusOr<std::unique_ptr<Runtime>> NewRemoteRuntime(const std::string& endpoint,
                                                          absl::Duration timeout);

// The least deadline a PullImage call gets: pulls move whole images.
inline constexpr absl::Duration kMinPullTimeout = absl::Minutes(10);

}  // namespace kube::kubelet

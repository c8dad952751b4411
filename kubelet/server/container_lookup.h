#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// The runtime's container named `container` in pod `ns`/`pod` (found by the
// labels the kubelet puts on containers): the newest instance, or with
// `previous` the one before it. NotFound, worded for the client, when there is
// none.
absl::StatusOr<ContainerStatus> FindPodContainer(Runtime& runtime, const std::string& ns,
                                                 const std::string& pod,
                                                 const std::string& container, bool previous);

}  // namespace kube::kubelet

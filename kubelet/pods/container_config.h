#pragma once

#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "kubelet/env/environment.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// The runtime config of one container instance: command and args with $(VAR)
// expanded, env, working dir, mounts, resources, the kubelet's labels and
// annotations (restart count = `attempt`), and its log file
// "<container>/<attempt>.log" under the sandbox's log directory.
ContainerConfig MakeContainerConfig(const k8s::core::v1::Pod& pod,
                                    const k8s::core::v1::Container& container, uint32_t attempt,
                                    const std::string& image_ref, const EnvList& env,
                                    std::vector<Mount> mounts);

}  // namespace kube::kubelet

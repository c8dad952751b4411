#pragma once

#include <memory>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "kubelet/env/environment.h"
#include "kubelet/objects/object_source.h"

namespace kube::kubelet {

// The Services whose variables a pod's containers get, as upstream: every Service
// of the pod's namespace (unless spec.enableServiceLinks is false) and the master
// Service `kubernetes` of the default namespace (always). A Service of the pod's
// namespace wins over a default one of the same name.
std::vector<std::shared_ptr<const k8s::core::v1::Service>> ServicesForPod(
    const k8s::core::v1::Pod& pod, ObjectSource& objects);

// Upstream's service environment: for each Service with a cluster IP,
// NAME_SERVICE_HOST, NAME_SERVICE_PORT (first port), NAME_SERVICE_PORT_<PORTNAME>
// for named ports, and the Docker link variables NAME_PORT, NAME_PORT_<port>_<PROTO>
// with _PROTO, _PORT and _ADDR. NAME is the Service's name upper-cased with '-'
// as '_'. Headless and ExternalName Services have no variables.
EnvList ServiceEnvironment(const std::vector<std::shared_ptr<const k8s::core::v1::Service>>& services);

}  // namespace kube::kubelet

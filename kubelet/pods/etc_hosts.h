#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {

// The /etc/hosts the kubelet manages for a pod: localhost entries, the pod's own
// name on its IP (with its FQDN when it has a subdomain) and spec.hostAliases.
std::string EtcHostsContent(const k8s::core::v1::Pod& pod, const std::string& pod_ip,
                            const std::string& cluster_domain);

// Writes it to <pod_dir>/etc_hosts and returns that path.
absl::StatusOr<std::string> WriteEtcHosts(const std::string& pod_dir, const k8s::core::v1::Pod& pod,
                                          const std::string& pod_ip,
                                          const std::string& cluster_domain);

// Whether containers of the pod get the managed file (not under hostNetwork, and
// not when the container mounts something at /etc/hosts itself).
bool WantsEtcHosts(const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container);

}  // namespace kube::kubelet

#pragma once

#include <string>
#include <vector>

#include "kube-proxy/proxier/snapshot.h"

namespace kube::proxy::testing {

// A TCP service port "ns/name:port_name" on cluster_ip:port with these ready
// endpoint IPs (all on target_port, none local), for rule-generation tests.
proxier::ServicePortInfo MakePort(const std::string& ns, const std::string& name,
                                  const std::string& port_name, const std::string& cluster_ip,
                                  int port, const std::vector<std::string>& endpoint_ips,
                                  int target_port);

}  // namespace kube::proxy::testing

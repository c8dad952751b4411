#include "kube-proxy/testing/builders.h"

namespace kube::proxy::testing {

proxier::ServicePortInfo MakePort(const std::string& ns, const std::string& name,
                                  const std::string& port_name, const std::string& cluster_ip,
                                  int port, const std::vector<std::string>& endpoint_ips,
                                  int target_port) {
  proxier::ServicePortInfo info;
  info.ns = ns;
  info.name = name;
  info.port_name = port_name;
  info.cluster_ip = cluster_ip;
  info.port = port;
  for (const std::string& ip : endpoint_ips) info.endpoints.push_back({ip, target_port, false});
  return info;
}

}  // namespace kube::proxy::testing

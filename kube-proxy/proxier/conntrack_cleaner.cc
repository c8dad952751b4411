#include "kube-proxy/proxier/conntrack_cleaner.h"

#include <algorithm>
#include <map>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::proxy::proxier {
namespace {

constexpr char kConntrack[] = "/usr/sbin/conntrack";

std::string Key(const ServicePortInfo& port) {
  return StrCat(port.ServicePortName(), "/", ProtocolName(port.protocol));
}

// Every destination a client may have used for `port`: the cluster IP, the
// external and load-balancer IPs (all on the service port), and the node port.
void AddDeletions(const ServicePortInfo& port, const std::string* endpoint_ip,
                  std::vector<std::vector<std::string>>& out) {
  auto add = [&](std::vector<std::string> match) {
    std::vector<std::string> argv = {kConntrack, "-D", "-p", "udp"};
    argv.insert(argv.end(), match.begin(), match.end());
    if (endpoint_ip != nullptr) {
      argv.push_back("--dst-nat");
      argv.push_back(*endpoint_ip);
    }
    out.push_back(std::move(argv));
  };
  add({"--orig-dst", port.cluster_ip});
  for (const std::string& ip : port.external_ips) add({"--orig-dst", ip});
  for (const std::string& ip : port.load_balancer_ips) add({"--orig-dst", ip});
  if (port.node_port != 0) add({"--dport", std::to_string(port.node_port)});
}

}  // namespace

std::vector<std::vector<std::string>> StaleConntrackCommands(const Snapshot& before,
                                                             const Snapshot& after) {
  std::map<std::string, const ServicePortInfo*> now;
  for (const ServicePortInfo& port : after.ports) now[Key(port)] = &port;
  std::vector<std::vector<std::string>> out;
  for (const ServicePortInfo& old_port : before.ports) {
    if (old_port.protocol != Protocol::kUdp) continue;
    auto found = now.find(Key(old_port));
    const ServicePortInfo* new_port = found == now.end() ? nullptr : found->second;
    for (const Endpoint& endpoint : old_port.endpoints) {
      const bool still_there =
          new_port != nullptr && std::any_of(new_port->endpoints.begin(), new_port->endpoints.end(),
                                             [&](const Endpoint& e) { return e.ip == endpoint.ip; });
      if (!still_there) AddDeletions(old_port, &endpoint.ip, out);
    }
  }
  for (const ServicePortInfo& port : after.ports) {
    if (port.protocol != Protocol::kUdp || port.endpoints.empty()) continue;
    bool had_endpoints = false;
    for (const ServicePortInfo& old_port : before.ports) {
      if (Key(old_port) == Key(port)) had_endpoints = !old_port.endpoints.empty();
    }
    if (!had_endpoints) AddDeletions(port, nullptr, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void DeleteStaleConntrack(runner::Runner& runner, const Snapshot& before, const Snapshot& after) {
  for (const std::vector<std::string>& argv : StaleConntrackCommands(before, after)) {
    absl::StatusOr<runner::CommandResult> result = runner.Run(argv);
    if (!result.ok()) {
      KLOG(Warning) << "conntrack: " << result.status();
    } else if (result->exit_code != 0 && result->exit_code != 1) {
      KLOG(Warning) << StrJoin(argv, " ") << " exited " << result->exit_code << ": " << result->err;
    } else {
      VLOG(2) << StrJoin(argv, " ") << ": " << result->err;
    }
  }
}

}  // namespace kube::proxy::proxier

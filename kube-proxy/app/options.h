#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::proxy::app {

// Everything kube-proxy is configured with. Defaults and flag names are upstream's.
struct Options {
  std::string kubeconfig;         // "" : $KUBECONFIG, then ~/.kube/config
  std::string hostname_override;  // the node's name; "" : the hostname
  std::string proxy_mode = "iptables";  // iptables | nftables
  std::string cluster_cidr;  // traffic to a cluster IP from outside it is masqueraded
  // host:port. "" serves nothing; port 0 binds a free port (logged), so tests can
  // run several kube-proxies side by side.
  std::string healthz_bind_address = "0.0.0.0:10256";
  std::string metrics_bind_address = "127.0.0.1:10249";
  absl::Duration sync_period = absl::Seconds(30);
  absl::Duration min_sync_period = absl::Seconds(1);
  bool masquerade_all = false;
  bool cleanup = false;  // remove everything kube-proxy programs, then exit
};

// A parsed bind address.
struct BindAddress {
  std::string host;
  int port = 0;
};

// "host:port" or "[v6]:port"; a bare host takes `default_port`. InvalidArgument
// on anything else.
absl::StatusOr<BindAddress> ParseBindAddress(const std::string& text, int default_port);

// Checks the options; InvalidArgument naming the flag at fault.
absl::Status Validate(const Options& options);

// The node name to use: --hostname-override, else the lower-cased hostname.
std::string NodeName(const Options& options);

}  // namespace kube::proxy::app

#pragma once

#include <string>

namespace kube::dns::app {

// cluster-dns's settings, from its flags.
struct Options {
  std::string kubeconfig;
  std::string bind_address = "0.0.0.0";
  int port = 53;                  // DNS over UDP and TCP; 0 picks a free port
  std::string cluster_domain = "cluster.local";
  // /healthz, /livez, /readyz, /metrics. 8181 is CoreDNS's readiness port; 8080
  // (its health port) is kube-apiserver's insecure port here. 0 serves none.
  int health_port = 8181;
  int ttl = 30;                   // seconds, of every record and of negative answers
};

}  // namespace kube::dns::app
